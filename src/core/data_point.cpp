#include "core/data_point.hpp"

#include <cmath>

#include "core/text.hpp"

namespace negotiateup::core {

std::string join_flags(const std::vector<std::string>& flags) {
  std::string text;
  for (const auto& flag : flags) text += (text.empty() ? "" : ",") + flag;
  return text;
}

std::vector<std::string> split_flags(std::string_view text) {
  std::vector<std::string> flags;
  for (const auto flag : split(text, ",")) {
    if (!flag.empty()) flags.emplace_back(flag);
  }
  return flags;
}

std::int64_t percentile_cont(std::span<const std::int64_t> sorted, double q) {
  const double position = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const auto above = std::min(below + 1, sorted.size() - 1);
  const double fraction = position - static_cast<double>(below);
  const double value = static_cast<double>(sorted[below]) +
                       fraction * static_cast<double>(sorted[above] - sorted[below]);
  return static_cast<std::int64_t>(std::llround(value));
}

}  // namespace negotiateup::core
