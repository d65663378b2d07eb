#include "core/geo_rule.hpp"

#include <gtest/gtest.h>

namespace negotiateup::core {
namespace {

TEST(GeoRule, ReadsTheShareAndTheReferenceRegion) {
  const auto rule = find_geo_rule("Varies by location (60–100% of NYC)");
  ASSERT_TRUE(rule.has_value());
  EXPECT_EQ(rule->reference_region, "NYC");
  EXPECT_EQ(rule->low_share, Percent::whole(60));
  EXPECT_EQ(rule->high_share, Percent::whole(100));
  const auto hyphen = find_geo_rule("70-90% of London");
  ASSERT_TRUE(hyphen.has_value());
  EXPECT_EQ(hyphen->low_share, Percent::whole(70));
  EXPECT_EQ(hyphen->reference_region, "London");
  const auto single = find_geo_rule("80% of Paris");
  ASSERT_TRUE(single.has_value());
  EXPECT_EQ(single->low_share, single->high_share);
}

TEST(GeoRule, IgnoresOtherNotes) {
  EXPECT_FALSE(find_geo_rule("Same equity grant").has_value());
  EXPECT_FALSE(find_geo_rule("Varies by geo band").has_value());
  EXPECT_FALSE(find_geo_rule("% of ").has_value());
}

}  // namespace
}  // namespace negotiateup::core
