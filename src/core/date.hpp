#pragma once

#include <chrono>
#include <expected>
#include <string>
#include <string_view>

namespace negotiateup::core {

using Date = std::chrono::year_month_day;

// The years a date may fall in. Pay data and guides are of the last hundred
// years; the year 0000 (which the proleptic calendar has, and ISO 8601 allows) is
// a typo, and a date past 9999 has no YYYY-MM-DD form.
inline constexpr int kFirstYear = 1900;
inline constexpr int kLastYear = 9999;

// The one check of a date read from input, whatever its format: it exists (no
// 2026-02-30) and its year is from kFirstYear to kLastYear. The error says what
// was expected, for "...; expected " + error.
std::expected<Date, std::string> make_date(int year, unsigned month, unsigned day);

// Strict YYYY-MM-DD, then make_date.
std::expected<Date, std::string> parse_date(std::string_view text);
std::string format_date(Date date);

// Calendar month arithmetic that stays in the target month: 2026-01-31 + 1 month
// is 2026-02-28, 2024-01-31 + 1 month is 2024-02-29.
Date add_months(Date date, int months);

// A calendar quarter: "2025-Q4".
struct Quarter {
  int year = 0;
  int number = 1;  // 1..4

  friend auto operator<=>(const Quarter&, const Quarter&) = default;
};

// Strict YYYY-Qn, its year from kFirstYear to kLastYear.
std::expected<Quarter, std::string> parse_quarter(std::string_view text);
std::string format_quarter(Quarter quarter);
Quarter quarter_of(Date date);
Date first_day(Quarter quarter);
Date last_day(Quarter quarter);
Quarter add_quarters(Quarter quarter, int quarters);

}  // namespace negotiateup::core
