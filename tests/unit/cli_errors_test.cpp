// Each way a user can get the command line wrong, or the machine can fail it: the
// message says where and what was expected, and the exit status is that of the
// error's kind (2 bad input, 1 operational, never "internal error").
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>

#include "store/store.hpp"
#include "test_support.hpp"

namespace negotiateup {
namespace {

namespace fs = std::filesystem;

using test::run;

void expect_message(const test::Run& result, int status, const std::string& message) {
  EXPECT_EQ(result.status, status) << result.out;
  EXPECT_NE(result.out.find(message), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("internal error"), std::string::npos) << result.out;
}

const std::string kHeader = "date,company,role,level,region,currency,base,stock,bonus_pct,source\n";

TEST(CliErrors, UnknownCommandSuggestsTheNearest) {
  expect_message(run("biuld --out x"), 2,
                 "negotiateup: unknown command 'biuld'; did you mean 'build'?");
  expect_message(run("frobnicate"), 2, "unknown command 'frobnicate' (negotiateup --help");
  EXPECT_EQ(run("frobnicate").out.find("did you mean"), std::string::npos);
}

TEST(CliErrors, HelpIsACommand) {
  const auto help = run("help");
  EXPECT_EQ(help.status, 0) << help.out;
  EXPECT_NE(help.out.find("Usage: negotiateup [OPTIONS] SUBCOMMAND"), std::string::npos)
      << help.out;
  const auto build = run("help build");
  EXPECT_EQ(build.status, 0) << build.out;
  EXPECT_NE(build.out.find("--catalog"), std::string::npos) << build.out;
}

TEST(CliErrors, BuildOfAMissingOrEmptyCatalogIsBadInput) {
  const auto folder = test::fresh_folder("cli-errors-build");
  expect_message(run("build --catalog " + (folder / "nosuch").string() + " --out " +
                     (folder / "site").string()),
                 2, "--catalog: no folder '" + (folder / "nosuch").string() + "'");
  fs::create_directories(folder / "empty");
  expect_message(run("build --catalog " + (folder / "empty").string() + " --out " +
                     (folder / "site").string()),
                 2, "holds no guide");
  EXPECT_FALSE(fs::exists(folder / "site"));
  expect_message(run("build --out " + (folder / "site").string() + " --today 2026-13-01"), 2,
                 "--today: expected");
  fs::remove_all(folder);
}

TEST(CliErrors, AuditOfAFolderWithoutGuidesIsBadInput) {
  const auto folder = test::fresh_folder("cli-errors-audit");
  test::write_file(folder / "notes.txt", "no guide here\n");
  expect_message(run("audit " + folder.string()), 2, "no guide found");
  fs::remove_all(folder);
}

TEST(CliErrors, OfferForARegionWithoutABand) {
  const auto folder = test::fresh_folder("cli-errors-offer");
  test::write_file(folder / "offer.json",
                   R"({"company": "hugging-face", "role": "senior-software-engineer",
                       "region": "London", "offer": {"currency": "GBP", "base": 90000}})");
  expect_message(run("offer " + (folder / "offer.json").string()), 2,
                 "region: the Senior Software Engineer guide of Hugging Face has no band for "
                 "London; expected one of: Paris, New York, Remote Global");
  fs::remove_all(folder);
}

TEST(CliErrors, AggregateWritesOnlyIntoANamedCatalog) {
  expect_message(run("aggregate --dry-run"), 2, "--catalog is required");
}

// Only ingest makes a database; a command that reads one names the missing file.
TEST(CliErrors, ReadingAMissingDatabaseIsBadInputAndCreatesNothing) {
  const auto folder = test::fresh_folder("cli-errors-no-db");
  const auto db = folder / "points.db";
  const auto catalog = (test::repository() / "catalog").string();
  expect_message(run("aggregate --dry-run --catalog " + catalog + " --db " + db.string()), 2,
                 db.string() + ": no such database");
  expect_message(run("unresolved --catalog " + catalog + " --db sqlite:" + db.string()), 2,
                 db.string() + ": no such database");
  EXPECT_FALSE(fs::exists(db));
  fs::remove_all(folder);
}

TEST(CliErrors, IngestChecksItsFilesBeforeTouchingTheStore) {
  const auto folder = test::fresh_folder("cli-errors-ingest");
  const auto db = folder / "points.db";
  expect_message(run("ingest " + (folder / "missing.csv").string() + " --db " + db.string()), 2,
                 (folder / "missing.csv").string() + ": no such file");
  EXPECT_FALSE(fs::exists(db));
  expect_message(run("ingest /dev/zero --db " + db.string()), 2, "/dev/zero: not a regular file");
  EXPECT_FALSE(fs::exists(db));
  test::write_file(folder / "x.csv", kHeader);
  expect_message(run("ingest " + (folder / "x.csv").string() + " --db mysql://host/db"), 2,
                 "--db: 'mysql://host/db': expected a file path, sqlite:PATH or postgresql://");
  fs::remove_all(folder);
}

TEST(CliErrors, IngestReportsRejectsBesideTheStoreWithCountsPerReason) {
  const auto folder = test::fresh_folder("cli-errors-rejects");
  fs::create_directories(folder / "input");
  fs::create_directories(folder / "store");
  test::write_file(folder / "input" / "points.csv",
                   kHeader +
                       "2025-11-02,google,swe,L5,SF,USD,200000,,,a\n"
                       "2025-11-02,google,swe,L5,SF,USD,-5,,,a\n"
                       "2025-11-03,google,swe,L5,SF,USD,-7,,,a\n"
                       "2025-13-03,google,swe,L5,SF,USD,100,,,a\n");
  // A plain path is a SQLite store.
  const auto result = run("ingest " + (folder / "input" / "points.csv").string() + " --db " +
                          (folder / "store" / "points.db").string());
  expect_message(result, 0, "read 4, stored 1, duplicate 0, flagged 0, rejected 3");
  EXPECT_NE(result.out.find("     2 rows  base is N; expected N or more\n"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("      1 row  date: expected"), std::string::npos) << result.out;
  EXPECT_TRUE(fs::exists(folder / "store" / "points.db"));
  EXPECT_TRUE(fs::exists(folder / "store" / "points.csv.rejects.csv"));
  EXPECT_FALSE(fs::exists(folder / "input" / "points.csv.rejects.csv"));
  fs::remove_all(folder);
}

TEST(CliErrors, ALockedDatabaseIsAnOperationalErrorThatSaysWhatToDo) {
  const auto folder = test::fresh_folder("cli-errors-locked");
  const auto db = (folder / "points.db").string();
  test::write_file(folder / "points.csv", kHeader + "2025-11-02,google,swe,L5,SF,USD,200000,,,a\n");
  ASSERT_TRUE(store::open_store(db).has_value());  // the schema, made once
  sqlite3* holder = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &holder), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(holder, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
  // In the library: after the lock wait, an operational error naming the store.
  try {
    auto store = store::open_store(db, {}, std::chrono::milliseconds(50));
    ASSERT_TRUE(store.has_value()) << store.error();
    auto batch = (*store)->begin(0);
    const core::DataPoint point{*core::parse_date("2025-11-02"),
                                "google",
                                "swe",
                                {},
                                "sf",
                                *core::Currency::from_code("USD"),
                                200'000,
                                0,
                                0,
                                "a",
                                "{}",
                                {}};
    (void)batch->add(std::vector<core::DataPoint>{point}, std::vector<store::ContentHash>{{1, 2}});
    batch->commit();
    ADD_FAILURE() << "the batch went through a locked database";
  } catch (const core::Exception& error) {
    EXPECT_EQ(error.error().kind, core::ErrorKind::operational);
    EXPECT_NE(error.error().to_string().find("sqlite:" + db +
                                             ": database is locked; another "
                                             "process is writing to this database"),
              std::string::npos)
        << error.error().to_string();
  }
  sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(holder);
  fs::remove_all(folder);
}

TEST(CliErrors, AFileThatIsNoDatabaseIsBadInput) {
  const auto folder = test::fresh_folder("cli-errors-notadb");
  test::write_file(folder / "points.csv", kHeader + "2025-11-02,google,swe,L5,SF,USD,200000,,,a\n");
  test::write_file(folder / "notes.db", std::string(4096, 'x'));
  expect_message(
      run("ingest " + (folder / "points.csv").string() + " --db " + (folder / "notes.db").string()),
      2, "expected a negotiateup SQLite database or a new file");
  fs::remove_all(folder);
}

TEST(CliErrors, CountsReadAsEnglish) {
  const auto folder = test::fresh_folder("cli-errors-plural");
  const auto result = run("import " + test::reference_guide().string() + " --catalog " +
                          (folder / "catalog").string());
  expect_message(result, 0, "imported 1 guide into");
  EXPECT_NE(result.out.find("1 company, 1 role, 3 regions added"), std::string::npos) << result.out;
  fs::remove_all(folder);
}

}  // namespace
}  // namespace negotiateup
