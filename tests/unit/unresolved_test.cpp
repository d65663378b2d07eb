// Points a profile's ingest cannot resolve against the catalog yet: stored as
// written, reported as unresolved, used by aggregate once the catalog knows their
// names, and listed by `negotiateup unresolved`.
#include "aggregate/unresolved.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "aggregate/aggregate.hpp"
#include "aggregate/band_update.hpp"
#include "catalog/catalog_files.hpp"
#include "ingest/ingest.hpp"
#include "ingest/profile.hpp"
#include "ingest/records.hpp"
#include "store_backends.hpp"
#include "test_support.hpp"

namespace negotiateup::aggregate {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHeader =
    "timestamp,company,level,title,totalyearlycompensation,location,yearsofexperience,"
    "yearsatcompany,tag,basesalary,stockgrantvalue,bonus,otherdetails,cityid,dmaid,rowNumber\n";

// A Levels.fyi row of March 2019; `n` makes it distinct (and its base).
std::string row(const std::string& company, const std::string& level, const std::string& location,
                int n, const std::string& title = "Software Engineer") {
  const auto base = 200'000 + 1'000 * n;
  return "3/4/2019 9:05:" + std::to_string(10 + n) + "," + company + "," + level + "," + title +
         "," + std::to_string(base + 200'000) + ",\"" + location + "\",6,2,NA," +
         std::to_string(base) + ",150000,50000,NA,7322,807," + std::to_string(n) + "\n";
}

const Window k2019{{2019, 1}, 4};

// On each backend: a copy of the demo catalog and a fresh store.
class Unresolved : public test::StoreBackendTest {
 protected:
  void SetUp() override {
    test::StoreBackendTest::SetUp();
    folder_ = folder();
    fs::copy(test::tests_dir() / ".." / "catalog", folder_ / "catalog",
             fs::copy_options::recursive);
    store_ = open_store();
    reload_catalog();
  }

  void reload_catalog() {
    auto catalog = catalog::load_catalog(folder_ / "catalog");
    ASSERT_TRUE(catalog.has_value()) << catalog.error().to_string();
    catalog_ = std::move(*catalog);
  }

  ingest::IngestSummary ingest(const std::string& csv) {
    test::write_file(folder_ / "salaries.csv", csv);
    auto profile = ingest::find_profile("levels-fyi", test::tests_dir() / ".." / "profiles");
    if (!profile) throw std::runtime_error(profile.error().to_string());
    auto mapper = ingest::make_row_mapper(*profile, catalog_);
    if (!mapper) throw std::runtime_error(mapper.error().to_string());
    ingest::IngestOptions options;
    options.mapper = mapper->get();
    options.rejects = folder_ / "rejects.csv";
    auto summary = ingest::ingest_file(folder_ / "salaries.csv", *store_, options);
    if (!summary) throw std::runtime_error(summary.error().to_string());
    return *summary;
  }

  // The points of the catalog band of Google's senior software engineers in the
  // Bay Area, as update_bands writes them.
  std::size_t google_band_points(const Aggregation& aggregation) {
    const auto update = update_bands(aggregation, catalog_);
    const auto band = std::find_if(update.bands.begin(), update.bands.end(), [](const auto& b) {
      return b.company == "google" && b.role == "senior-software-engineer" &&
             b.region == "san-francisco";
    });
    return band == update.bands.end() ? 0 : band->points;
  }

  // The group of company x role x region, or nullptr.
  static const GroupStats* group(const Aggregation& aggregation, std::string_view company,
                                 std::string_view role, std::string_view region) {
    const auto found =
        std::find_if(aggregation.groups.begin(), aggregation.groups.end(), [&](const auto& g) {
          return g.company == company && g.role == role && g.region == region;
        });
    return found == aggregation.groups.end() ? nullptr : &*found;
  }

  fs::path folder_;
  std::unique_ptr<store::Store> store_;
  catalog::Catalog catalog_;
};

constexpr const char* kSoftwareFamily =
    "software-engineer|senior-software-engineer|staff-software-engineer";

TEST_P(Unresolved, UnknownNamesAreStoredAndUsedOnceTheCatalogKnowsThem) {
  std::string csv = kHeader;
  int n = 0;
  for (int i = 0; i < 5; ++i) csv += row("Google", "L5", "Mountain View, CA", n++);
  for (int i = 0; i < 6; ++i) csv += row("Alphabet", "L5", "Mountain View, CA", n++);
  for (int i = 0; i < 2; ++i) csv += row("Initech", "L5", "San Jose, CA", n++);
  csv += row("Google", "L3", "Mountain View, CA", n++);
  csv += row("Google", "L5", "Seattle, WA", n++);
  csv += row("Google", "L5", "", n++);  // no location: malformed, rejected
  const auto summary = ingest(csv);
  EXPECT_EQ(summary.read, 16u);
  EXPECT_EQ(summary.stored, 15u);
  EXPECT_EQ(summary.rejected, 1u);
  EXPECT_EQ(summary.unresolved, 10u);
  using Count = ingest::NameCounts::Count;
  EXPECT_EQ(summary.unresolved_companies.names, 2u);
  EXPECT_EQ(summary.unresolved_companies.most,
            (std::vector<Count>{{"Alphabet", 6}, {"Initech", 2}}));
  EXPECT_EQ(summary.unresolved_roles.most,
            (std::vector<Count>{{"Google 'Software Engineer' at level 'L3'", 1}}));
  EXPECT_EQ(summary.unresolved_regions.most, (std::vector<Count>{{"Seattle, WA", 1}}));
  // Only the malformed row is in the quarantine report.
  std::size_t rejects = 0;
  std::vector<std::string> header;
  ASSERT_TRUE(ingest::read_records(folder_ / "rejects.csv", header, [&](ingest::Record& record) {
                ++rejects;
                EXPECT_EQ(record.fields[1], "location is empty; expected where the job is");
              }).has_value());
  EXPECT_EQ(rejects, 1u);

  // Stored as written, with the family the level mappings will choose from.
  std::size_t alphabet = 0;
  store_->for_each([&](const core::DataPoint& p) {
    if (p.company != "Alphabet") return;
    ++alphabet;
    EXPECT_EQ(p.role, kSoftwareFamily);
    EXPECT_EQ(p.level, "L5");
    EXPECT_EQ(p.region, "san-francisco");
  });
  EXPECT_EQ(alphabet, 6u);

  auto before = aggregate_points(*store_, catalog_, k2019);
  ASSERT_NE(group(before, "google", "senior-software-engineer", "san-francisco"), nullptr);
  EXPECT_EQ(group(before, "google", "senior-software-engineer", "san-francisco")->points, 5u);
  const auto* waiting = group(before, "Alphabet", kSoftwareFamily, "san-francisco");
  ASSERT_NE(waiting, nullptr);
  EXPECT_FALSE(waiting->in_catalog);
  EXPECT_EQ(waiting->points, 6u);
  EXPECT_EQ(google_band_points(before), 5u);

  const auto listed = unresolved_companies(*store_, catalog_, 20);
  EXPECT_EQ(listed.most, (std::vector<UnresolvedCompany>{{"Alphabet", 6}, {"Initech", 2}}));
  EXPECT_EQ(listed.companies, 2u);
  EXPECT_EQ(listed.points, 8u);

  // Alphabet becomes an alias of Google in the catalog's files: no new ingest.
  const auto google = folder_ / "catalog" / "companies" / "google.yaml";
  auto text = test::read_file(google);
  const auto at = text.find("aliases: [Google LLC]");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 21, "aliases: [Google LLC, Alphabet]");
  test::write_file(google, text);
  reload_catalog();
  auto after = aggregate_points(*store_, catalog_, k2019);
  ASSERT_NE(group(after, "google", "senior-software-engineer", "san-francisco"), nullptr);
  EXPECT_EQ(group(after, "google", "senior-software-engineer", "san-francisco")->points, 11u);
  EXPECT_EQ(group(after, "Alphabet", kSoftwareFamily, "san-francisco"), nullptr);
  EXPECT_EQ(google_band_points(after), 11u);
  EXPECT_EQ(unresolved_companies(*store_, catalog_, 20).most,
            (std::vector<UnresolvedCompany>{{"Initech", 2}}));

  // A level mapping that places Google's L3 gives that point its role.
  EXPECT_NE(group(after, "google", kSoftwareFamily, "san-francisco"), nullptr);
  catalog_.find_guide("stripe", "software-engineer")
      ->level_mapping.equivalents.push_back({"google", "L 3", {}});
  const auto mapped = aggregate_points(*store_, catalog_, k2019);
  EXPECT_EQ(group(mapped, "google", kSoftwareFamily, "san-francisco"), nullptr);
  ASSERT_NE(group(mapped, "google", "software-engineer", "san-francisco"), nullptr);
  EXPECT_EQ(group(mapped, "google", "software-engineer", "san-francisco")->points, 1u);
}

TEST_P(Unresolved, SpellingsOfOneCompanyAreCountedTogetherMostPointsFirst) {
  std::string csv = kHeader;
  int n = 0;
  for (int i = 0; i < 3; ++i) csv += row("Amazon", "L6", "Seattle, WA", n++);
  csv += row("amazon ", "L6", "Seattle, WA", n++);
  csv += row("AMAZON", "L6", "Seattle, WA", n++);
  for (int i = 0; i < 4; ++i) csv += row("Microsoft", "63", "Redmond, WA", n++);
  for (int i = 0; i < 2; ++i) csv += row("Oracle", "IC3", "Redwood City, CA", n++);
  csv += row("Initech", "L5", "San Jose, CA", n++);
  csv += row("Google", "L5", "Mountain View, CA", n++);
  const auto summary = ingest(csv);
  EXPECT_EQ(summary.unresolved, 12u);
  EXPECT_EQ(summary.unresolved_companies.names, 6u);  // as written: three Amazons
  const auto listed = unresolved_companies(*store_, catalog_, 20);
  EXPECT_EQ(listed.most, (std::vector<UnresolvedCompany>{
                             {"Amazon", 5}, {"Microsoft", 4}, {"Oracle", 2}, {"Initech", 1}}));
  EXPECT_EQ(listed.companies, 4u);
  EXPECT_EQ(listed.points, 12u);
  EXPECT_EQ(unresolved_companies(*store_, catalog_, 2).most,
            (std::vector<UnresolvedCompany>{{"Amazon", 5}, {"Microsoft", 4}}));
  EXPECT_EQ(unresolved_companies(*store_, catalog_, 2).companies, 4u);
}

NEGOTIATEUP_INSTANTIATE_BACKENDS(Unresolved);

// ---------------------------------------------------------------------------
// The command line

TEST(Cli, IngestReportsUnresolvedNamesAndTheCommandListsTheCompanies) {
  const auto folder = test::fresh_folder("cli-unresolved");
  const auto catalog = folder / "catalog";
  fs::copy(test::tests_dir() / ".." / "catalog", catalog, fs::copy_options::recursive);
  std::string csv = kHeader;
  int n = 0;
  for (int i = 0; i < 2; ++i) csv += row("Microsoft", "63", "Redmond, WA", n++);
  for (int i = 0; i < 3; ++i) csv += row("Amazon", "L6", "Seattle, WA", n++);
  csv += row("Oracle", "IC3", "Redwood City, CA", n++);
  csv += row("Google", "L5", "Mountain View, CA", n++);
  test::write_file(folder / "salaries.csv", csv);
  const auto db = (folder / "points.db").string();
  const auto ingest =
      test::run("ingest " + (folder / "salaries.csv").string() +
                " --profile levels-fyi --catalog " + catalog.string() + " --db " + db);
  ASSERT_EQ(ingest.status, 0) << ingest.out;
  EXPECT_NE(ingest.out.find("salaries.csv: read 7, stored 7, duplicate 0, flagged 0, unresolved "
                            "6, rejected 0\n"
                            "  unresolved companies:\n"
                            "      3 points  Amazon\n"
                            "      2 points  Microsoft\n"
                            "       1 point  Oracle\n"
                            "  unresolved regions:\n"
                            "      3 points  Seattle, WA\n"
                            "      2 points  Redmond, WA\n"),
            std::string::npos)
      << ingest.out;
  EXPECT_FALSE(fs::exists(folder / "salaries.csv.rejects.csv"));

  const auto listed = test::run("unresolved --db " + db + " --catalog " + catalog.string());
  EXPECT_EQ(listed.status, 0) << listed.out;
  EXPECT_EQ(listed.out,
            "      3 points  Amazon\n"
            "      2 points  Microsoft\n"
            "       1 point  Oracle\n"
            "3 companies the catalog does not know, 6 points\n");
  const auto top = test::run("unresolved --top 1 --db " + db + " --catalog " + catalog.string());
  EXPECT_EQ(top.status, 0) << top.out;
  EXPECT_EQ(top.out,
            "      3 points  Amazon\n"
            "3 companies the catalog does not know, 6 points; the 1 with the most points above\n");

  const auto no_catalog =
      test::run("unresolved --db " + db + " --catalog " + (folder / "none").string());
  EXPECT_EQ(no_catalog.status, 2) << no_catalog.out;
  EXPECT_NE(no_catalog.out.find("--catalog"), std::string::npos) << no_catalog.out;
  EXPECT_EQ(test::run("unresolved --top 0 --db " + db).status, 2);
  const auto help = test::run("unresolved --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("--top"), std::string::npos) << help.out;
  fs::remove_all(folder);
}

}  // namespace
}  // namespace negotiateup::aggregate
