// Ingest profiles: reading them, mapping rows through the demo catalog, the corpus
// of bad profiles, and whole ingests of the two real data sets of ../shared/data.
#include "ingest/profile.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <set>

#include "catalog/catalog_files.hpp"
#include "core/text.hpp"
#include "ingest/ingest.hpp"
#include "ingest/records.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

namespace negotiateup::ingest {
namespace {

namespace fs = std::filesystem;

const catalog::Catalog& demo_catalog() {
  static const auto catalog = [] {
    auto loaded = catalog::load_catalog(test::repository() / "catalog");
    if (!loaded) throw std::runtime_error(loaded.error().to_string());
    return std::move(*loaded);
  }();
  return catalog;
}

Profile shipped(const std::string& name) {
  auto profile = find_profile(name, test::repository() / "profiles");
  if (!profile) throw std::runtime_error(profile.error().to_string());
  return std::move(*profile);
}

const std::vector<std::string> kLevelsFyiHeader{"timestamp",
                                                "company",
                                                "level",
                                                "title",
                                                "totalyearlycompensation",
                                                "location",
                                                "yearsofexperience",
                                                "yearsatcompany",
                                                "tag",
                                                "basesalary",
                                                "stockgrantvalue",
                                                "bonus",
                                                "otherdetails",
                                                "cityid",
                                                "dmaid",
                                                "rowNumber"};
const std::vector<std::string> kAijobsHeader{
    "work_year",    "experience_level", "employment_type", "job_title",
    "salary",       "salary_currency",  "salary_in_usd",   "employee_residence",
    "remote_ratio", "company_location", "company_size"};

// A profile's mapper over the demo catalog, ready for rows of `header`; map()
// returns the mapped row by canonical column, or the reason it is rejected.
class Mapped {
 public:
  Mapped(const Profile& profile, const std::vector<std::string>& header,
         const catalog::Catalog& catalog = demo_catalog()) {
    auto mapper = make_row_mapper(profile, catalog);
    if (!mapper) throw std::runtime_error(mapper.error().to_string());
    mapper_ = std::move(*mapper);
    auto columns = mapper_->columns(header);
    if (!columns) throw std::runtime_error(columns.error());
    columns_ = std::move(*columns);
  }

  std::map<std::string, std::string> row(std::vector<std::string> fields) {
    auto mapped = mapper_->map(Record{2, std::move(fields)});
    if (!mapped) return {{"rejected", mapped.error()}};
    std::map<std::string, std::string> result;
    for (std::size_t i = 0; i < columns_.size(); ++i) result[columns_[i]] = (*mapped)[i];
    return result;
  }
  // Of the row last mapped.
  const UnresolvedNames& unresolved() const { return mapper_->unresolved(); }

