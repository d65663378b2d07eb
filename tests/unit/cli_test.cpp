// The negotiateup program as a user runs it: exit statuses and output.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "test_support.hpp"

namespace negotiateup {
namespace {

namespace fs = std::filesystem;

using test::run;

const std::string kReference = test::reference_guide().string();

TEST(Cli, ParsePrintsEveryFigureAsJson) {
  const auto result = run("parse " + kReference + " --format json");
  EXPECT_EQ(result.status, 0) << result.out;
  for (const char* figure : {"\"base_low\": 78000", "\"total_comp_high\": 318000",
                             "\"stock_high\": 345000", "\"next_review_due\": \"2026-05-23\"",
                             "\"salary_data_quarter\": \"2025-Q4\"", "\"currency\": \"USD\""}) {
    EXPECT_NE(result.out.find(figure), std::string::npos) << figure;
  }
}

TEST(Cli, ParseWithoutFormatPrintsTheFrontMatter) {
  const auto result = run("parse " + kReference);
  EXPECT_EQ(result.status, 0);
  const auto text = test::read_file(test::reference_guide());
  EXPECT_EQ(result.out, text.substr(0, text.find("\n---\n", 4) + 5));
}

TEST(Cli, BadInputExitsTwoWithFileAndLine) {
  const auto folder = test::fresh_folder("cli-bad");
  test::write_file(folder / "bad.md", "---\ncompany: [\n---\n");
  const auto result = run("parse " + (folder / "bad.md").string());
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.out.find((folder / "bad.md").string() + ":"), std::string::npos) << result.out;
  std::filesystem::remove_all(folder);
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run("").status, 2);
  EXPECT_EQ(run("frobnicate").status, 2);
  EXPECT_EQ(run("parse").status, 2);
  EXPECT_EQ(run("parse " + kReference + " --format xml").status, 2);
  EXPECT_EQ(run("import " + kReference).status, 2);  // --catalog is required
  EXPECT_EQ(run("--help").status, 0);
  EXPECT_EQ(run("import --help").status, 0);
}

TEST(Cli, ImportOfBothFormsGivesOneCatalog) {
  const auto folder = test::fresh_folder("cli-import");
  test::write_file(folder / "stripped.md", test::reference_body());
  const auto catalog = (folder / "catalog").string();
  const auto first = run("import " + kReference + " --catalog " + catalog);
  EXPECT_EQ(first.status, 0) << first.out;
  EXPECT_NE(first.out.find("7 files written"), std::string::npos) << first.out;
  const auto second = run("import " + (folder / "stripped.md").string() + " --catalog " + catalog);
  EXPECT_EQ(second.status, 0) << second.out;
  EXPECT_NE(second.out.find("0 files written, 7 unchanged"), std::string::npos) << second.out;
  std::filesystem::remove_all(folder);
}

TEST(Cli, ImportOfABadGuideWritesNothing) {
  const auto folder = test::fresh_folder("cli-import-bad");
  test::write_file(folder / "bad.md", "### not a guide\n");
  const auto catalog = folder / "catalog";
  const auto result = run("import " + kReference + " " + (folder / "bad.md").string() +
                          " --catalog " + catalog.string());
  EXPECT_EQ(result.status, 2) << result.out;
  EXPECT_FALSE(std::filesystem::exists(catalog));
  std::filesystem::remove_all(folder);
}

TEST(Cli, AuditExitsOneOnErrorsTwoOnBadPaths) {
  const auto reference = run("audit " + kReference + " --today 2026-03-01");
  EXPECT_EQ(reference.status, 1) << reference.out;
  EXPECT_NE(reference.out.find(":74: error: multi-year-arithmetic: stated €465K"),
            std::string::npos)
      << reference.out;
  EXPECT_EQ(run("audit /no/such/guide.md").status, 2);
  EXPECT_EQ(run("audit " + kReference + " --format xml").status, 2);
  const auto sarif = run("audit " + kReference + " --today 2026-03-01 --format sarif");
  EXPECT_NE(sarif.out.find("\"version\": \"2.1.0\""), std::string::npos);
  // A clean guide: warnings only (review-overdue) still exit 0.
  const auto folder = test::fresh_folder("cli-audit");
  const auto built = run("build --out " + (folder / "site").string() + " --today 2026-02-23");
  EXPECT_EQ(built.status, 0) << built.out;
  const auto clean = run("audit " + (folder / "site").string() + " --today 2027-01-01");
  EXPECT_EQ(clean.status, 0) << clean.out;
  EXPECT_NE(clean.out.find("review-overdue"), std::string::npos);
  EXPECT_EQ(clean.out.find(": error:"), std::string::npos) << clean.out;
  // The catalog's policy sets the review interval: 6 months makes every date wrong.
  fs::create_directories(folder / "catalog");
  test::write_file(folder / "catalog" / "policy.yaml", "review_interval_months: 6\n");
  const auto policy = run("audit " + (folder / "site" / "guides" / "google").string() +
                          " --today 2026-03-01 --catalog " + (folder / "catalog").string());
  EXPECT_NE(policy.out.find("review-date"), std::string::npos) << policy.out;
  fs::remove_all(folder);
}

