#include "core/date.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <cctype>

namespace negotiateup::core {
namespace {

bool all_digits(std::string_view text) {
  for (const char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !text.empty();
}

int to_int(std::string_view digits) {
  int value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

std::expected<Date, std::string> make_date(int year, unsigned month, unsigned day) {
  const Date date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
  if (!date.ok()) {
    return std::unexpected(
        fmt::format("a date that exists, not '{:04}-{:02}-{:02}'", year, month, day));
  }
  if (year < kFirstYear || year > kLastYear) {
    return std::unexpected(fmt::format("a date from {}-01-01 to {}-12-31, not '{}'", kFirstYear,
                                       kLastYear, format_date(date)));
  }
  return date;
}

std::expected<Date, std::string> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !all_digits(text.substr(0, 4)) ||
      !all_digits(text.substr(5, 2)) || !all_digits(text.substr(8, 2))) {
    return std::unexpected(fmt::format("a date as YYYY-MM-DD, not '{}'", text));
  }
  return make_date(to_int(text.substr(0, 4)), static_cast<unsigned>(to_int(text.substr(5, 2))),
                   static_cast<unsigned>(to_int(text.substr(8, 2))));
}

std::string format_date(Date date) {
  return fmt::format(FMT_COMPILE("{:04}-{:02}-{:02}"), static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

Date add_months(Date date, int months) {
  const auto shifted =
      std::chrono::year_month{date.year(), date.month()} + std::chrono::months{months};
  const auto last = std::chrono::year_month_day_last{shifted.year(),
                                                     std::chrono::month_day_last{shifted.month()}};
  const auto day = date.day() < last.day() ? date.day() : last.day();
  return Date{shifted.year(), shifted.month(), day};
}

std::expected<Quarter, std::string> parse_quarter(std::string_view text) {
  if (text.size() != 7 || !all_digits(text.substr(0, 4)) || text.substr(4, 2) != "-Q" ||
      text[6] < '1' || text[6] > '4') {
    return std::unexpected(fmt::format("a quarter as YYYY-Qn with n from 1 to 4, not '{}'", text));
  }
  const int year = to_int(text.substr(0, 4));
  if (year < kFirstYear) {
    return std::unexpected(
        fmt::format("a quarter from {}-Q1 to {}-Q4, not '{}'", kFirstYear, kLastYear, text));
  }
  return Quarter{year, text[6] - '0'};
}

std::string format_quarter(Quarter quarter) {
  return fmt::format("{:04}-Q{}", quarter.year, quarter.number);
}

Quarter quarter_of(Date date) {
  const auto month = static_cast<unsigned>(date.month());
  return Quarter{static_cast<int>(date.year()), static_cast<int>((month - 1) / 3 + 1)};
}

Date first_day(Quarter quarter) {
  return Date{std::chrono::year{quarter.year},
              std::chrono::month{static_cast<unsigned>((quarter.number - 1) * 3 + 1)},
              std::chrono::day{1}};
}

Date last_day(Quarter quarter) {
  const std::chrono::year_month_day_last last{
      std::chrono::year{quarter.year},
      std::chrono::month_day_last{std::chrono::month{static_cast<unsigned>(quarter.number * 3)}}};
  return Date{last};
}

Quarter add_quarters(Quarter quarter, int quarters) {
  const int index = quarter.year * 4 + (quarter.number - 1) + quarters;
  const int year = index >= 0 ? index / 4 : (index - 3) / 4;
  return Quarter{year, index - year * 4 + 1};
}

}  // namespace negotiateup::core
