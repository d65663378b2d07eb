#include "core/percent.hpp"

#include <gtest/gtest.h>

namespace negotiateup::core {
namespace {

TEST(Percent, KeepsDecimalsExactly) {
  EXPECT_EQ(parse_percent("15")->hundredths, 1500);
  EXPECT_EQ(parse_percent("12.5")->hundredths, 1250);
  EXPECT_EQ(parse_percent("7.25")->hundredths, 725);
  EXPECT_EQ(format_percent(*parse_percent("12.5")), "12.5");
  EXPECT_EQ(format_percent(*parse_percent("7.25")), "7.25");
  EXPECT_EQ(format_percent(*parse_percent("71.50")), "71.5");
  EXPECT_EQ(format_percent(Percent::whole(15)), "15");
}

TEST(Percent, RejectsOtherText) {
  for (const char* bad : {"", "abc", "12.", "1.234", "-5", "15%", "1e3"}) {
    EXPECT_FALSE(parse_percent(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace negotiateup::core
