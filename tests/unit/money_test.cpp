#include "core/money.hpp"

#include <gtest/gtest.h>

namespace negotiateup::core {
namespace {

const Currency kEur = *Currency::from_code("EUR");
const Currency kUsd = *Currency::from_code("USD");
const Currency kChf = *Currency::from_code("CHF");

TEST(Money, FormatsCompactLikeTheReference) {
  EXPECT_EQ(format_compact({78000, kEur}), "€78K");
  EXPECT_EQ(format_compact({1065000, kUsd}), "$1.065M");
  EXPECT_EQ(format_compact({1000000, kUsd}), "$1M");
  EXPECT_EQ(format_compact({1500000, kUsd}), "$1.5M");
  EXPECT_EQ(format_compact({153750, kEur}), "€153.75K");
  EXPECT_EQ(format_compact({1065500, kUsd}), "$1065.5K");  // exact, never rounded
  EXPECT_EQ(format_compact({1005000, kUsd}), "$1.005M");   // the fraction keeps its zeros
  EXPECT_EQ(format_compact({1050, kEur}), "€1.05K");
  EXPECT_EQ(format_compact({950, kEur}), "€950");
  EXPECT_EQ(format_compact({-5000, kEur}), "-€5K");
  EXPECT_EQ(format_compact({150000, kChf}), "CHF 150K");
  EXPECT_EQ(format_compact_range({78000, kEur}, {105000, kEur}), "€78K–€105K");
}

// Figures a simulation computed: three significant digits, never "$1380.398K".
TEST(Money, FormatsCompactRoundedToThreeDigits) {
  EXPECT_EQ(format_compact_rounded({1380398, kUsd}), "$1.38M");
  EXPECT_EQ(format_compact_rounded({92500, kEur}), "€92.5K");
  EXPECT_EQ(format_compact_rounded({92549, kEur}), "€92.5K");
  EXPECT_EQ(format_compact_rounded({92550, kEur}), "€92.6K");  // a tie, away from zero
  EXPECT_EQ(format_compact_rounded({738412, kEur}), "€738K");
  EXPECT_EQ(format_compact_rounded({1234, kEur}), "€1.23K");
  EXPECT_EQ(format_compact_rounded({1005000, kUsd}), "$1.01M");
  EXPECT_EQ(format_compact_rounded({1000000, kUsd}), "$1M");
  EXPECT_EQ(format_compact_rounded({999950, kUsd}), "$1M");  // 1,000K carries into millions
  EXPECT_EQ(format_compact_rounded({9996, kEur}), "€10K");
  EXPECT_EQ(format_compact_rounded({2345678901, kUsd}), "$2.35B");
  EXPECT_EQ(format_compact_rounded({999, kEur}), "€999");
  EXPECT_EQ(format_compact_rounded({0, kEur}), "€0");
  EXPECT_EQ(format_compact_rounded({-15400, kEur}), "-€15.4K");
  EXPECT_EQ(format_compact_rounded({150000, kChf}), "CHF 150K");
}

TEST(Money, CanonicalFormRoundTrips) {
  EXPECT_EQ(format_canonical({78000, kEur}), "78000 EUR");
  EXPECT_EQ(parse_money("78000 EUR"), (Money{78000, kEur}));
  EXPECT_EQ(parse_money("EUR 78,000"), (Money{78000, kEur}));
  for (const std::int64_t amount : {0LL, 1LL, 999LL, 78000LL, 153750LL, 1065000LL, 1065500LL}) {
    for (const auto currency : Currency::all()) {
      const Money money{amount, currency};
      EXPECT_EQ(parse_money(format_compact(money)), money) << format_compact(money);
      EXPECT_EQ(parse_money(format_canonical(money)), money) << format_canonical(money);
    }
  }
}

TEST(Money, ParsesTheWaysGuidesWriteAmounts) {
  EXPECT_EQ(parse_money("€78K"), (Money{78000, kEur}));
  EXPECT_EQ(parse_money("$1.065M"), (Money{1065000, kUsd}));
  EXPECT_EQ(parse_money("€1,065,000"), (Money{1065000, kEur}));
  EXPECT_EQ(parse_money("$265K"), (Money{265000, kUsd}));
  EXPECT_EQ(parse_money("$265k"), (Money{265000, kUsd}));
  EXPECT_EQ(parse_money("CHF 150K"), (Money{150000, kChf}));
  EXPECT_EQ(parse_money("78000", kEur), (Money{78000, kEur}));
}

TEST(Money, RejectsWhatIsNotAnAmount) {
  EXPECT_FALSE(parse_money("¤78K").has_value());
  EXPECT_NE(parse_money("¤78K").error().find("currency symbol"), std::string::npos);
  EXPECT_FALSE(parse_money("XYZ 78000").has_value());
  EXPECT_FALSE(parse_money("€1O5K").has_value());
  EXPECT_FALSE(parse_money("€1.0655K").has_value());  // not a whole euro
  EXPECT_FALSE(parse_money("€78,00").has_value());
  EXPECT_FALSE(parse_money("78000").has_value());  // no currency
  EXPECT_FALSE(parse_money("€").has_value());
  EXPECT_FALSE(parse_money("$999999999999999B").has_value());  // would overflow
  EXPECT_FALSE(parse_money("$1.23456789012345B").has_value());
  EXPECT_EQ(parse_money("$10000B")->amount, 10'000'000'000'000);
}

TEST(Money, ParsesRanges) {
  const auto range = parse_money_range("€78K–€105K");
  ASSERT_TRUE(range.has_value());
  EXPECT_EQ(range->low, (Money{78000, kEur}));
  EXPECT_EQ(range->high, (Money{105000, kEur}));
  const auto shorthand = parse_money_range("€78–105K");
  ASSERT_TRUE(shorthand.has_value());
  EXPECT_EQ(shorthand->low.amount, 78000);
  EXPECT_EQ(parse_money_range("$185K - $232K")->high.amount, 232000);
  EXPECT_FALSE(parse_money_range("€78K–$105K").has_value());
  EXPECT_FALSE(parse_money_range("€78K").has_value());
}

TEST(Money, NeverMixesCurrencies) {
  EXPECT_EQ((Money{1000, kEur} + Money{500, kEur}).amount, 1500);
  EXPECT_THROW((void)(Money{1000, kEur} + Money{500, kUsd}), CurrencyMismatch);
}

TEST(Money, RoundsExplicitly) {
  EXPECT_EQ(round_to_step(153750, 1000, Rounding::half_away_from_zero), 154000);
  EXPECT_EQ(round_to_step(153499, 1000, Rounding::half_away_from_zero), 153000);
  EXPECT_EQ(round_to_step(153500, 1000, Rounding::half_away_from_zero), 154000);
  EXPECT_EQ(round_to_step(-153500, 1000, Rounding::half_away_from_zero), -154000);
  EXPECT_EQ(round_to_step(153999, 1000, Rounding::down), 153000);
  EXPECT_EQ(round_to_step(153001, 1000, Rounding::up), 154000);
  EXPECT_EQ(round_to_step(-1, 1000, Rounding::down), -1000);
}

}  // namespace
}  // namespace negotiateup::core
