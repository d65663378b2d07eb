#include "core/date.hpp"

#include <gtest/gtest.h>

namespace negotiateup::core {
namespace {

Date date(const char* text) {
  return *parse_date(text);
}

TEST(Date, AddsMonthsAndStaysInTheTargetMonth) {
  EXPECT_EQ(format_date(add_months(date("2026-02-23"), 3)), "2026-05-23");
  EXPECT_EQ(format_date(add_months(date("2026-01-31"), 1)), "2026-02-28");
  EXPECT_EQ(format_date(add_months(date("2024-01-31"), 1)), "2024-02-29");
  EXPECT_EQ(format_date(add_months(date("2026-11-30"), 3)), "2027-02-28");
  EXPECT_EQ(format_date(add_months(date("2026-03-31"), -1)), "2026-02-28");
  EXPECT_EQ(format_date(add_months(date("2026-12-15"), 1)), "2027-01-15");
}

TEST(Date, ParsesOnlyRealDates) {
  EXPECT_TRUE(parse_date("2026-02-28").has_value());
  EXPECT_FALSE(parse_date("2026-02-30").has_value());
  EXPECT_FALSE(parse_date("2026/02/23").has_value());
  EXPECT_FALSE(parse_date("2026-2-3").has_value());
  EXPECT_FALSE(parse_date("").has_value());
}

// The year 0000 was accepted as a date (issue 18): every date read goes through
// make_date, which keeps to the years pay data can be of.
TEST(Date, RefusesYearsOutsideTheRange) {
  EXPECT_EQ(parse_date("0000-01-01").error(),
            "a date from 1900-01-01 to 9999-12-31, not '0000-01-01'");
  EXPECT_FALSE(parse_date("1899-12-31").has_value());
  EXPECT_TRUE(parse_date("1900-01-01").has_value());
  EXPECT_TRUE(parse_date("9999-12-31").has_value());
  EXPECT_FALSE(make_date(10000, 1, 1).has_value());
  EXPECT_FALSE(make_date(-1, 1, 1).has_value());
  EXPECT_EQ(make_date(2026, 2, 30).error(), "a date that exists, not '2026-02-30'");
  EXPECT_FALSE(parse_quarter("0000-Q1").has_value());
  EXPECT_TRUE(parse_quarter("1900-Q1").has_value());
}

TEST(Quarter, ParsesFormatsAndCounts) {
  const auto quarter = parse_quarter("2025-Q4");
  ASSERT_TRUE(quarter.has_value());
  EXPECT_EQ(format_quarter(*quarter), "2025-Q4");
  EXPECT_FALSE(parse_quarter("2025-Q5").has_value());
  EXPECT_FALSE(parse_quarter("2025Q4").has_value());
  EXPECT_EQ(format_quarter(add_quarters(*quarter, 1)), "2026-Q1");
  EXPECT_EQ(format_quarter(add_quarters(*quarter, -4)), "2024-Q4");
  EXPECT_EQ(format_quarter(add_quarters(*quarter, -3)), "2025-Q1");
  EXPECT_EQ(format_quarter(quarter_of(date("2026-02-23"))), "2026-Q1");
  EXPECT_EQ(format_date(first_day(*quarter)), "2025-10-01");
  EXPECT_EQ(format_date(last_day(*quarter)), "2025-12-31");
  EXPECT_LT(*parse_quarter("2025-Q4"), *parse_quarter("2026-Q1"));
}

}  // namespace
}  // namespace negotiateup::core
