#pragma once

#include <string>

#include "core/guide_record.hpp"
#include "json/writer.hpp"

namespace negotiateup::guide {

// Writes the record's members into the object `writer` has open: the
// front-matter keys, in the same order; what is not known is null.
void write_record_members(json::Writer& writer, const core::GuideRecord& record);

// The record as one JSON object.
std::string record_json(const core::GuideRecord& record);

}  // namespace negotiateup::guide
