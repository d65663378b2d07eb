#include "catalog/import.hpp"

#include <gtest/gtest.h>

#include "catalog/catalog_files.hpp"
#include "catalog/record_builder.hpp"
#include "guide/front_matter.hpp"
#include "test_support.hpp"

namespace negotiateup::catalog {
namespace {

namespace fs = std::filesystem;

Catalog import_into_empty(const std::vector<std::pair<std::string, std::string>>& guides) {
  Catalog catalog;
  ImportReport report;
  for (const auto& [name, text] : guides) {
    const auto parsed = guide::parse_guide(text, name);
    EXPECT_TRUE(parsed.has_value()) << parsed.error().to_string();
    const auto imported = import_guide(catalog, *parsed, name, report);
    EXPECT_TRUE(imported.has_value()) << imported.error().to_string();
  }
  EXPECT_TRUE(report.warnings.empty()) << report.warnings.front().to_string();
  return catalog;
}

std::map<std::string, std::string> files_of(const Catalog& catalog) {
  std::map<std::string, std::string> files;
  for (const auto& file : catalog_files(catalog, "catalog")) {
    files[file.path.string()] = file.content;
  }
  return files;
}

std::string reference_text() {
  return test::read_file(test::reference_guide());
}

// The catalog keeps what a guide says; the guide's front matter is rebuilt from it
// with every derived figure (totals, review date) computed, byte for byte.
TEST(Import, ReferenceFrontMatterIsRebuiltFromTheCatalog) {
  const auto folder = test::fresh_folder("import-rebuild");
  const auto catalog = import_into_empty({{"reference.md", reference_text()}});
  ASSERT_TRUE(save_catalog(catalog, folder).has_value());
  const auto loaded = load_catalog(folder);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().to_string();
  ASSERT_EQ(loaded->guides.size(), 1u);
  const auto record = build_record(*loaded, loaded->guides.front());
  const auto text = reference_text();
  EXPECT_EQ(guide::emit_front_matter(record), text.substr(0, text.find("\n---\n", 4) + 5));
  fs::remove_all(folder);
}

TEST(Import, WritesTheCatalogInTheDocumentedStyle) {
  const auto catalog = import_into_empty({{"reference.md", reference_text()}});
  const auto golden = test::tests_dir() / "golden" / "reference-catalog";
  std::size_t compared = 0;
  for (const auto& [path, content] : files_of(catalog)) {
    const auto relative = fs::path(path).lexically_relative("catalog");
    EXPECT_EQ(content, test::read_file(golden / relative)) << relative;
    ++compared;
  }
  EXPECT_EQ(compared, 7u);
}

TEST(Import, BodyOnlyCopyAfterTheGuideChangesNothing) {
  const auto once = import_into_empty({{"reference.md", reference_text()}});
  const auto both = import_into_empty(
      {{"reference.md", reference_text()}, {"stripped.md", test::reference_body()}});
  EXPECT_EQ(files_of(once), files_of(both));
}

TEST(Import, BodyOnlyGuideGivesTheSameCatalogBarItsDates) {
  const auto full = import_into_empty({{"reference.md", reference_text()}});
  auto stripped = import_into_empty({{"stripped.md", test::reference_body()}});
  // The body states no date, quarter or data quality; everything else is the same.
  ASSERT_EQ(stripped.guides.size(), 1u);
  EXPECT_FALSE(stripped.guides[0].last_updated.has_value());
  stripped.guides[0].last_updated = full.guides[0].last_updated;
  for (std::size_t i = 0; i < stripped.guides[0].bands.size(); ++i) {
    auto& band = stripped.guides[0].bands[i];
    EXPECT_FALSE(band.quarter.has_value());
    band.quarter = full.guides[0].bands[i].quarter;
    band.quality = full.guides[0].bands[i].quality;
  }
  EXPECT_EQ(files_of(full), files_of(stripped));
}

TEST(Import, KeepsTheGeoRuleAndTheCompanyStage) {
  const auto catalog = import_into_empty({{"reference.md", reference_text()}});
  const auto* remote = catalog.find_region("remote-global");
  ASSERT_NE(remote, nullptr);
  ASSERT_TRUE(remote->geo_rule.has_value());
  EXPECT_EQ(remote->geo_rule->reference_region, "new-york");
  EXPECT_EQ(remote->currency.code(), "USD");
  EXPECT_EQ(catalog.find_company("hugging-face")->stage, CompanyStage::late_stage);
  EXPECT_EQ(catalog.find_role("senior-software-engineer")->family, core::RoleFamily::engineering);
}

TEST(Import, RecognisesLevelEquivalentsOfKnownCompanies) {
  Catalog catalog = import_into_empty({{"reference.md", reference_text()}});
  catalog.companies.push_back(
      Company{"google", "Google", CompanyStage::public_company, {}, {}, {}, {}, {}, {}});
  catalog.companies.push_back(
      Company{"meta", "Meta", CompanyStage::public_company, {}, {}, {}, {}, {}, {}});
  ImportReport report;
  const auto parsed = guide::parse_guide(reference_text(), "reference.md");
  ASSERT_TRUE(import_guide(catalog, *parsed, "reference.md", report).has_value());
  const auto& equivalents =
      catalog.find_guide("hugging-face", "senior-software-engineer")->level_mapping.equivalents;
  ASSERT_EQ(equivalents.size(), 2u);
  EXPECT_EQ(equivalents[0].company, "google");
  EXPECT_EQ(equivalents[0].level, "L4");
  EXPECT_EQ(equivalents[0].regions, std::vector<std::string>{"paris"});
  EXPECT_EQ(equivalents[1].company, "meta");
  EXPECT_EQ(equivalents[1].level, "FAIR Senior SWE");
  EXPECT_EQ(equivalents[1].regions, (std::vector<std::string>{"paris", "new-york"}));
}

TEST(Import, MatchesEquivalentRegionsOnTheFirstImport) {
  Catalog catalog;
  catalog.companies.push_back(
      Company{"google", "Google", CompanyStage::public_company, {}, {}, {}, {}, {}, {}});
  // The longest name wins: "Meta FAIR" is the company, "Senior SWE" the level.
  catalog.companies.push_back(
      Company{"meta", "Meta", CompanyStage::public_company, {"Meta FAIR"}, {}, {}, {}, {}, {}});
  ImportReport report;
  const auto parsed = guide::parse_guide(reference_text(), "reference.md");
  ASSERT_TRUE(import_guide(catalog, *parsed, "reference.md", report).has_value());
  const auto& equivalents =
      catalog.find_guide("hugging-face", "senior-software-engineer")->level_mapping.equivalents;
  ASSERT_EQ(equivalents.size(), 2u);
  EXPECT_EQ(equivalents[0].regions, std::vector<std::string>{"paris"});
  EXPECT_EQ(equivalents[1].level, "Senior SWE");
}

// Regions and companies are found by the catalog's name resolver: "NYC" is the
// region whose alias it is, whatever its slug, and "Meta" the company named Méta.
TEST(Import, LevelEquivalentsTakeTheSlugOfTheRegionTheyName) {
  Catalog catalog;
  catalog.companies.push_back(
      Company{"google", "Google", CompanyStage::public_company, {}, {}, {}, {}, {}, {}});
  catalog.companies.push_back(
      Company{"meta", "Méta", CompanyStage::public_company, {"Meta FAIR"}, {}, {}, {}, {}, {}});
  catalog.regions.push_back(
      Region{"nyc-metro", "New York", *core::Currency::from_code("USD"), {"NYC"}, {}, {}});
  ImportReport report;
  const auto parsed = guide::parse_guide(reference_text(), "reference.md");
  ASSERT_TRUE(import_guide(catalog, *parsed, "reference.md", report).has_value());
  const auto* guide = catalog.find_guide("hugging-face", "senior-software-engineer");
  const auto& equivalents = guide->level_mapping.equivalents;
  ASSERT_EQ(equivalents.size(), 2u);
  EXPECT_EQ(equivalents[1].company, "meta");
  EXPECT_EQ(equivalents[1].regions, (std::vector<std::string>{"paris", "nyc-metro"}));
  EXPECT_EQ(guide->bands[1].region, "nyc-metro");
  EXPECT_EQ(catalog.find_region("remote-global")->geo_rule->reference_region, "nyc-metro");
  EXPECT_EQ(report.regions_added, 2u);  // Paris and Remote Global
  EXPECT_TRUE(validate_catalog(catalog).has_value());
}

TEST(Import, BodyOnlyGuideDoesNotOverrideTheRoleType) {
  auto catalog = import_into_empty({{"reference.md", reference_text()}});
  catalog.find_role("senior-software-engineer")->family = core::RoleFamily::management;
  ImportReport report;
  const auto parsed = guide::parse_guide(test::reference_body(), "stripped.md");
  ASSERT_TRUE(import_guide(catalog, *parsed, "stripped.md", report).has_value());
  EXPECT_EQ(catalog.find_role("senior-software-engineer")->family, core::RoleFamily::management);
}

TEST(Import, FindsRegionsByAlias) {
  auto catalog = import_into_empty({{"reference.md", reference_text()}});
  catalog.find_region("new-york")->aliases = {"NYC"};
  auto text = reference_text();
  text.replace(text.find("region: New York"), 16, "region: NYC");
  ImportReport report;
  const auto parsed = guide::parse_guide(text, "nyc.md");
  ASSERT_TRUE(import_guide(catalog, *parsed, "nyc.md", report).has_value());
  EXPECT_EQ(catalog.regions.size(), 3u);
  EXPECT_EQ(catalog.find_guide("hugging-face", "senior-software-engineer")->bands[1].region,
            "new-york");
}

TEST(Import, WarnsWhenTheReviewDateIsNotTheComputedOne) {
  auto text = reference_text();
  text.replace(text.find("next_review_due: 2026-05-23"), 27, "next_review_due: 2026-08-23");
  Catalog catalog;
  ImportReport report;
  const auto parsed = guide::parse_guide(text, "late.md");
  ASSERT_TRUE(import_guide(catalog, *parsed, "late.md", report).has_value());
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_NE(report.warnings[0].message.find("computes 2026-05-23"), std::string::npos);
}

TEST(Import, WarnsWhenAStatedTotalIsNotTheComputedOne) {
  auto text = reference_text();
  text.replace(text.find("total_comp_low: 103000"), 22, "total_comp_low: 110000");
  Catalog catalog;
  ImportReport report;
  const auto parsed = guide::parse_guide(text, "wrong-total.md");
  ASSERT_TRUE(import_guide(catalog, *parsed, "wrong-total.md", report).has_value());
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_NE(report.warnings[0].message.find("computes 103000"), std::string::npos);
}

TEST(Import, RefusesARegionWhoseCurrencyChanges) {
  auto catalog = import_into_empty({{"reference.md", reference_text()}});
  auto text = reference_text();
  text.replace(text.find("currency: EUR"), 13, "currency: GBP");
  ImportReport report;
  const auto parsed = guide::parse_guide(text, "gbp.md");
  const auto result = import_guide(catalog, *parsed, "gbp.md", report);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("one currency per region"), std::string::npos);
}

}  // namespace
}  // namespace negotiateup::catalog
