#include "core/percent.hpp"

#include <fmt/format.h>

#include <cctype>

namespace negotiateup::core {

std::expected<Percent, std::string> parse_percent(std::string_view text) {
  const auto fail = [&] {
    return std::unexpected(fmt::format("a percentage such as 15 or 12.5, not '{}'", text));
  };
  std::int64_t whole = 0;
  std::int64_t fraction = 0;
  int fraction_digits = 0;
  bool seen_point = false;
  bool seen_digit = false;
  for (const char c : text) {
    if (c == '.' && !seen_point) {
      seen_point = true;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      seen_digit = true;
      if (seen_point) {
        if (++fraction_digits > 2) return fail();
        fraction = fraction * 10 + (c - '0');
      } else {
        whole = whole * 10 + (c - '0');
        if (whole > 100'000) return fail();
      }
    } else {
      return fail();
    }
  }
  if (!seen_digit || (seen_point && fraction_digits == 0)) return fail();
  if (fraction_digits == 1) fraction *= 10;
  return Percent{whole * 100 + fraction};
}

std::string format_percent(Percent percent) {
  const std::int64_t whole = percent.hundredths / 100;
  const std::int64_t fraction = percent.hundredths % 100;
  if (fraction == 0) return fmt::format("{}", whole);
  if (fraction % 10 == 0) return fmt::format("{}.{}", whole, fraction / 10);
  return fmt::format("{}.{:02}", whole, fraction);
}

}  // namespace negotiateup::core
