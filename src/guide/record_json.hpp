#pragma once

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/guide_record.hpp"

namespace negotiateup::guide {

// Guide JSON is written as a stream, never as a document tree: a build writes
// one per guide, and building and freeing a tree for each cost more than
// everything else about the JSON (docs/benchmarks.md).
using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

// A writer with two-space indents, the style of every JSON file we write.
class JsonText {
 public:
  JsonText() : writer_(buffer_) { writer_.SetIndent(' ', 2); }
  JsonWriter& writer() { return writer_; }
  // The text written so far, ending with a line break.
  std::string str() const { return std::string(buffer_.GetString(), buffer_.GetSize()) + "\n"; }

 private:
  rapidjson::StringBuffer buffer_;
  JsonWriter writer_;
};

void write_text(JsonWriter& writer, std::string_view text);
// A member of the object `writer` has open: a text, or a whole amount.
void write_member(JsonWriter& writer, const char* key, std::string_view text);
void write_member(JsonWriter& writer, const char* key, std::int64_t amount);

// Writes the record's members into the object `writer` has open: the
// front-matter keys, in the same order; what is not known is null.
void write_record_members(JsonWriter& writer, const core::GuideRecord& record);

// The record as one JSON object.
std::string record_json(const core::GuideRecord& record);

}  // namespace negotiateup::guide
