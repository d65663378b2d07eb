#include "core/compensation.hpp"

#include <gtest/gtest.h>

namespace negotiateup::core {
namespace {

const Policy kDefaults;

TEST(TotalComp, IsBasePlusYearlyStockPlusBonusRoundedOnce) {
  // The reference guide's four totals.
  EXPECT_EQ(total_comp(78000, 100000, std::nullopt, kDefaults), 103000);
  EXPECT_EQ(total_comp(105000, 195000, std::nullopt, kDefaults), 154000);  // 153,750
  EXPECT_EQ(total_comp(185000, 195000, std::nullopt, kDefaults), 234000);  // 233,750
  EXPECT_EQ(total_comp(232000, 345000, std::nullopt, kDefaults), 318000);  // 318,250
  // 100,000 + 10% + 40,000 / 4 = 120,000
  EXPECT_EQ(total_comp(100000, 40000, Percent::whole(10), kDefaults), 120000);
  // 100,000 + 12.5% + 0 = 112,500 -> 113,000 (half away from zero)
  EXPECT_EQ(total_comp(100000, 0, Percent{1250}, kDefaults), 113000);
  Policy three_years;
  three_years.vesting_years = 3;
  EXPECT_EQ(total_comp(100000, 90000, std::nullopt, three_years), 130000);
}

struct Expected {
  const char* what;
  std::int64_t low, high;
  Percent position;
  std::int64_t reference;
};

// The defaults reproduce every negotiation figure the reference guide states,
// in both of its regions (docs/policy.md).
TEST(Policy, DefaultsReproduceTheReferenceFigures) {
  const std::vector<Expected> cases{
      {"Paris base ask", 78000, 105000, kDefaults.base_ask, 100000},
      {"NYC base ask", 185000, 232000, kDefaults.base_ask, 225000},
      {"Paris equity ask", 100000, 195000, kDefaults.equity_ask, 180000},
      {"NYC equity ask", 195000, 345000, kDefaults.equity_ask, 320000},
      {"Paris base floor", 78000, 105000, kDefaults.base_floor, 85000},
      {"NYC base floor", 185000, 232000, kDefaults.base_floor, 195000},
      {"Paris equity floor", 100000, 195000, kDefaults.equity_floor, 150000},
      {"NYC equity floor", 195000, 345000, kDefaults.equity_floor, 270000},
      {"Paris equity target", 100000, 195000, kDefaults.equity_target, 175000},
      {"NYC equity target", 195000, 345000, kDefaults.equity_target, 310000},
      {"Paris premium ask", 100000, 195000, kDefaults.equity_premium_ask, 190000},
      {"NYC premium ask", 195000, 345000, kDefaults.equity_premium_ask, 340000},
      {"Paris upper band", 100000, 195000, kDefaults.upper_equity_band_from, 170000},
      {"NYC upper band", 195000, 345000, kDefaults.upper_equity_band_from, 300000},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(position_in_band(c.low, c.high, c.position, kDefaults.ask_step), c.reference)
        << c.what;
  }
  // The signing bonus: a tenth of the asked base, in ask steps.
  const auto signing = [](std::int64_t base_ask) {
    return position_in_band(0, base_ask, kDefaults.signing_bonus_of_base_ask, kDefaults.ask_step);
  };
  EXPECT_EQ(signing(100000), 10000);
  EXPECT_EQ(signing(225000), 25000);
}

TEST(Policy, PositionsAreLinearAndExact) {
  EXPECT_EQ(position_in_band(0, 100000, Percent::whole(0), 1), 0);
  EXPECT_EQ(position_in_band(0, 100000, Percent::whole(100), 1), 100000);
  EXPECT_EQ(position_in_band(0, 100000, Percent{3333}, 1), 33330);
  EXPECT_EQ(position_in_band(100000, 200000, Percent::whole(50), 5000), 150000);
}

}  // namespace
}  // namespace negotiateup::core
