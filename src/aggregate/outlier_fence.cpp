#include "aggregate/outlier_fence.hpp"

#include "core/data_point.hpp"

namespace negotiateup::aggregate {

std::optional<OutlierFence> outlier_fence(std::span<const std::int64_t> sorted,
                                          const core::Policy::Aggregation& policy) {
  if (sorted.size() < kFewestFencedPoints) return std::nullopt;
  const auto q1 = static_cast<double>(core::percentile_cont(sorted, 0.25));
  const auto q3 = static_cast<double>(core::percentile_cont(sorted, 0.75));
  // The fence is kept as a Percent: 3 (300 hundredths) means three times the range.
  const double reach = static_cast<double>(policy.outlier_fence.hundredths) / 100 * (q3 - q1);
  return OutlierFence{q1 - reach, q3 + reach};
}

}  // namespace negotiateup::aggregate
