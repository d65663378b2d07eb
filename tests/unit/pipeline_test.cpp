// The data pipeline as a content team runs it, on real data: ingest Levels.fyi
// through its profile, aggregate a window into the demo catalog's bands, build,
// and audit what was built.
#include <gtest/gtest.h>

#include "catalog/catalog_files.hpp"
#include "test_support.hpp"

namespace negotiateup {
namespace {

namespace fs = std::filesystem;

using test::run;

// The words of a command line, joined by spaces.
template <typename... Words>
std::string fmt_args(const Words&... words) {
  std::string line;
  ((line += (line.empty() ? "" : " ") + std::string(words)), ...);
  return line;
}

TEST(Pipeline, LevelsFyiBecomesBandsThatBuildIntoGuidesThatPassTheAudit) {
  const auto folder = test::fresh_folder("pipeline");
  const auto catalog = folder / "catalog";
  fs::copy(test::tests_dir() / ".." / "catalog", catalog, fs::copy_options::recursive);
  const auto data = test::shared_dir() / "data" / "levels-fyi-2017-2021" / "salaries.csv";

  // A plain path names a SQLite store.
  const auto db = (folder / "negotiateup.db").string();
  const auto ingest = run(fmt_args("ingest", data.string(), "--profile levels-fyi --catalog",
                                   catalog.string(), "--db", db));
  ASSERT_EQ(ingest.status, 0) << ingest.out;
  EXPECT_NE(ingest.out.find("read 62642, stored 49347, duplicate 38, flagged 6319, unresolved "
                            "46896, rejected 13257"),
            std::string::npos)
      << ingest.out;
  EXPECT_NE(ingest.out.find("salaries.csv:442: no role for title 'Data Scientist' (company "
                            "'Microsoft', level '64')"),
            std::string::npos)
      << ingest.out;
  EXPECT_TRUE(fs::exists(folder / "negotiateup.db"));
  // The quarantine report goes beside the store, and the reasons are counted.
  EXPECT_TRUE(fs::exists(folder / "salaries.csv.rejects.csv"));
  EXPECT_NE(ingest.out.find(
                "rows  no role for title '…' (company '…', level '…'): the profile maps no role"),
            std::string::npos)
      << ingest.out;
  // Companies the catalog lacks are stored, and listed for the content team.
  EXPECT_NE(ingest.out.find("  unresolved companies, 20 most frequent of 1500:\n"
                            "   6540 points  Amazon\n"
                            "   4260 points  Microsoft\n"),
            std::string::npos)
      << ingest.out;
  const auto unresolved =
      run(fmt_args("unresolved --catalog", catalog.string(), "--db", db, "--top 3"));
  EXPECT_EQ(unresolved.status, 0) << unresolved.out;
  EXPECT_EQ(unresolved.out,  // every spelling of a company together ("amazon", "AMAZON")
            "   6595 points  Amazon\n"
            "   4275 points  Microsoft\n"
            "   1350 points  Apple\n"
            "1077 companies the catalog does not know, 43127 points; the 3 with the most "
            "points above\n");

  const auto dry = run(
      fmt_args("aggregate --catalog", catalog.string(), "--db", db, "--quarter 2021-Q3 --dry-run"));
  ASSERT_EQ(dry.status, 0) << dry.out;
  const auto before = catalog::load_catalog(catalog);
  ASSERT_TRUE(before.has_value());

  const auto aggregate =
      run(fmt_args("aggregate --catalog", catalog.string(), "--db", db, "--quarter 2021-Q3"));
  ASSERT_EQ(aggregate.status, 0) << aggregate.out;
  EXPECT_EQ(aggregate.out.substr(0, dry.out.size()), dry.out);  // the same report
  EXPECT_NE(aggregate.out.find("google / senior-software-engineer / san-francisco: 113 points, "
                               "quality medium\n  base   $195K–$240K -> $184K–$200K"),
            std::string::npos)
      << aggregate.out;
  EXPECT_NE(aggregate.out.find("2020-10-01 to 2021-09-30: 22684 points read"), std::string::npos)
      << aggregate.out;
  const auto after = catalog::load_catalog(catalog);
  ASSERT_TRUE(after.has_value()) << after.error().to_string();
  const auto& band = after->find_guide("google", "senior-software-engineer")->bands[0];
  ASSERT_EQ(band.region, "san-francisco");
  EXPECT_EQ(band.base, (core::Band{184'000, 200'000}));
  EXPECT_EQ(band.sources, std::vector<std::string>{"levels.fyi"});
  EXPECT_EQ(band.quarter, (core::Quarter{2021, 3}));
  EXPECT_EQ(band.points, 113);
  // The dry run wrote nothing: the bands changed only with the second run.
  EXPECT_NE(before->find_guide("google", "senior-software-engineer")->bands[0].base, band.base);

  const auto build = run(fmt_args("build --catalog", catalog.string(), "--out",
                                  (folder / "site").string(), "--today 2021-10-15"));
  ASSERT_EQ(build.status, 0) << build.out;
  const auto guide = test::read_file(folder / "site/guides/google/senior-software-engineer.md");
  EXPECT_NE(guide.find("| San Francisco Bay Area | $184K–$200K |"), std::string::npos);
  // Provenance: the guide says which region rests on what, and no longer calls
  // every figure illustrative.
  EXPECT_NE(guide.find("- San Francisco Bay Area: levels.fyi, 113 data points up to 2021-Q3 "
                       "(data quality: medium)"),
            std::string::npos)
      << guide;
  EXPECT_NE(guide.find(": illustrative demo data, 2025-Q4 (data quality: illustrative)"),
            std::string::npos)
      << guide;
  EXPECT_EQ(guide.find("All figures in this guide are illustrative"), std::string::npos) << guide;
  // The front matter is as good as its weakest region and as recent as its oldest.
  EXPECT_NE(guide.find("data_quality: illustrative\nsalary_data_quarter: 2021-Q3\n"),
            std::string::npos);
  const auto audit = run(fmt_args("audit", (folder / "site").string(), "--today 2021-10-15"));
  EXPECT_EQ(audit.status, 0) << audit.out;
  EXPECT_EQ(audit.out, "");
  fs::remove_all(folder);
}

}  // namespace
}  // namespace negotiateup