 private:
  std::unique_ptr<RowMapper> mapper_;
  std::vector<std::string> columns_;
};

std::vector<std::string> levels_fyi_row(std::string company, std::string level, std::string title,
                                        std::string location, std::string tag = "NA") {
  return {"3/4/2019 9:05:07",
          std::move(company),
          std::move(level),
          std::move(title),
          "400000",
          std::move(location),
          "6",
          "2",
          std::move(tag),
          "200000",
          "150000",
          "50000",
          "NA",
          "7322",
          "807",
          "1"};
}

std::vector<std::string> aijobs_row(std::string level, std::string title, std::string remote,
                                    std::string country, std::string currency = "EUR") {
  return {"2024",
          std::move(level),
          "FT",
          std::move(title),
          "90000",
          std::move(currency),
          "97000",
          country,
          std::move(remote),
          country,
          "M"};
}

// ---------------------------------------------------------------------------
// Mapping rows

TEST(Profile, MapsGoogleL5SoftwareEngineerInMountainViewToCatalogSlugs) {
  Mapped levels(shipped("levels-fyi"), kLevelsFyiHeader);
  auto row = levels.row(levels_fyi_row("Google", "L5", "Software Engineer", "Mountain View, CA"));
  ASSERT_FALSE(row.contains("rejected")) << row["rejected"];
  EXPECT_EQ(row["date"], "2019-03-04");
  EXPECT_EQ(row["company"], "google");
  EXPECT_EQ(row["role"], "senior-software-engineer");
  EXPECT_EQ(row["level"], "L5");
  EXPECT_EQ(row["region"], "san-francisco");
  EXPECT_EQ(row["currency"], "USD");
  EXPECT_EQ(row["base"], "200000");
  EXPECT_EQ(row["stock_per_year"], "150000");
  EXPECT_EQ(row["bonus"], "50000");
  EXPECT_EQ(row["source"], "levels.fyi");
  EXPECT_EQ(row["total"], "400000");
  EXPECT_EQ(row["location"], "Mountain View, CA");
  EXPECT_EQ(row["tag"], "");  // NA is "not stated"
  EXPECT_EQ(row["reported_at"], "3/4/2019 9:05:07");
  EXPECT_FALSE(row.contains("rowNumber"));
}

TEST(Profile, LevelsPickTheRoleOfTheTitlesFamily) {
  Mapped levels(shipped("levels-fyi"), kLevelsFyiHeader);
  const auto role = [&](std::string company, std::string level, std::string title,
                        std::string tag = "NA") {
    auto row = levels.row(levels_fyi_row(std::move(company), std::move(level), std::move(title),
                                         "San Francisco, CA", std::move(tag)));
    return row.contains("rejected") ? "rejected: " + row["rejected"] : row["role"];
  };
  // Google L5 is the internal level of three guides; the title chooses.
  EXPECT_EQ(role("Google", "L5", "Product Manager"), "product-manager");
  EXPECT_EQ(role("Google", "L5", "Software Engineer", "ML / AI"), "machine-learning-engineer");
  EXPECT_EQ(role("Google", "L4", "Software Engineer", "ML / AI"), "software-engineer");
  EXPECT_EQ(role("Google", "l6", "Software Engineer"), "staff-software-engineer");
  EXPECT_EQ(role("Google", "Manager (L6)", "Software Engineering Manager"),
            "engineering-manager");  // a level alias of the profile
  EXPECT_EQ(role("Google", "SWE III", "Software Engineer"), "senior-software-engineer");
  EXPECT_EQ(role("Facebook", "E4", "Software Engineer"), "software-engineer");
  EXPECT_EQ(role("Spotify", "Senior  Engineer", "software engineer"), "senior-software-engineer");
  EXPECT_EQ(role("Stripe", "L2", "Software Engineer"), "software-engineer");
}

TEST(Profile, CompanySpellingsMatchTheCatalogInAnyCase) {
  Mapped levels(shipped("levels-fyi"), kLevelsFyiHeader);
  for (const auto* spelling : {"Google", "google", "GOogle", "google llc", "Google LLC",
                               "  Google ", "\xC2\xA0Google", "Google"}) {
    auto row = levels.row(levels_fyi_row(spelling, "L4", "Software Engineer", "New York, NY"));
    EXPECT_EQ(row["company"], "google") << spelling << " " << row["rejected"];
    EXPECT_EQ(row["region"], "new-york");
  }
  EXPECT_EQ(levels.row(levels_fyi_row("facebook", "E5", "Software Engineer",
                                      "London, EN, United "
                                      "Kingdom"))["company"],
            "meta");
}

TEST(Profile, RejectsRowsItCannotMapWithTheReason) {
  Mapped levels(shipped("levels-fyi"), kLevelsFyiHeader);
  const auto reason = [&](std::vector<std::string> fields) {
    return levels.row(std::move(fields))["rejected"];
  };
  EXPECT_EQ(
      reason(levels_fyi_row("Google", "L4", "Data Scientist", "Mountain View, CA")),
      "no role for title 'Data Scientist' (company 'Google', level 'L4'): the profile maps no "
      "role to this title");
  EXPECT_EQ(
      reason(levels_fyi_row("Google", "N/A", "Software Engineer", "Mountain View, CA")),
      "no role for title 'Software Engineer' (company 'Google'): the level is empty; expected "
      "the level name the company uses");
  EXPECT_EQ(
      reason(levels_fyi_row("Amazon", "", "Software Engineer", "Seattle, WA")),
      "no role for title 'Software Engineer' (company 'Amazon'): the level is empty; expected "
      "the level name the company uses");
  EXPECT_EQ(reason(levels_fyi_row("Google", "L5", "Software Engineer", "N/A")),
            "location is empty; expected where the job is");
  auto bad_date = levels_fyi_row("Google", "L5", "Software Engineer", "Mountain View, CA");
  bad_date[0] = "2/30/2019 9:05:07";
  EXPECT_EQ(reason(bad_date),
            "timestamp is '2/30/2019 9:05:07'; expected a date as M/D/YYYY "
            "H:MM:SS");
  auto bad_amount = levels_fyi_row("Google", "L5", "Software Engineer", "Mountain View, CA");
  bad_amount[9] = "200K";
  EXPECT_EQ(reason(bad_amount),
            "basesalary is '200K'; expected an amount such as 120000 or "
            "120000.50");
  bad_amount[9] = "61021.5";  // decimals are rounded
  EXPECT_EQ(levels.row(bad_amount)["base"], "61022");
  bad_amount[9] = "9.999999999999999e-5";
  EXPECT_EQ(levels.row(bad_amount)["base"], "0");
}

TEST(Profile, KeepsNamesTheCatalogDoesNotKnowAsWritten) {
  Mapped levels(shipped("levels-fyi"), kLevelsFyiHeader);
  // An unknown company: its role waits for the catalog's level mappings.
  auto row = levels.row(levels_fyi_row(" Amazon", "L6", "Software Engineer", "Seattle, WA"));
  ASSERT_FALSE(row.contains("rejected")) << row["rejected"];
  EXPECT_EQ(row["company"], "Amazon");
  EXPECT_EQ(row["role"], "software-engineer|senior-software-engineer|staff-software-engineer");
  EXPECT_EQ(row["level"], "L6");
  EXPECT_EQ(row["region"], "Seattle, WA");
  EXPECT_EQ(levels.unresolved().company, "Amazon");
  EXPECT_EQ(levels.unresolved().role, "");  // because of the company
  EXPECT_EQ(levels.unresolved().region, "Seattle, WA");
  // Machine-learning engineers first, as for a known company.
  EXPECT_EQ(levels.row(levels_fyi_row("Amazon", "L6", "Software Engineer", "Seattle, WA",
                                      "ML / AI"))["role"],
            "machine-learning-engineer|software-engineer|senior-software-engineer|"
            "staff-software-engineer");
  // A level no mapping of the catalog places.
  row = levels.row(levels_fyi_row("Google", "L3", "Software Engineer", "Mountain View, CA"));
  EXPECT_EQ(row["company"], "google");
  EXPECT_EQ(row["role"], "software-engineer|senior-software-engineer|staff-software-engineer");
  EXPECT_EQ(row["region"], "san-francisco");
  EXPECT_EQ(levels.unresolved().company, "");
  EXPECT_EQ(levels.unresolved().role, "Google 'Software Engineer' at level 'L3'");
  EXPECT_EQ(levels.unresolved().region, "");
  // A region outside the catalog and the profile's table.
  row = levels.row(levels_fyi_row("Google", "L5", "Software Engineer", "Paris, IL"));
  EXPECT_EQ(row["role"], "senior-software-engineer");
  EXPECT_EQ(row["region"], "Paris, IL");
  EXPECT_FALSE(levels.unresolved().company.size() + levels.unresolved().role.size());
  EXPECT_EQ(levels.unresolved().region, "Paris, IL");
  // A row all known leaves nothing unresolved.
  levels.row(levels_fyi_row("Google", "L5", "Software Engineer", "Mountain View, CA"));
  EXPECT_FALSE(levels.unresolved().any());
}

TEST(Profile, AijobsRowsAreMarketWideWithRegionsFromTheCountry) {
  Mapped aijobs(shipped("aijobs"), kAijobsHeader);
  auto row = aijobs.row(aijobs_row("SE", "Software Engineer", "0", "FR"));
  ASSERT_FALSE(row.contains("rejected")) << row["rejected"];
  EXPECT_EQ(row["date"], "2024-07-01");  // a year alone is July 1
  EXPECT_EQ(row["company"], "market");
  EXPECT_EQ(row["role"], "senior-software-engineer");
  EXPECT_EQ(row["level"], "SE");
  EXPECT_EQ(row["region"], "paris");
  EXPECT_EQ(row["currency"], "EUR");
  EXPECT_EQ(row["base"], "90000");
  EXPECT_EQ(row["salary_in_usd"], "97000");
  EXPECT_EQ(row["record"], "2");
  EXPECT_EQ(row["source"], "aijobs.net");
  EXPECT_EQ(aijobs.row(aijobs_row("SE", "Machine Learning Engineer", "0", "GB"))["region"],
            "london");
  EXPECT_EQ(aijobs.row(aijobs_row("MI", "software engineer", "0", "DE"))["role"],
            "software-engineer");
  EXPECT_EQ(aijobs.row(aijobs_row("SE", "Engineering Manager", "100", "US", "USD"))["region"],
            "remote-global");
  EXPECT_EQ(aijobs.row(aijobs_row("SE", "Software Engineer", "0", "US", "USD"))["region"],
            "US");  // not in the catalog: kept as written
  EXPECT_EQ(aijobs.unresolved().region, "US");
  EXPECT_EQ(aijobs.unresolved().company, "");  // market-wide by the profile's choice
  EXPECT_EQ(aijobs.row(aijobs_row("EN", "Software Engineer", "0", "FR"))["rejected"],
            "no role for title 'Software Engineer' at level 'EN': the profile maps this title at "
            "levels MI, SE, EX only");
  EXPECT_EQ(
      aijobs.row(aijobs_row("SE", "Data Scientist", "0", "FR"))["rejected"],
      "no role for title 'Data Scientist' (company 'market', level 'SE'): the profile maps no "
      "role to this title");
  auto part_time = aijobs_row("SE", "Software Engineer", "0", "FR");
  part_time[2] = "PT";
  EXPECT_EQ(aijobs.row(part_time)["rejected"],
            "employment_type is 'PT'; the profile accepts only FT");
}

TEST(Profile, EquivalentsOfOtherGuidesGiveARoleWhenTheCompanyHasNoGuideAtThatLevel) {
  auto catalog = demo_catalog();
  catalog::Company acme;
  acme.slug = "acme";
  acme.name = "Acme Corp";
  acme.aliases = {"ACME Inc."};
  catalog.companies.push_back(std::move(acme));
  catalog.find_guide("google", "staff-software-engineer")
      ->level_mapping.equivalents.push_back({"acme", "Principal Engineer", {}});
  Mapped levels(shipped("levels-fyi"), kLevelsFyiHeader, catalog);
  auto row = levels.row(
      levels_fyi_row("acme inc.", "principal engineer", "Software Engineer", "Palo Alto, CA"));
  EXPECT_EQ(row["company"], "acme") << row["rejected"];
  EXPECT_EQ(row["role"], "staff-software-engineer");
  EXPECT_EQ(row["level"], "principal engineer");
}

TEST(Profile, AFileWithoutAColumnTheProfileNamesIsRefusedNamingIt) {
  auto mapper = make_row_mapper(shipped("levels-fyi"), demo_catalog());
  ASSERT_TRUE(mapper.has_value());
  auto header = kLevelsFyiHeader;
  header.erase(header.begin());  // no timestamp
  const auto columns = (*mapper)->columns(header);
  ASSERT_FALSE(columns.has_value());
  EXPECT_NE(columns.error().find("column 'timestamp' of profile levels-fyi"), std::string::npos)
      << columns.error();
}

TEST(Profile, FindsShippedProfilesByNameAndOthersByPath) {
  EXPECT_EQ(shipped("aijobs").name, "aijobs");
  const auto by_path =
      find_profile((test::repository() / "profiles" / "aijobs.yaml").string(), "/none");
  ASSERT_TRUE(by_path.has_value()) << by_path.error().to_string();
  EXPECT_EQ(by_path->name, "aijobs");
  const auto missing = find_profile("levels", test::repository() / "profiles");
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().to_string().find("expected one of: aijobs, levels-fyi"),
            std::string::npos)
      << missing.error().to_string();
}

// ---------------------------------------------------------------------------
// Dates

core::Date ymd(int y, unsigned m, unsigned d) {
  return core::Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

TEST(DateFormat, ReadsEachFormat) {
  const auto parse = [](std::string_view format, std::string_view text) {
    auto compiled = DateFormat::compile(format);
    if (!compiled) throw std::runtime_error(compiled.error());
    return compiled->parse(text);
  };
  EXPECT_EQ(parse("M/D/YYYY H:MM:SS", "6/7/2017 11:33:27"), ymd(2017, 6, 7));
  EXPECT_EQ(parse("M/D/YYYY H:MM:SS", "12/31/2020 0:05:00"), ymd(2020, 12, 31));
  EXPECT_EQ(parse("M/D/YYYY H:MM:SS", "2/29/2020 23:59:59"), ymd(2020, 2, 29));
  EXPECT_EQ(parse("M/D/YYYY H:MM:SS", "2/29/2021 10:00:00"), std::nullopt);  // no such day
  EXPECT_EQ(parse("M/D/YYYY H:MM:SS", "13/1/2020 10:00:00"), std::nullopt);
  EXPECT_EQ(parse("M/D/YYYY H:MM:SS", "6/7/2017 24:00:00"), std::nullopt);
  EXPECT_EQ(parse("M/D/YYYY H:MM:SS", "6/7/2017 11:3:27"), std::nullopt);  // MM is two digits
  EXPECT_EQ(parse("M/D/YYYY H:MM:SS", "6/7/2017"), std::nullopt);
  EXPECT_EQ(parse("YYYY", "2024"), ymd(2024, 7, 1));  // a year alone: July 1
  EXPECT_EQ(parse("YYYY", "24"), std::nullopt);
  EXPECT_EQ(parse("YYYY-MM-DD", "2026-01-02"), ymd(2026, 1, 2));
  EXPECT_EQ(parse("YYYY-MM-DD", "2026-1-2"), std::nullopt);
  EXPECT_EQ(parse("DD.MM.YYYY", "02.01.2026"), ymd(2026, 1, 2));
  EXPECT_EQ(parse("YYYY-MM", "2026-03"), ymd(2026, 3, 1));
  EXPECT_EQ(parse("YYYY-MM-DDTHH:MM:SSZ", "2026-03-04T05:06:07Z"), ymd(2026, 3, 4));
}

TEST(DateFormat, RefusesFormatsItCannotRead) {
  for (const auto& [format, message] : std::vector<std::pair<std::string, std::string>>{
           {"M/D/YY", "'YY' is not a part of a date"},
           {"MM/DD", "no year"},
           {"D/YYYY", "a day without a month"},
           {"YYYY/YYYY", "appears twice"},
           {"YYYY-MM-DD HH:SS", "seconds without minutes"}}) {
    const auto compiled = DateFormat::compile(format);
    ASSERT_FALSE(compiled.has_value()) << format;
    EXPECT_NE(compiled.error().find(message), std::string::npos) << compiled.error();
  }
}

// ---------------------------------------------------------------------------
// Bad profiles: tests/corpus/bad-profiles/NN-name.yaml, NN-name.expected

struct BadProfile {
  fs::path path;
  std::size_t line = 0;
  std::string message_part;
};

void PrintTo(const BadProfile& bad, std::ostream* out) {
  *out << bad.path.filename().string();
}

std::vector<BadProfile> bad_profiles() {
  std::vector<BadProfile> cases;
  for (const auto& entry : fs::directory_iterator(test::tests_dir() / "corpus" / "bad-profiles")) {
    if (entry.path().extension() != ".yaml") continue;
    auto expected = test::read_file(fs::path(entry.path()).replace_extension(".expected"));
    while (!expected.empty() && expected.back() == '\n') expected.pop_back();
    const auto bar = expected.find('|');
    cases.push_back({entry.path(),
                     bar == std::string::npos ? 0 : std::stoul(expected.substr(0, bar)),
                     bar == std::string::npos ? expected : expected.substr(bar + 1)});
  }
  std::sort(cases.begin(), cases.end(),
            [](const BadProfile& a, const BadProfile& b) { return a.path < b.path; });
  return cases;
}

class BadProfiles : public testing::TestWithParam<BadProfile> {};

TEST_P(BadProfiles, AreRefusedWithFileLineAndWhatWasExpected) {
  const auto& bad = GetParam();
  ASSERT_FALSE(bad.message_part.empty()) << "no .expected file";
  auto profile = load_profile(bad.path);
  std::optional<core::Diagnostic> error;
  if (!profile) {
    error = profile.error();
  } else if (auto mapper = make_row_mapper(*profile, demo_catalog()); !mapper) {
    error = mapper.error();
  }
  ASSERT_TRUE(error.has_value()) << "accepted";
  EXPECT_EQ(error->file, bad.path.string());
  EXPECT_EQ(error->line, bad.line) << error->to_string();
  EXPECT_NE(error->message.find(bad.message_part), std::string::npos) << error->to_string();
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadProfiles, testing::ValuesIn(bad_profiles()),
                         [](const testing::TestParamInfo<BadProfile>& param) {
                           auto name = param.param.path.stem().string();
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(BadProfiles, TheCorpusIsThere) {
  EXPECT_GE(bad_profiles().size(), 20u);
}

// ---------------------------------------------------------------------------
// The real data sets, whole

// A CSV file's records as plain strings: an independent reader for the checks.
std::vector<std::vector<std::string>> read_csv(const fs::path& path) {
  const auto text = test::read_file(path);
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  if (!rows.back().empty() || !field.empty()) {
    rows.back().push_back(std::move(field));
  } else {
    rows.pop_back();
  }
  return rows;
}

struct Ingested {
  fs::path folder;
  std::unique_ptr<store::Store> store;
  IngestSummary first;
  IngestSummary second;
  std::vector<core::DataPoint> points;
};

Ingested ingest_twice(const std::string& name, const fs::path& data) {
  Ingested result;
  result.folder = test::fresh_folder("profile-" + name);
  auto store = store::open_store("sqlite:" + (result.folder / "points.db").string());
  if (!store) throw std::runtime_error(store.error().to_string());
  result.store = std::move(*store);
  auto mapper = make_row_mapper(shipped(name), demo_catalog());
  if (!mapper) throw std::runtime_error(mapper.error().to_string());
  IngestOptions options;
  options.mapper = mapper->get();
  options.rejects = result.folder / "rejects.csv";
  auto first = ingest_file(data, *result.store, options);
  if (!first) throw std::runtime_error(first.error().to_string());
  result.first = *first;
  options.rejects = result.folder / "rejects-again.csv";
  auto second = ingest_file(data, *result.store, options);
  if (!second) throw std::runtime_error(second.error().to_string());
  result.second = *second;
  result.store->for_each([&](const core::DataPoint& p) { result.points.push_back(p); });
  return result;
}

// The quarantine report has one record per rejected row: its record number
// (rising, within the file's records) and a reason.
void expect_one_reject_per_row(const fs::path& rejects, const IngestSummary& summary,
                               std::size_t records) {
  std::vector<std::string> header;
  std::size_t count = 0;
  std::size_t last = 1;
  const auto read = read_records(rejects, header, [&](Record& record) {
    ++count;
    ASSERT_GE(record.fields.size(), 2u);
    const auto number = std::stoul(record.fields[0]);
    EXPECT_GT(number, last);
    EXPECT_LE(number, records + 1);
    EXPECT_FALSE(record.fields[1].empty());
    last = number;
  });
  ASSERT_TRUE(read.has_value()) << read.error();
  ASSERT_GE(header.size(), 2u);
  EXPECT_EQ(header[0], "record");
  EXPECT_EQ(header[1], "reason");
  EXPECT_EQ(count, summary.rejected);
}

TEST(RealData, LevelsFyiIngestsWholeThroughItsProfile) {
  const auto data = test::shared_dir() / "data" / "levels-fyi-2017-2021" / "salaries.csv";
  auto ingested = ingest_twice("levels-fyi", data);
  const auto& first = ingested.first;
  EXPECT_EQ(first.read, 62'642u);
  EXPECT_EQ(first.read, first.stored + first.duplicate + first.rejected);
  // Pinned after checking them with an independent script over the CSV: a row is
  // stored when it names a company, a title the profile has a role for, a level
  // and a location, whether the catalog knows them or not.
  EXPECT_EQ(first.stored, 49'347u);
  EXPECT_EQ(first.duplicate, 38u);
  EXPECT_EQ(first.rejected, 13'257u);
  EXPECT_EQ(first.flagged, 6'319u);
  EXPECT_EQ(ingested.points.size(), first.stored);
  expect_one_reject_per_row(first.rejects, first, first.read);
  const auto rejects = test::read_file(first.rejects);
  EXPECT_EQ(rejects.find("not in the catalog"), std::string::npos);
  // Unresolved: stored, counted by name as written.
  EXPECT_EQ(first.unresolved, 46'896u);
  EXPECT_EQ(first.unresolved_companies.names, 1'500u);
  ASSERT_EQ(first.unresolved_companies.most.size(), 20u);
  using Count = NameCounts::Count;
  EXPECT_EQ(first.unresolved_companies.most[0], (Count{"Amazon", 6'540}));
  EXPECT_EQ(first.unresolved_companies.most[1], (Count{"Microsoft", 4'260}));
  EXPECT_EQ(first.unresolved_companies.most[2], (Count{"Apple", 1'338}));
  EXPECT_EQ(first.unresolved_roles.most.at(0),
            (Count{"Google 'Software Engineer' at level 'L3'", 983}));
  EXPECT_EQ(first.unresolved_regions.most.at(0), (Count{"Seattle, WA", 7'322}));

  // Again: nothing new.
  EXPECT_EQ(ingested.second.read, first.read);
  EXPECT_EQ(ingested.second.stored, 0u);
  EXPECT_EQ(ingested.second.duplicate, first.stored + first.duplicate);
  EXPECT_EQ(ingested.second.rejected, first.rejected);
  EXPECT_EQ(ingested.second.unresolved, 0u);  // of the points stored: none

  // Google L5 software engineers in the Bay Area, counted from the CSV directly:
  // the profile's table of Bay Area cities, read as plain lines.
  std::set<std::string> bay_area;
  const auto profile_text = test::read_file(test::repository() / "profiles" / "levels-fyi.yaml");
  for (const auto line : core::split(profile_text, "\n")) {
    if (line.ends_with(": san-francisco"))
      bay_area.insert(std::string(core::trim(line.substr(0, line.size() - 15))));
  }
  EXPECT_GE(bay_area.size(), 39u);
  const auto csv = read_csv(data);
  ASSERT_EQ(csv.size(), 62'643u);
  // Rows are told apart by what is stored of them: every column but the company's
  // spelling, cityid, dmaid and rowNumber (one Meta row is there twice).
  std::set<std::string> google_rows;
  std::set<std::string> meta_rows;
  // Amazon's and Microsoft's rows (as written) that have what a row needs.
  std::map<std::string, std::set<std::string>> unresolved_rows;
  const std::set<std::string> titles{"Software Engineer", "Software Engineering Manager",
                                     "Product Manager"};
  for (std::size_t i = 1; i < csv.size(); ++i) {
    const auto& r = csv[i];
    const auto stated = [](std::string_view value) {
      return !value.empty() && value != "NA" && value != "N/A";
    };
    if ((r[1] == "Amazon" || r[1] == "Microsoft") && titles.contains(r[3]) && stated(r[2]) &&
        stated(r[5])) {
      std::string key;
      for (std::size_t column = 0; column < 13; ++column) key += r[column] + '\x1f';
      unresolved_rows[r[1]].insert(key);
    }
    const auto company = core::to_lower_ascii(core::trim(r[1]));
    if (r[3] != "Software Engineer" || r[8] == "ML / AI" || !bay_area.contains(r[5])) continue;
    std::string key;
    for (std::size_t column = 0; column < 13; ++column)
      if (column != 1) key += r[column] + '\x1f';
    if ((company == "google" || company == "google llc") && r[2] == "L5") google_rows.insert(key);
    if (company == "facebook" && r[2] == "E5") meta_rows.insert(key);
  }
  const auto expected = google_rows.size();
  const auto expected_meta_e5 = meta_rows.size();
  std::size_t google_l5 = 0;
  std::size_t meta_e5 = 0;
  std::size_t flagged_mismatch = 0;
  for (const auto& p : ingested.points) {
    if (p.region != "san-francisco" || p.role != "senior-software-engineer") continue;
    if (p.company == "google" && p.level == "L5") ++google_l5;
    if (p.company == "meta" && p.level == "E5") ++meta_e5;
  }
  for (const auto& p : ingested.points) {
    if (std::find(p.flags.begin(), p.flags.end(), "total-mismatch") != p.flags.end())
      ++flagged_mismatch;
    EXPECT_EQ(p.source, "levels.fyi");
    EXPECT_EQ(p.currency.code(), "USD");
  }
  EXPECT_EQ(unresolved_rows["Amazon"].size(), 6'540u);
  EXPECT_EQ(unresolved_rows["Microsoft"].size(), 4'260u);
  const auto stored_under = [&](std::string_view company) {
    return std::count_if(ingested.points.begin(), ingested.points.end(),
                         [&](const auto& p) { return p.company == company; });
  };
  EXPECT_EQ(stored_under("Amazon"), 6'540);
  EXPECT_EQ(stored_under("Microsoft"), 4'260);
  EXPECT_EQ(google_l5, expected);
  EXPECT_EQ(google_l5, 267u);
  EXPECT_EQ(meta_e5, expected_meta_e5);
  EXPECT_EQ(meta_e5, 239u);
  EXPECT_GT(flagged_mismatch, 0u);
  fs::remove_all(ingested.folder);
}

TEST(RealData, AijobsIngestsWholeThroughItsProfile) {
  const auto data = test::shared_dir() / "data" / "ai-jobs-net-salaries" / "salaries.csv";
  auto ingested = ingest_twice("aijobs", data);
  const auto& first = ingested.first;
  EXPECT_EQ(first.read, 74'301u);
  EXPECT_EQ(first.read, first.stored + first.duplicate + first.rejected);
  EXPECT_EQ(first.stored, 14'751u);
  EXPECT_EQ(first.duplicate, 0u);  // identical rows are separate reports here
  EXPECT_EQ(first.rejected, 59'550u);
  // Countries the catalog has no region for: stored as written.
  EXPECT_EQ(first.unresolved, 11'996u);
  EXPECT_EQ(first.unresolved_regions.most.at(0), (NameCounts::Count{"US", 11'507}));
  EXPECT_EQ(first.unresolved_companies.names, 0u);  // `market` is the profile's choice
  expect_one_reject_per_row(first.rejects, first, first.read);
  EXPECT_EQ(ingested.second.stored, 0u);
  EXPECT_EQ(ingested.second.duplicate, first.stored);

  // Full-time senior software engineers, remote, in France, Britain, Germany, or elsewhere,
  // counted from the CSV directly.
  const auto csv = read_csv(data);
  ASSERT_EQ(csv.size(), 74'302u);
  std::map<std::string, std::size_t> expected;  // region -> rows
  const std::map<std::string, std::string> countries{
      {"FR", "paris"}, {"GB", "london"}, {"DE", "berlin"}};
  for (std::size_t i = 1; i < csv.size(); ++i) {
    const auto& r = csv[i];
    if (r[3] != "Software Engineer" || r[1] != "SE" || r[2] != "FT") continue;
    if (r[8] == "100") {
      ++expected["remote-global"];
    } else if (countries.contains(r[9])) {
      ++expected[countries.at(r[9])];
    } else {
      ++expected[r[9]];  // no region of the catalog: the country as written, unresolved
    }
  }
  std::map<std::string, std::size_t> found;
  std::set<std::string> currencies;
  for (const auto& p : ingested.points) {
    EXPECT_EQ(p.company, "market");
    currencies.insert(std::string(p.currency.code()));
    if (p.role == "senior-software-engineer" &&
        p.attributes.find("\"job_title\":\"Software Engineer\"") != std::string::npos)
      ++found[p.region];
  }
  EXPECT_EQ(found, expected);
  EXPECT_EQ(found["remote-global"], 932u);
  EXPECT_EQ(found["US"], 4'278u);
  EXPECT_GE(currencies.size(), 5u);  // kept in the currency reported
  fs::remove_all(ingested.folder);
}

// ---------------------------------------------------------------------------
// The command line

using test::run;

TEST(Cli, IngestWithAProfilePrintsTheSummary) {
  const auto folder = test::fresh_folder("cli-profile");
  std::string csv = csv_line(kLevelsFyiHeader);
  csv += csv_line(levels_fyi_row("Google", "L5", "Software Engineer", "Mountain View, CA"));
  csv += csv_line(levels_fyi_row("Amazon", "L6", "Software Engineer", "Seattle, WA"));
  test::write_file(folder / "salaries.csv", csv);
  const auto db = "sqlite:" + (folder / "points.db").string();
  const auto result =
      run("ingest " + (folder / "salaries.csv").string() + " --profile levels-fyi --db " + db);
  EXPECT_EQ(result.status, 0) << result.out;
  EXPECT_NE(result.out.find("salaries.csv: read 2, stored 2, duplicate 0, flagged 0, "
                            "unresolved 1, rejected 0\n  unresolved companies:\n"
                            "       1 point  Amazon\n"),
            std::string::npos)
      << result.out;
  EXPECT_FALSE(fs::exists(folder / "salaries.csv.rejects.csv"));  // nothing rejected

  const auto missing =
      run("ingest " + (folder / "salaries.csv").string() + " --profile no-such-profile --db " + db);
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.out.find("no-such-profile: no such profile"), std::string::npos) << missing.out;

  test::write_file(folder / "bad.yaml", "columns: [\n");
  const auto bad = run("ingest " + (folder / "salaries.csv").string() + " --profile " +
                       (folder / "bad.yaml").string() + " --db " + db);
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.out.find((folder / "bad.yaml").string() + ":"), std::string::npos) << bad.out;
  fs::remove_all(folder);
}

}  // namespace
}  // namespace negotiateup::ingest
