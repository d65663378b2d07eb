// The privacy thresholds on the site: a band that aggregate made from fewer points
// than the policy's min_points is shown neither on a guide nor by the API, which
// both state its sample size (docs/policy.md).
#include "catalog/thin_bands.hpp"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "catalog/catalog_files.hpp"
#include "render/catalog_build.hpp"
#include "test_support.hpp"
#include "web/site.hpp"

namespace negotiateup {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

TEST(ThinBands, TooFewPointsIsBelowTheMinimumOfADataBand) {
  core::Policy::Aggregation policy;
  ASSERT_EQ(policy.min_points, 5);
  catalog::RegionBand band;
  band.base = core::Band{1, 2};
  band.quality = core::DataQuality::low;
  EXPECT_FALSE(catalog::too_few_points(band, policy));  // no count: written by hand
  band.points = 4;
  EXPECT_TRUE(catalog::too_few_points(band, policy));
  band.points = 5;
  EXPECT_FALSE(catalog::too_few_points(band, policy));
  band.points = 1;
  band.quality = core::DataQuality::illustrative;  // not data: shown as illustrative
  EXPECT_FALSE(catalog::too_few_points(band, policy));
}

// Google's Senior Software Engineer in the demo catalog, with London aggregated
// from 4 points, Paris from 5 and New York illustrative with a count of 2.
class ThinBandsOnTheSite : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = test::fresh_folder("thin-bands");
    fs::copy(test::repository() / "catalog", folder_ / "catalog", fs::copy_options::recursive);
    guide_file_ = folder_ / "catalog/guides/google/senior-software-engineer.yaml";
    auto text = test::read_file(guide_file_);
    const auto replace = [&](const std::string& from, const std::string& to) {
      const auto at = text.find(from);
      ASSERT_NE(at, std::string::npos) << from;
      text.replace(at, from.size(), to);
    };
    const std::string illustrative =
        "    quality: illustrative\n    sources: [illustrative demo data]\n";
    replace(
        "  - region: new-york\n    base: [187000, 230000]\n    stock: [285000, 456000]\n"
        "    bonus_pct: 15\n    quarter: 2025-Q4\n" +
            illustrative,
        "  - region: new-york\n    base: [187000, 230000]\n    stock: [285000, 456000]\n"
        "    bonus_pct: 15\n    quarter: 2025-Q4\n" +
            illustrative + "    points: 2\n");
    replace(
        "    base: [98000, 120000]\n    stock: [135000, 216000]\n    bonus_pct: 15\n"
        "    quarter: 2025-Q4\n" +
            illustrative,
        "    base: [98000, 120000]\n    stock: [135000, 216000]\n    bonus_pct: 15\n"
        "    quarter: 2025-Q4\n    quality: low\n    sources: [levels.fyi]\n    points: 4\n");
    replace(
        "    base: [90000, 110000]\n    stock: [114000, 182000]\n    bonus_pct: 15\n"
        "    quarter: 2025-Q4\n" +
            illustrative,
        "    base: [90000, 110000]\n    stock: [114000, 182000]\n    bonus_pct: 15\n"
        "    quarter: 2025-Q4\n    quality: low\n    sources: [levels.fyi]\n    points: 5\n");
    test::write_file(guide_file_, text);
    written_ = text;
  }
  void TearDown() override { fs::remove_all(folder_); }

  fs::path folder_;
  fs::path guide_file_;
  std::string written_;
};

TEST_F(ThinBandsOnTheSite, TheApiGivesNoFiguresBelowTheMinimumAndEverySampleSize) {
  web::SiteOptions options;
  options.catalog = folder_ / "catalog";
  options.templates = test::repository() / "templates";
  options.jobs = core::Jobs{2};
  const auto site = web::Site::load(options);
  ASSERT_TRUE(site.has_value()) << site.error();
  const auto response = (*site)->handle(
      web::Request{"GET", "/api/v1/bands?company=google&role=senior-software-engineer", {}, {}});
  ASSERT_EQ(response.status, 200);
  const auto bands = json::parse(response.body->text())["bands"];
  std::map<std::string, json> by_region;
  for (const auto& band : bands) by_region[band["region"].get<std::string>()] = band;
  ASSERT_EQ(by_region.count("london"), 1u);
  EXPECT_TRUE(by_region["london"]["base"].is_null()) << by_region["london"];
  EXPECT_TRUE(by_region["london"]["stock"].is_null());
  EXPECT_TRUE(by_region["london"]["bonus_pct"].is_null());
  EXPECT_EQ(by_region["london"]["points"], 4);
  EXPECT_EQ(by_region["paris"]["base"], json::parse("[90000, 110000]")) << by_region["paris"];
  EXPECT_EQ(by_region["paris"]["points"], 5);
  EXPECT_FALSE(by_region["new-york"]["base"].is_null());  // illustrative, whatever its count
  EXPECT_EQ(by_region["new-york"]["points"], 2);
  EXPECT_TRUE(by_region["san-francisco"]["points"].is_null());  // no count recorded

  // The guide page says why London has no figures, and how many points it has.
  const auto page =
      (*site)->handle(web::Request{"GET", "/guides/google/senior-software-engineer", {}, {}});
  ASSERT_EQ(page.status, 200);
  const auto html = page.body->text();
  EXPECT_NE(html.find("<strong>London</strong>: data quality low; 4 data points, too few to show "
                      "figures, up to 2025-Q4; levels.fyi"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<strong>Paris</strong>: data quality low; 5 data points, up to 2025-Q4"),
            std::string::npos);
  EXPECT_EQ(html.find("£98K"), std::string::npos);
  EXPECT_NE(html.find("€90K"), std::string::npos);
}

TEST_F(ThinBandsOnTheSite, TheBuiltGuideWithholdsThemAndTheCatalogKeepsThem) {
  render::BuildOptions options;
  options.out = folder_ / "site";
  options.today = *core::parse_date("2026-01-15");
  options.jobs = core::Jobs{2};
  const auto built =
      render::build_catalog(folder_ / "catalog", test::repository() / "templates", options);
  ASSERT_TRUE(built.has_value()) << built.error();
  const auto guide = test::read_file(folder_ / "site/guides/google/senior-software-engineer.md");
  EXPECT_NE(guide.find("- London: levels.fyi, 4 data points up to 2025-Q4: too few to show "
                       "figures (at least 5)\n"),
            std::string::npos)
      << guide;
  EXPECT_NE(guide.find("- Paris: levels.fyi, 5 data points up to 2025-Q4 (data quality: low)\n"),
            std::string::npos)
      << guide;
  EXPECT_NE(guide.find("| London | — | — |"), std::string::npos) << guide;
  EXPECT_EQ(guide.find("£98K"), std::string::npos) << guide;
  // The catalog's file still holds the figures: only the site leaves them out.
  EXPECT_EQ(test::read_file(guide_file_), written_);
}

}  // namespace
}  // namespace negotiateup
