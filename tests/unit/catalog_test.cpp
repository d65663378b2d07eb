#include <fmt/format.h>
#include <gtest/gtest.h>

#include "catalog/catalog_files.hpp"
#include "test_support.hpp"

namespace negotiateup::catalog {
namespace {

namespace fs = std::filesystem;

// A small valid catalog to break one file at a time.
fs::path write_catalog(const std::string& name) {
  const auto folder = test::fresh_folder(name);
  test::write_file(folder / "regions" / "paris.yaml", "name: Paris\ncurrency: EUR\n");
  test::write_file(folder / "regions" / "new-york.yaml",
                   "name: New York\ncurrency: USD\naliases: [NYC]\n");
  test::write_file(folder / "regions" / "remote-global.yaml",
                   "name: Remote Global\ncurrency: USD\n"
                   "geo_rule:\n  of: new-york\n  share: [60, 100]\n  same_equity: true\n");
  test::write_file(folder / "roles" / "senior-software-engineer.yaml",
                   "name: Senior Software Engineer\nfamily: engineering\n");
  test::write_file(folder / "companies" / "acme.yaml",
                   "name: Acme\nstage: public\npeers: [globex]\n");
  test::write_file(folder / "companies" / "globex.yaml", "name: Globex\nstage: late-stage\n");
  test::write_file(folder / "guides" / "acme" / "senior-software-engineer.yaml",
                   "last_updated: 2026-01-31\n"
                   "level_mapping:\n  internal: L5\n  raw: Acme L5 = Globex Senior\n"
                   "  equivalents:\n    - company: globex\n      level: Senior\n"
                   "      regions: [paris]\n"
                   "bands:\n"
                   "  - region: paris\n    base: [80000, 100000]\n    stock: [40000, 80000]\n"
                   "    bonus_pct: 10\n    quarter: 2025-Q4\n    quality: illustrative\n"
                   "    sources: [illustrative demo data]\n"
                   "  - region: remote-global\n");
  return folder;
}

TEST(Catalog, LoadsAValidCatalogWithDefaultPolicy) {
  const auto folder = write_catalog("catalog-valid");
  const auto catalog = load_catalog(folder);
  ASSERT_TRUE(catalog.has_value()) << catalog.error().to_string();
  EXPECT_EQ(catalog->regions.size(), 3u);
  EXPECT_EQ(catalog->policy.review_interval_months, 3);
  const auto* guide = catalog->find_guide("acme", "senior-software-engineer");
  ASSERT_NE(guide, nullptr);
  EXPECT_EQ(guide->bands[0].base->high, 100000);
  EXPECT_EQ(guide->bands[0].bonus_pct, core::Percent::whole(10));
  EXPECT_FALSE(guide->bands[1].has_figures());
  EXPECT_EQ(catalog->find_region("new-york")->aliases, std::vector<std::string>{"NYC"});
  fs::remove_all(folder);
}

TEST(Catalog, SavingWhatWasLoadedChangesNoFile) {
  const auto folder = write_catalog("catalog-stable");
  const auto catalog = load_catalog(folder);
  ASSERT_TRUE(catalog.has_value());
  ASSERT_TRUE(save_catalog(*catalog, folder).has_value());  // normalises the style once
  const auto again = load_catalog(folder);
  ASSERT_TRUE(again.has_value()) << again.error().to_string();
  const auto summary = save_catalog(*again, folder);
  ASSERT_TRUE(summary.has_value());
  EXPECT_EQ(summary->written, 0u);
  EXPECT_EQ(summary->unchanged, 8u);  // 7 files and policy.yaml
  fs::remove_all(folder);
}

TEST(Catalog, ReadsThePolicyFile) {
  const auto folder = write_catalog("catalog-policy");
  test::write_file(folder / "policy.yaml",
                   "review_interval_months: 6\npositions:\n  base_ask: 90\n"
                   "  upper_equity_band_from: 75\nrounding:\n  ask: 1000\n");
  const auto catalog = load_catalog(folder);
  ASSERT_TRUE(catalog.has_value()) << catalog.error().to_string();
  EXPECT_EQ(catalog->policy.review_interval_months, 6);
  EXPECT_EQ(catalog->policy.base_ask, core::Percent::whole(90));
  EXPECT_EQ(catalog->policy.upper_equity_band_from, core::Percent::whole(75));
  EXPECT_EQ(catalog->policy.ask_step, 1000);
  EXPECT_EQ(catalog->policy.equity_ask, core::Percent::whole(84));  // default kept
  fs::remove_all(folder);
}

// The privacy thresholds, with their defaults: Empsight's (docs/policy.md).
TEST(Catalog, ReadsThePrivacyThresholds) {
  const core::Policy defaults;
  EXPECT_EQ(defaults.aggregation.min_points, 5);
  EXPECT_EQ(defaults.aggregation.tail_points, 10);
  EXPECT_EQ(defaults.aggregation.max_source_share, core::Percent::whole(25));
  const auto folder = write_catalog("catalog-thresholds");
  test::write_file(folder / "policy.yaml",
                   "aggregate:\n  min_points: 3\n  tail_points: 4\n  max_source_share: 33.5\n");
  const auto catalog = load_catalog(folder);
  ASSERT_TRUE(catalog.has_value()) << catalog.error().to_string();
  EXPECT_EQ(catalog->policy.aggregation.min_points, 3);
  EXPECT_EQ(catalog->policy.aggregation.tail_points, 4);
  EXPECT_EQ(catalog->policy.aggregation.max_source_share, core::Percent{3350});
  fs::remove_all(folder);
}

struct BrokenCatalog {
  const char* name;
  const char* file;
  const char* content;
  std::size_t line;
  const char* message_part;
};

void PrintTo(const BrokenCatalog& broken, std::ostream* out) {
  *out << broken.name;
}

class BrokenCatalogs : public testing::TestWithParam<BrokenCatalog> {};

TEST_P(BrokenCatalogs, AreRefusedWithFileLineAndWhatWasExpected) {
  const auto& broken = GetParam();
  const auto folder = write_catalog(std::string("catalog-broken-") + broken.name);
  test::write_file(folder / broken.file, broken.content);
  const auto catalog = load_catalog(folder);
  ASSERT_FALSE(catalog.has_value()) << broken.name;
  EXPECT_EQ(catalog.error().file, (folder / broken.file).string());
  EXPECT_EQ(catalog.error().line, broken.line) << catalog.error().to_string();
  EXPECT_NE(catalog.error().message.find(broken.message_part), std::string::npos)
      << catalog.error().to_string();
  fs::remove_all(folder);
}

INSTANTIATE_TEST_SUITE_P(
    Files, BrokenCatalogs,
    testing::Values(
        BrokenCatalog{"bad_yaml", "regions/paris.yaml", "name: Paris\ncurrency: [EUR\n", 3,
                      "invalid YAML"},
        BrokenCatalog{"unknown_currency", "regions/paris.yaml", "name: Paris\ncurrency: EURO\n", 2,
                      "ISO 4217"},
        BrokenCatalog{"missing_name", "roles/senior-software-engineer.yaml",
                      "family: engineering\n", 1, "missing required key 'name'"},
        BrokenCatalog{"typo_key", "companies/globex.yaml", "name: Globex\nstgae: private\n", 2,
                      "unknown key 'stgae'"},
        BrokenCatalog{"bad_stage", "companies/globex.yaml", "name: Globex\nstage: listed\n", 2,
                      "public, late-stage or early-stage"},
        BrokenCatalog{"unknown_peer", "companies/acme.yaml",
                      "name: Acme\nstage: public\npeers: [initech]\n", 1, "peer 'initech'"},
        BrokenCatalog{"low_above_high", "guides/acme/senior-software-engineer.yaml",
                      "bands:\n  - region: paris\n    base: [120000, 100000]\n", 2,
                      "low 120000 above high 100000"},
        BrokenCatalog{"unknown_region", "guides/acme/senior-software-engineer.yaml",
                      "bands:\n  - region: london\n    base: [1, 2]\n", 2,
                      "unknown region 'london'"},
        BrokenCatalog{"half_range", "guides/acme/senior-software-engineer.yaml",
                      "bands:\n  - region: paris\n    base: [100000]\n", 3, "[low, high]"},
        BrokenCatalog{"bad_quarter", "guides/acme/senior-software-engineer.yaml",
                      "bands:\n  - region: paris\n    quarter: 2025-Q7\n", 3, "YYYY-Qn"},
        BrokenCatalog{"geo_rule_unknown", "regions/remote-global.yaml",
                      "name: Remote\ncurrency: USD\ngeo_rule:\n  of: tokyo\n  share: [60, 100]\n",
                      1, "unknown region 'tokyo'"},
        BrokenCatalog{"bad_policy", "policy.yaml", "positions:\n  base_ask: 185\n", 2,
                      "between 0 and 100"},
        BrokenCatalog{"bad_file_name", "roles/Senior Engineer.yaml",
                      "name: Senior\nfamily: engineering\n", 0, "not a slug"}),
    [](const testing::TestParamInfo<BrokenCatalog>& case_info) { return case_info.param.name; });

// Each bad value of a catalog file, and the whole message it gets: where, and
// what was expected. The reader reads every file through the field descriptions
// (catalog_fields.hpp), so these hold for every field of the same kind.
struct BadValue {
  const char* name;
  const char* file;
  const char* content;
  std::size_t line;
  const char* message;
};

void PrintTo(const BadValue& bad, std::ostream* out) {
  *out << bad.name;
}

class BadValues : public testing::TestWithParam<BadValue> {};

TEST_P(BadValues, AreRefusedWithTheirLineAndWhatWasExpected) {
  const auto& bad = GetParam();
  const auto folder = write_catalog(std::string("catalog-bad-value-") + bad.name);
  test::write_file(folder / bad.file, bad.content);
  const auto catalog = load_catalog(folder);
  ASSERT_FALSE(catalog.has_value()) << bad.name;
  EXPECT_EQ(catalog.error().to_string(),
            fmt::format("{}:{}: {}", (folder / bad.file).string(), bad.line, bad.message));
  fs::remove_all(folder);
}

constexpr const char* kGuide = "guides/acme/senior-software-engineer.yaml";

INSTANTIATE_TEST_SUITE_P(
    Fields, BadValues,
    testing::Values(
        // Required keys, reported at the map that lacks them.
        BadValue{"region_without_currency", "regions/paris.yaml", "name: Paris\n", 1,
                 "missing required key 'currency' in a region"},
        BadValue{"role_without_type", "roles/senior-software-engineer.yaml", "name: Senior\n", 1,
                 "missing required key 'family' in a role"},
        BadValue{"company_without_stage", "companies/globex.yaml", "name: Globex\n", 1,
                 "missing required key 'stage' in a company"},
        BadValue{"guide_without_bands", kGuide, "last_updated: 2026-01-31\n", 1,
                 "missing required key 'bands' in a guide entry"},
        BadValue{"band_without_region", kGuide, "bands:\n  - base: [1, 2]\n", 2,
                 "missing required key 'region' in a band"},
        BadValue{"equivalent_without_level", kGuide,
                 "level_mapping:\n  equivalents:\n    - company: globex\n"
                 "bands:\n  - region: paris\n",
                 3, "missing required key 'level' in a level equivalent"},
        BadValue{"geo_rule_without_share", "regions/remote-global.yaml",
                 "name: Remote\ncurrency: USD\ngeo_rule:\n  of: new-york\n", 4,
                 "missing required key 'share' in 'geo_rule'"},
        BadValue{"required_but_null", "regions/paris.yaml", "name:\ncurrency: EUR\n", 1,
                 "expected 'name' to be a text value"},
        // Each kind of value.
        BadValue{"bad_currency", "regions/paris.yaml", "name: Paris\ncurrency: EURO\n", 2,
                 "expected 'currency' to be an ISO 4217 currency code such as EUR, not 'EURO'"},
        BadValue{"bad_role_family", "roles/senior-software-engineer.yaml",
                 "name: Senior\nfamily: boss\n", 2,
                 "expected 'family' to be engineering, management, product or machine-learning, "
                 "not 'boss'"},
        BadValue{"bad_stage", "companies/globex.yaml", "name: Globex\nstage: private\n", 2,
                 "expected 'stage' to be public, late-stage or early-stage, not 'private'"},
        BadValue{"bad_quality", kGuide, "bands:\n  - region: paris\n    quality: great\n", 3,
                 "expected 'quality' to be high, medium, low or illustrative, not 'great'"},
        BadValue{"bad_same_equity", "regions/remote-global.yaml",
                 "name: Remote\ncurrency: USD\n"
                 "geo_rule:\n  of: new-york\n  share: [60, 100]\n  same_equity: maybe\n",
                 6, "expected 'same_equity' to be true or false"},
        BadValue{"share_not_a_pair", "regions/remote-global.yaml",
                 "name: Remote\ncurrency: USD\ngeo_rule:\n  of: new-york\n  share: 60\n", 5,
                 "expected 'share' as [low, high], e.g. [60, 100] percent"},
        BadValue{"share_of_nothing", "regions/remote-global.yaml",
                 "name: Remote\ncurrency: USD\ngeo_rule:\n  of: new-york\n  share: [~, 100]\n", 5,
                 "expected 'share' to be a percentage"},
        BadValue{"band_not_a_pair", kGuide, "bands:\n  - region: paris\n    stock: [1, 2, 3]\n", 3,
                 "expected 'stock' as [low, high], e.g. [78000, 105000]"},
        BadValue{"negative_amount", kGuide, "bands:\n  - region: paris\n    base: [-1, 2]\n", 3,
                 "expected 'base' between 0 and 1000000000000, not -1"},
        BadValue{"bad_date", kGuide, "last_updated: 2026-02-30\nbands:\n  - region: paris\n", 1,
                 "expected 'last_updated' to be a date that exists, not '2026-02-30'"},
        BadValue{"bad_quarter", kGuide, "bands:\n  - region: paris\n    quarter: 2025-Q7\n", 3,
                 "expected 'quarter' to be a quarter as YYYY-Qn with n from 1 to 4, not '2025-Q7'"},
        BadValue{"bands_not_a_list", kGuide, "bands: paris\n", 1, "expected 'bands' as a list"},
        BadValue{"band_not_a_map", kGuide, "bands:\n  - paris\n", 2,
                 "expected a band as a mapping of keys to values"},
        BadValue{"aliases_not_a_list", "regions/paris.yaml",
                 "name: Paris\ncurrency: EUR\naliases: {a: b}\n", 3,
                 "expected 'aliases' as a list"},
        BadValue{"unknown_narrative_key", "companies/globex.yaml",
                 "name: Globex\nstage: late-stage\nnarrative:\n  dnaa: x\n", 4,
                 "unknown key 'dnaa' in 'narrative'; expected one of: dna, leverage_title, "
                 "leverage, script"},
        // The policy: limits and the checks across fields.
        BadValue{"interval_too_long", "policy.yaml", "review_interval_months: 61\n", 1,
                 "expected 'review_interval_months' between 1 and 60, not 61"},
        BadValue{"no_rounding", "policy.yaml", "rounding:\n  ask: 0\n", 2,
                 "expected 'ask' between 1 and 1000000, not 0"},
        BadValue{"position_above_the_band", "policy.yaml", "positions:\n  base_ask: 100.5\n", 2,
                 "expected 'base_ask' between 0 and 100 percent, not 100.5"},
        BadValue{"unknown_position", "policy.yaml", "positions:\n  base_asks: 90\n", 2,
                 "unknown key 'base_asks' in 'positions'; expected one of: base_ask, equity_ask, "
                 "base_floor, equity_floor, equity_target, equity_premium_ask, "
                 "upper_equity_band_from, competing_offer"},
        BadValue{"rounding_not_a_map", "policy.yaml", "rounding: 1000\n", 1,
                 "expected 'rounding' as a mapping of keys to values"},
        BadValue{"whole_dilution", "policy.yaml",
                 "stages:\n  early-stage:\n    equity_risk:\n      dilution: 100\n", 4,
                 "expected liquidity up to 100 and dilution below 100 (percent)"},
        BadValue{"ask_without_text", "policy.yaml",
                 "stages:\n  public:\n    asks:\n      - id: level-review\n", 4,
                 "missing required key 'text' in an ask"},
        BadValue{"band_percentiles_crossed", "policy.yaml",
                 "aggregate:\n  band_low: 80\n  band_high: 70\n", 2,
                 "expected band_low below band_high, both percentiles from 0 to 100"},
        BadValue{"no_points", "policy.yaml", "aggregate:\n  min_points: 0\n", 2,
                 "expected 'min_points' between 1 and 1000000, not 0"},
        BadValue{"tails_below_the_minimum", "policy.yaml",
                 "aggregate:\n  min_points: 6\n  tail_points: 5\n", 2,
                 "expected tail_points at least min_points"},
        BadValue{"no_source_share", "policy.yaml", "aggregate:\n  max_source_share: 0\n", 2,
                 "expected 'max_source_share' between 1 and 100 percent, not 0"},
        BadValue{"source_share_above_all", "policy.yaml",
                 "aggregate:\n  tail_points: 12\n  max_source_share: 100.5\n", 3,
                 "expected 'max_source_share' between 1 and 100 percent, not 100.5"},
        BadValue{"too_many_sources", "policy.yaml", "aggregate:\n  high_sources: 1001\n", 2,
                 "expected 'high_sources' between 1 and 1000, not 1001"},
        // rates.yaml, read by hand.
        BadValue{"rates_bad_base", "rates.yaml", "base: XYZ\nrates:\n  EUR: 0.92\n", 1,
                 "expected 'base' to be an ISO 4217 currency code such as EUR, not 'XYZ'"},
        BadValue{"rates_bad_rate", "rates.yaml", "base: USD\nrates:\n  EUR: 0.1234567\n", 3,
                 "expected at most six decimals, not '0.1234567'"}),
    [](const testing::TestParamInfo<BadValue>& case_info) { return case_info.param.name; });

}  // namespace
}  // namespace negotiateup::catalog
