#pragma once

#include <nlohmann/json.hpp>

#include "core/guide_record.hpp"

namespace negotiateup::guide {

// The record as JSON whose keys are the front-matter keys, in the same order;
// what is not known is null.
nlohmann::ordered_json to_json(const core::GuideRecord& record);

}  // namespace negotiateup::guide
