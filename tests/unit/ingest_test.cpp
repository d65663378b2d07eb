#include "ingest/ingest.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xxhash.h>

#include <array>
#include <chrono>
#include <fstream>
#include <map>
#include <thread>

#include "core/data_point.hpp"
#include "ingest/point_parser.hpp"
#include "store/store.hpp"
#include "store_backends.hpp"
#include "test_support.hpp"

namespace negotiateup::ingest {
namespace {

// The store and ingest tests run on each backend (tests/store_backends.hpp):
// Backends/StoreTest.X/sqlite and Backends/StoreTest.X/postgresql.
class StoreTest : public test::StoreBackendTest {};
class IngestTest : public test::StoreBackendTest {};

// The quarantine report as FILE.rejects.csv beside the input.
IngestOptions report_beside(const std::filesystem::path& input) {
  IngestOptions options;
  options.rejects = std::filesystem::path(input).concat(".rejects.csv");
  return options;
}
NEGOTIATEUP_INSTANTIATE_BACKENDS(StoreTest);
NEGOTIATEUP_INSTANTIATE_BACKENDS(IngestTest);

const std::string kHeader =
    "date,company,role,level,region,currency,base,stock,bonus_pct,source\r\n";

TEST_P(StoreTest, OpensWithTheCurrentSchemaAndKeepsIt) {
  EXPECT_EQ(open_store()->schema_version(), 4);
  EXPECT_EQ(open_store()->schema_version(), 4);  // no migration twice
  EXPECT_EQ(open_store()->count(), 0u);
}

TEST(Store, RefusesUrlsOfNoBackend) {
  EXPECT_FALSE(store::open_store("mysql://x").has_value());
  EXPECT_FALSE(store::open_store("sqlite:").has_value());
}

TEST_P(IngestTest, RowsAreCountedByTheirReasonWhateverTheValuesTheyQuote) {
  const auto& folder = this->folder();
  test::write_file(folder / "points.csv",
                   kHeader +
                       "2025-11-02,google,swe,L4,SF,XY,1,,,x\r\n"
                       "2025-11-02,google,swe,L4,SF,O'K,1,,,x\r\n"
                       "2025-11-02,google,swe,L4,SF,'Q',1,,,x\r\n"
                       "2025-11-02,google,swe,L4,SF,it's 'quoted',1,,,x\r\n");
  auto store = open_store();
  const auto summary =
      ingest_file(folder / "points.csv", *store, report_beside(folder / "points.csv"));
  ASSERT_TRUE(summary.has_value()) << summary.error();
  EXPECT_EQ(summary->rejected_by_reason,
            (std::map<std::string, std::size_t>{{"currency is '…'; expected an ISO N code", 4}}));
}

TEST_P(IngestTest, StoresGoodRowsQuarantinesBadOnesAndIsIdempotent) {
  const auto& folder = this->folder();
  test::write_file(
      folder / "points.csv",
      "\xEF\xBB\xBF" + kHeader +
          "2025-11-02,google,senior-software-engineer,L5,SF,USD,200000,400000,15,levels.fyi\r\n"
          "2025-11-03,\"Google, Inc.\",swe,L4,SF,USD,160000,200000,10,\"a "
          "\"\"quoted\"\"\nnote\"\r\n"
          "2025-02-30,google,swe,L4,SF,USD,1,,,x\r\n"
          "2025-11-04,google,swe,L4,SF,USD,-5,,,x\r\n"
          "2025-11-05,google,swe,L4,SF,USD,0,,,x\r\n");
  auto store = open_store();
  const auto summary =
      ingest_file(folder / "points.csv", *store, report_beside(folder / "points.csv"));
  ASSERT_TRUE(summary.has_value()) << summary.error();
  EXPECT_EQ(summary->read, 5u);
  EXPECT_EQ(summary->stored, 3u);
  EXPECT_EQ(summary->rejected, 2u);
  EXPECT_EQ(summary->flagged, 1u);  // the zero base
  // Rows counted by the kind of their reason, quoted values and numbers left out.
  EXPECT_EQ(summary->rejected_by_reason, (std::map<std::string, std::size_t>{
                                             {"base is N; expected N or more", 1},
                                             {"date: expected a date that exists, not '…'", 1}}));
  const auto rejects = test::read_file(folder / "points.csv.rejects.csv");
  EXPECT_NE(rejects.find("\n4,\"date: expected a date that exists"), std::string::npos) << rejects;
  EXPECT_NE(rejects.find("\n5,base is -5; expected 0 or more"), std::string::npos) << rejects;
  std::vector<core::DataPoint> points;
  store->for_each([&](const core::DataPoint& p) { points.push_back(p); });
  ASSERT_EQ(points.size(), 3u);
  EXPECT_EQ(points[0].stock_per_year, 100000);  // a 400K grant over 4 years
  EXPECT_EQ(points[0].bonus, 30000);
  EXPECT_EQ(points[1].company, "Google, Inc.");
  EXPECT_EQ(points[1].source, "a \"quoted\"\nnote");
  EXPECT_EQ(points[2].flags, std::vector<std::string>{"zero-base"});
  const auto again =
      ingest_file(folder / "points.csv", *store, report_beside(folder / "points.csv"));
  EXPECT_EQ(again->stored, 0u);
  EXPECT_EQ(again->duplicate, 3u);
  EXPECT_EQ(again->flagged, 0u);  // flagged counts points stored
  EXPECT_EQ(store->count(), 3u);
}

TEST_P(IngestTest, ReadsJsonLinesAndKeepsOtherColumns) {
  const auto& folder = this->folder();
  test::write_file(
      folder / "points.jsonl",
      "{\"date\": \"2025-10-01\", \"company\": \"meta\", \"role\": \"swe\", \"region\": \"NYC\", "
      "\"currency\": \"USD\", \"base\": 190000, \"stock_per_year\": 80000, \"bonus\": 20000, "
      "\"source\": \"survey\", \"team\": \"infra\", \"total\": 400000}\n");
  auto store = open_store();
  const auto summary =
      ingest_file(folder / "points.jsonl", *store, report_beside(folder / "points.jsonl"));
  ASSERT_TRUE(summary.has_value()) << summary.error();
  EXPECT_EQ(summary->stored, 1u);
  std::vector<core::DataPoint> points;
  store->for_each([&](const core::DataPoint& p) { points.push_back(p); });
  EXPECT_EQ(points[0].attributes, "{\"team\":\"infra\",\"total\":\"400000\"}");
  EXPECT_EQ(points[0].flags, std::vector<std::string>{"total-mismatch"});  // 290K stated 400K
}

// A value nested 100,000 deep used to overflow the stack (issue 18): the record is
// refused before it is parsed, and nothing of the file is stored.
TEST_P(IngestTest, AJsonLinesValueNestedTooDeepIsRefusedNotACrash) {
  const auto& folder = this->folder();
  test::write_file(folder / "deep.jsonl",
                   "{\"date\": \"2025-10-01\", \"company\": \"meta\", \"role\": \"swe\", "
                   "\"region\": \"NYC\", \"currency\": \"USD\", \"base\": 1, \"source\": \"s\"}\n"
                   "{\"x\": " +
                       std::string(100'000, '[') + std::string(100'000, ']') + "}\n");
  auto store = open_store();
  const auto summary =
      ingest_file(folder / "deep.jsonl", *store, report_beside(folder / "deep.jsonl"));
  ASSERT_FALSE(summary.has_value());
  EXPECT_NE(summary.error().to_string().find("deep.jsonl:2: nested deeper than 16 levels"),
            std::string::npos)
      << summary.error().to_string();
  EXPECT_EQ(store->count(), 0u);
}

TEST_P(IngestTest, RejectsTextThatIsNotUtf8OrHasNul) {
  const auto& folder = this->folder();
  test::write_file(folder / "points.csv",
                   kHeader +
                       "2025-11-02,google,swe,L5,SF,USD,200000,,,levels.fyi\r\n"
                       "2025-11-02,Soci\xe9t\xe9 G\xe9n\xe9rale,swe,L5,SF,USD,200000,,,x\r\n" +
                       std::string("2025-11-02,google,swe,L5,SF,USD,210000,,,a\0b\r\n", 46));
  auto store = open_store();
  const auto summary =
      ingest_file(folder / "points.csv", *store, report_beside(folder / "points.csv"));
  ASSERT_TRUE(summary.has_value()) << summary.error();
  EXPECT_EQ(summary->stored, 1u);
  EXPECT_EQ(summary->rejected, 2u);
  const auto rejects = test::read_file(folder / "points.csv.rejects.csv");
  EXPECT_NE(rejects.find("\n3,company is not UTF-8 text"), std::string::npos) << rejects;
  EXPECT_NE(rejects.find("\n4,source is not UTF-8 text without NUL"), std::string::npos) << rejects;
}

TEST_P(IngestTest, AFileWithoutTheCanonicalColumnsIsRefusedWhole) {
  const auto& folder = this->folder();
  test::write_file(folder / "odd.csv", "when,who\r\n2025-01-01,x\r\n");
  auto store = open_store();
  const auto summary = ingest_file(folder / "odd.csv", *store, report_beside(folder / "odd.csv"));
  ASSERT_FALSE(summary.has_value());
  EXPECT_NE(summary.error().to_string().find("missing columns date, company"), std::string::npos)
      << summary.error();
  EXPECT_EQ(store->count(), 0u);
  test::write_file(folder / "open-quote.csv", kHeader + "2025-01-01,\"never closed\r\n");
  EXPECT_FALSE(
      ingest_file(folder / "open-quote.csv", *store, report_beside(folder / "open-quote.csv"))
          .has_value());
}

// Rows of a filler: 5,000 points in 50 groups, none far from its peers; enough for
// the rows after them to be stored in a later chunk than the first.
std::string filler_rows() {
  std::string rows;
  for (int i = 0; i < 5'000; ++i) {
    rows += fmt::format("2025-11-02,company-{},swe,L4,SF,USD,{},,,bench\r\n", i % 50, 100000 + i);
  }
  return rows;
}

TEST_P(IngestTest, FlagsAFigureTenTimesOffItsPeersCountingEachStoredPointOnce) {
  const auto& folder = this->folder();
  std::string rows = kHeader + filler_rows();
  for (int i = 0; i < 6; ++i)
    rows += fmt::format("2025-11-02,acme,swe,L4,SF,USD,{},,,x\r\n", 100000 + i);
  rows += "2025-11-02,acme,swe,L4,SF,USD,2000000,,,x\r\n";  // 20x the median
  rows += "2025-11-02,acme,swe,L4,SF,USD,5000,,,x\r\n";     // a twentieth
  // Three points and the same three again: three peers are too few to judge by.
  for (int copy = 0; copy < 2; ++copy) {
    rows +=
        "2025-11-02,tiny,swe,L4,SF,USD,100000,,,x\r\n"
        "2025-11-02,tiny,swe,L4,SF,USD,100001,,,x\r\n"
        "2025-11-02,tiny,swe,L4,SF,USD,5000000,,,x\r\n";
  }
  test::write_file(folder / "peers.csv", rows);
  auto store = open_store();
  const auto summary =
      ingest_file(folder / "peers.csv", *store, report_beside(folder / "peers.csv"));
  ASSERT_TRUE(summary.has_value()) << summary.error();
  EXPECT_EQ(summary->stored, 5'011u);
  EXPECT_EQ(summary->duplicate, 3u);
  EXPECT_EQ(summary->flagged, 2u);
  std::map<std::int64_t, std::vector<std::string>> flagged;  // base -> flags
  store->for_each([&](const core::DataPoint& p) {
    if (!p.flags.empty()) flagged[p.base] = p.flags;
  });
  EXPECT_EQ(flagged, (std::map<std::int64_t, std::vector<std::string>>{
                         {5000, {"peer-outlier"}}, {2000000, {"peer-outlier"}}}));
}

// Points read before a malformed record are already on their way to the store:
// they are rolled back with the rest.
TEST_P(IngestTest, AFileMalformedAfterThousandsOfRowsStoresNothingOfIt) {
  const auto& folder = this->folder();
  test::write_file(folder / "late.csv", kHeader + filler_rows() + "2025-11-02,\"never closed\r\n");
  auto store = open_store();
  const auto summary = ingest_file(folder / "late.csv", *store, report_beside(folder / "late.csv"));
  ASSERT_FALSE(summary.has_value());
  EXPECT_NE(summary.error().to_string().find(
                "late.csv:5002: malformed CSV: a quote opened here is never closed"),
            std::string::npos)
      << summary.error();
  EXPECT_EQ(store->count(), 0u);
  EXPECT_EQ(open_store()->count(), 0u);
}

// One file is one transaction: killed part way, the store holds none of it.
TEST_P(IngestTest, AKillInTheMiddleOfALargeFileStoresNothingOfIt) {
  const auto& folder = this->folder();
  {
    std::ofstream out(folder / "large.csv", std::ios::binary);
    out << kHeader;
    for (int i = 0; i < 400'000; ++i) {
      out << "2025-11-02,company-" << i % 997 << ",swe,L4,SF,USD," << 100000 + i
          << ",40000,10,bench\r\n";
    }
  }
  open_store();  // the schema exists before the child starts
  // The child's summary comes through a pipe: a kill that lands after the commit
  // (a fast machine) finds the whole file stored and the summary printed.
  int output[2];
  ASSERT_EQ(::pipe(output), 0);
  const pid_t child = ::fork();
  if (child == 0) {
    ::dup2(output[1], STDOUT_FILENO);
    ::close(output[0]);
    ::execl(NEGOTIATEUP_BINARY, NEGOTIATEUP_BINARY, "ingest", (folder / "large.csv").c_str(),
            "--db", url().c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(output[1]);
  // Early in the file on any machine (the whole file takes about a second).
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  std::string printed;
  std::array<char, 4096> buffer{};
  for (ssize_t n; (n = ::read(output[0], buffer.data(), buffer.size())) > 0;) {
    printed.append(buffer.data(), static_cast<std::size_t>(n));
  }
  ::close(output[0]);
  const auto count = open_store()->count();
  // All or nothing. A kill can land between the commit and the summary's line,
  // so the whole file stored without a summary is right too.
  EXPECT_TRUE(count == 0 || count == 400'000u) << count << " rows: a part of the file was stored";
  if (!WIFSIGNALED(status)) {
    EXPECT_EQ(count, 400'000u) << "finished before the kill, yet did not store the file";
    EXPECT_NE(printed.find("stored 400000"), std::string::npos) << printed;
  }
}

// Stores made by earlier versions hold hashes of this exact text: a change to it
// would store every point of a file ingested again a second time.
TEST(ContentHash, IsXxh3OfTheFieldsJoinedByUnitSeparators) {
  core::DataPoint point{std::chrono::year{2025} / std::chrono::November / 2,
                        "google",
                        "senior-software-engineer",
                        "L5",
                        "SF",
                        *core::Currency::from_code("USD"),
                        200000,
                        100000,
                        30000,
                        "levels.fyi",
                        "{}",
                        {"zero-base"}};  // flags are not content
  const auto joined = [](std::initializer_list<std::string_view> fields) {
    std::string text;
    for (const auto field : fields) text.append(text.empty() ? "" : "\x1f").append(field);
    return text;
  };
  const auto text = joined({"2025-11-02", "google", "senior-software-engineer", "L5", "SF", "USD",
                            "200000", "100000", "30000", "levels.fyi", "{}"});
  const auto expected = XXH3_128bits(text.data(), text.size());
  std::string buffer;
  const auto hash = store::content_hash(point, buffer);
  EXPECT_EQ(hash.high, expected.high64);
  EXPECT_EQ(hash.low, expected.low64);
  point.level.reset();
  const auto without_level = store::content_hash(point, buffer);
  const auto no_level_text = joined({"2025-11-02", "google", "senior-software-engineer", "", "SF",
                                     "USD", "200000", "100000", "30000", "levels.fyi", "{}"});
  EXPECT_EQ(without_level.low, XXH3_128bits(no_level_text.data(), no_level_text.size()).low64);
}

TEST(PercentileCont, InterpolatesBetweenClosestRanksLikePostgres) {
  // SELECT percentile_cont(q) WITHIN GROUP (ORDER BY v) FROM (VALUES (10),(20),(30),(40)) t(v)
  const std::vector<std::int64_t> values{10, 20, 30, 40};
  EXPECT_EQ(core::percentile_cont(values, 0.0), 10);
  EXPECT_EQ(core::percentile_cont(values, 0.5), 25);
  EXPECT_EQ(core::percentile_cont(values, 0.9), 37);   // 37.0
  EXPECT_EQ(core::percentile_cont(values, 0.25), 18);  // 17.5 rounds half away from zero
  EXPECT_EQ(core::percentile_cont(values, 1.0), 40);
  EXPECT_EQ(core::percentile_cont(std::vector<std::int64_t>{7}, 0.3), 7);
}

}  // namespace
}  // namespace negotiateup::ingest
