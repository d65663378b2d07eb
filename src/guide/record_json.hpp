#pragma once

#include <string>

#include "core/guide_record.hpp"
#include "json/writer.hpp"

namespace negotiateup::guide {

using JsonWriter = json::Writer;
using json::write_member;

// A guide's JSON document, indented as every JSON file we write.
class JsonText {
 public:
  JsonWriter& writer() { return writer_; }
  std::string str() { return writer_.text(); }

 private:
  JsonWriter writer_{json::Layout::indented};
};

// Writes the record's members into the object `writer` has open: the
// front-matter keys, in the same order; what is not known is null.
void write_record_members(JsonWriter& writer, const core::GuideRecord& record);

// The record as one JSON object.
std::string record_json(const core::GuideRecord& record);

}  // namespace negotiateup::guide
