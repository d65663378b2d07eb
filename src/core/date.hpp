#pragma once

#include <chrono>
#include <expected>
#include <string>
#include <string_view>

namespace negotiateup::core {

using Date = std::chrono::year_month_day;

// Strict YYYY-MM-DD; the date must exist (no 2026-02-30).
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

std::expected<Quarter, std::string> parse_quarter(std::string_view text);
std::string format_quarter(Quarter quarter);
Quarter quarter_of(Date date);
Date first_day(Quarter quarter);
Date last_day(Quarter quarter);
Quarter add_quarters(Quarter quarter, int quarters);

}  // namespace negotiateup::core
