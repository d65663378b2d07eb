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

}  // namespace
}  // namespace negotiateup::catalog