TEST(Cli, OfferPrintsEveryFigureAndRefusesBadInput) {
  const auto example =
      (test::tests_dir().parent_path() / "examples" / "offer-hugging-face.json").string();
  const auto json = run("offer " + example + " --format json --paths 2000");
  EXPECT_EQ(json.status, 0) << json.out;
  for (const char* key :
       {"\"base_percentile\"", "\"equity_percentile\"", "\"guaranteed_cash\"", "\"nominal_total\"",
        "\"expected\"", "\"p10\"", "\"p90\"", "\"probability_better\"", "\"break_even_grant\"",
        "\"signing_bonus\"", "\"script\""}) {
    EXPECT_NE(json.out.find(key), std::string::npos) << key;
  }
  const auto text = run("offer " + example + " --paths 2000");
  // The band's €180K equity ask, capped at its high: Google breaks even far above it.
  EXPECT_NE(text.out.find("ask:   €100K base, €195K equity"), std::string::npos) << text.out;
  const auto folder = test::fresh_folder("cli-offer");
  test::write_file(folder / "bad.json",
                   "{\"company\": \"googel\", \"role\": \"software-engineer\", "
                   "\"region\": \"Paris\", \"offer\": {\"currency\": \"EUR\", \"base\": 1}}");
  const auto bad = run("offer " + (folder / "bad.json").string());
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.out.find("unknown company 'googel'; did you mean: google"), std::string::npos)
      << bad.out;
  EXPECT_EQ(run("offer " + (folder / "none.json").string()).status, 2);
  fs::remove_all(folder);
}

// The files under `folder`, by path relative to it, with their content.
std::map<std::string, std::string> files_under(const fs::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file()) {
      files[fs::relative(entry.path(), folder).string()] = test::read_file(entry.path());
    }
  }
  return files;
}

// --jobs is one option, on every command that runs parallel loops, and only
// changes how many threads do the work, never what comes out.
TEST(Cli, JobsChangesNothingButTheThreads) {
  const auto folder = test::fresh_folder("cli-jobs");
  for (const char* jobs : {"1", "3"}) {
    const auto built =
        run("build --out " + (folder / jobs).string() + " --today 2026-02-23 --jobs " + jobs);
    ASSERT_EQ(built.status, 0) << built.out;
  }
  // The manifest records each output folder's stamp (device, inode, times) once
  // the folder is older than the file system's timestamp step: two folders
  // differ there whenever a build takes over 2 seconds (the sanitizer build).
  const auto without_folder_stamps = [](std::map<std::string, std::string> files) {
    auto& manifest = files[".negotiateup-build.json"];
    const auto begin = manifest.find("\"folders\":{");
    if (begin != std::string::npos) manifest.erase(begin, manifest.find("},", begin) + 2 - begin);
    return files;
  };
  const auto one = without_folder_stamps(files_under(folder / "1"));
  EXPECT_GT(one.size(), 10U);
  EXPECT_EQ(without_folder_stamps(files_under(folder / "3")), one);
  const auto audit = [&](const char* jobs) {
    return run("audit " + (folder / "1").string() + " --today 2027-01-01 --jobs " + jobs).out;
  };
  EXPECT_EQ(audit("1"), audit("2"));
  const auto example =
      (test::tests_dir().parent_path() / "examples" / "offer-two-competing.json").string();
  const auto offer = [&](const char* jobs) {
    return run("offer " + example + " --format json --paths 50001 --jobs " + jobs);
  };
  const auto offer_one = offer("1");
  EXPECT_EQ(offer_one.status, 0) << offer_one.out;
  EXPECT_EQ(offer("2").out, offer_one.out);
  const auto csv = (folder / "none.csv").string();
  for (const auto& command :
       {"build --out " + (folder / "0").string(), "audit " + kReference, "offer " + example,
        std::string("aggregate --dry-run"), "ingest " + csv}) {
    EXPECT_EQ(run(command + " --jobs 0").status, 2) << command;
    const auto help = run(command + " --help");
    EXPECT_NE(help.out.find("--jobs UINT"), std::string::npos) << help.out;
    EXPECT_NE(help.out.find("Threads that share the work (default: one per core)"),
              std::string::npos)
        << help.out;
  }
  fs::remove_all(folder);
}

}  // namespace
}  // namespace negotiateup
