#pragma once

#include <cstdint>

#include "catalog/lookup.hpp"
#include "core/date.hpp"

namespace negotiateup::render {

// A hash of everything one guide is made from: its inputs as
// catalog::for_each_input lists them (guide_inputs.hpp), the templates, and the
// build date when the guide has none. Two builds with the same hash write the
// same files.
std::uint64_t guide_input_hash(const catalog::Lookup& lookup, const catalog::CompanyRole& entry,
                               std::uint64_t templates_digest, core::Date today);

}  // namespace negotiateup::render
