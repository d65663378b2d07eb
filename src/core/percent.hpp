#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

namespace negotiateup::core {

// A percentage kept exactly, in hundredths of a percent: 12.5% is 1250.
struct Percent {
  std::int64_t hundredths = 0;

  static constexpr Percent whole(std::int64_t percent) { return Percent{percent * 100}; }
  friend auto operator<=>(const Percent&, const Percent&) = default;
};

// "15", "12.5", "7.25" (at most two decimals).
std::expected<Percent, std::string> parse_percent(std::string_view text);
// "15", "12.5": the shortest exact form.
std::string format_percent(Percent percent);

}  // namespace negotiateup::core
