#pragma once

#include <cstdint>

#include "catalog/lookup.hpp"
#include "core/date.hpp"

namespace negotiateup::render {

// A hash of everything one guide is made from: its entry, company, role and
// regions, the peers' guides its levers quote, the policy and the templates. Two
// builds with the same hash write the same files.
std::uint64_t guide_input_hash(const catalog::Lookup& lookup, const catalog::CompanyRole& entry,
                               std::uint64_t templates_digest, core::Date today);

}  // namespace negotiateup::render
