#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "core/policy.hpp"

namespace negotiateup::aggregate {

// Fewer totals than this and there are no quartiles worth fencing with: every
// point is kept.
inline constexpr std::size_t kFewestFencedPoints = 4;

// The policy's outlier fence over one group's totals: the quartiles, widened by
// `outlier_fence` interquartile ranges on each side (Tukey's "far out" fence).
struct OutlierFence {
  double low = 0;
  double high = 0;
  bool outside(std::int64_t total) const {
    const auto t = static_cast<double>(total);
    return t < low || t > high;
  }
};

// The fence of a group whose totals are `sorted` (ascending), or nothing for
// fewer than kFewestFencedPoints. Used by aggregate on a band's points and by
// review on a submission's peers, so that both draw the same line.
std::optional<OutlierFence> outlier_fence(std::span<const std::int64_t> sorted,
                                          const core::Policy::Aggregation& policy);

}  // namespace negotiateup::aggregate
