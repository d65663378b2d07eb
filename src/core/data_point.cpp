#include "core/data_point.hpp"

#include <cmath>

namespace negotiateup::core {

std::int64_t percentile_cont(const std::vector<std::int64_t>& sorted, double q) {
  const double position = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const auto above = std::min(below + 1, sorted.size() - 1);
  const double fraction = position - static_cast<double>(below);
  const double value = static_cast<double>(sorted[below]) +
                       fraction * static_cast<double>(sorted[above] - sorted[below]);
  return static_cast<std::int64_t>(std::llround(value));
}

}  // namespace negotiateup::core
