#include "aggregate/source_cap.hpp"

#include <algorithm>
#include <cstdint>

namespace negotiateup::aggregate {
namespace {

// Whether no source above `cap` points makes up more than `share` of the points
// kept when every source keeps at most `cap`.
bool within_share(std::span<const std::size_t> points_per_source, std::size_t cap,
                  core::Percent share) {
  std::size_t kept = 0;
  for (const auto points : points_per_source) kept += std::min(points, cap);
  // cap / kept <= hundredths / 10,000, in integers (hundredths is at most 10,000).
  return std::uint64_t{cap} * 10'000 <=
         std::uint64_t{kept} * static_cast<std::uint64_t>(share.hundredths);
}

}  // namespace

std::size_t source_cap(std::span<const std::size_t> points_per_source, core::Percent share) {
  std::size_t most = 0;
  for (const auto points : points_per_source) most = std::max(most, points);
  // share x sum(min(points, L)) - L is concave in L and 0 at 0, so the caps that
  // satisfy the share run from 0 to the one sought: a binary search finds it.
  std::size_t low = 0;  // satisfies the share
  std::size_t high = most;
  if (within_share(points_per_source, most, share)) return most;
  while (high - low > 1) {  // low satisfies, high does not
    const auto middle = low + (high - low) / 2;
    (within_share(points_per_source, middle, share) ? low : high) = middle;
  }
  return low;
}

std::size_t kept_rank(std::size_t i, std::size_t kept, std::size_t had) {
  return (2 * i + 1) * had / (2 * kept);
}

}  // namespace negotiateup::aggregate
