#pragma once

#include <cstddef>
#include <span>

#include "core/percent.hpp"

namespace negotiateup::aggregate {

// How many points each source of a group may keep so that none makes up more than
// `share` of the points kept: the largest L with L <= share x (the sum over the
// sources of min(their points, L)). A source with more than L points keeps L of
// them; with fewer sources than 1 / share there is no such L above 0.
std::size_t source_cap(std::span<const std::size_t> points_per_source, core::Percent share);

// The rank (0 to had - 1, in the source's points sorted by their figures) of the
// i-th of the `kept` points a capped source keeps: the midpoints of `kept` equal
// slices of its ranks, so that what is kept spreads over the source's range and
// depends only on the figures, not on the order the store returns them in.
std::size_t kept_rank(std::size_t i, std::size_t kept, std::size_t had);

}  // namespace negotiateup::aggregate
