#pragma once

#include <cstdint>
#include <optional>

#include "core/band.hpp"
#include "core/guide_record.hpp"
#include "core/percent.hpp"
#include "core/policy.hpp"

namespace negotiateup::core {

// base + stock / vesting years + base x bonus / 100, computed exactly and rounded
// once, to the policy's step (half away from zero).
std::int64_t total_comp(std::int64_t base, std::int64_t stock_grant, std::optional<Percent> bonus,
                        const Policy& policy);

// The totals of a region whose base and stock are both stated; empty otherwise.
std::optional<Band> total_comp_band(const RegionCompensation& region, const Policy& policy);

// The figure at `position` between low and high, rounded to the nearest `step`,
// but never outside the band: then rounded inward, or the band's end itself.
std::int64_t position_in_band(std::int64_t low, std::int64_t high, Percent position,
                              std::int64_t step);

}  // namespace negotiateup::core
