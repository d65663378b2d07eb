// The hostile-input corpus of data files and offers (issue 18), run through the
// real program as a user runs it:
//
// - tests/corpus/bad-records/NN-name.{csv,jsonl}: `negotiateup ingest FILE`; the
//   .expected file is "STATUS|part of the output". A refused file (status 2)
//   leaves nothing in the store.
// - tests/corpus/bad-offers/NN-name.json: `negotiateup offer FILE`, and the same
//   body POSTed to /api/v1/offers/evaluate of a real `negotiateup serve`; the
//   .expected file has a line "cli|STATUS|part of the output|extra arguments" and a
//   line "api|HTTP STATUS|part of the body|query string".
//
// Inputs too big to check in (a line of 160,000 keys, 2,000 competing offers, an
// endless pipe) and those the file system makes (a device, a folder, a FIFO, a
// symbolic link loop, a name with control characters) are made here.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "ingest/records.hpp"
#include "offer/offer_request.hpp"
#include "serve_client.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

namespace negotiateup {
namespace {

namespace fs = std::filesystem;
namespace http = test::http;

std::string quoted(const fs::path& path) {
  return "'" + path.string() + "'";
}

std::vector<std::string> lines_of(const fs::path& path) {
  std::vector<std::string> lines;
  std::ifstream input(path);
  for (std::string line; std::getline(input, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

// "a|b|c" -> {"a", "b", "c"}; missing parts are empty.
std::vector<std::string> parts_of(const std::string& line, std::size_t count) {
  std::vector<std::string> parts;
  std::size_t from = 0;
  while (parts.size() + 1 < count) {
    const auto bar = line.find('|', from);
    if (bar == std::string::npos) break;
    parts.push_back(line.substr(from, bar - from));
    from = bar + 1;
  }
  parts.push_back(line.substr(from));
  parts.resize(count);
  return parts;
}

std::vector<fs::path> cases_in(const std::string& corpus, std::vector<std::string> extensions) {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(test::tests_dir() / "corpus" / corpus)) {
    const auto extension = entry.path().extension().string();
    if (std::find(extensions.begin(), extensions.end(), extension) != extensions.end()) {
      cases.push_back(entry.path());
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

std::string case_name(const fs::path& path) {
  auto name = path.stem().string();
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
      '_');
  return name;
}

void expect_output(const test::Run& result, int status, const std::string& part) {
  EXPECT_EQ(result.status, status) << result.out;
  EXPECT_NE(result.out.find(part), std::string::npos)
      << result.out << "\n  expected to contain: " << part;
  EXPECT_EQ(result.out.find("internal error"), std::string::npos) << result.out;
}

std::size_t stored_points(const fs::path& db) {
  auto store = store::open_store(db.string(), core::Jobs{1});
  if (!store) return 0;
  return (*store)->count();
}

// Ingests `input` into a fresh store; a refused file leaves the store empty.
test::Run ingest(const fs::path& input, const fs::path& folder) {
  const auto db = folder / "store.db";
  fs::remove(db);
  auto result = test::run("ingest " + quoted(input) + " --db " + quoted(db) + " --rejects " +
                          quoted(folder / "rejects.csv"));
  if (result.status == 2) {
    EXPECT_EQ(stored_points(db), 0u) << "a refused file stored points: " << result.out;
  }
  return result;
}

// ---- bad records ----

class BadRecords : public testing::TestWithParam<fs::path> {};

TEST_P(BadRecords, GetTheirStatusAndMessage) {
  const auto& input = GetParam();
  const auto expected = lines_of(fs::path(input).replace_extension(".expected"));
  ASSERT_EQ(expected.size(), 1u) << "expected STATUS|MESSAGE in the .expected file of " << input;
  const auto parts = parts_of(expected[0], 2);
  const auto folder = test::fresh_folder("bad-records-" + input.stem().string());
  expect_output(ingest(input, folder), std::stoi(parts[0]), parts[1]);
  fs::remove_all(folder);
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadRecords,
                         testing::ValuesIn(cases_in("bad-records", {".csv", ".jsonl"})),
                         [](const testing::TestParamInfo<fs::path>& param) {
                           return case_name(param.param);
                         });

TEST(BadRecordsCorpus, CoversBothFormats) {
  EXPECT_GE(cases_in("bad-records", {".csv"}).size(), 8u);
  EXPECT_GE(cases_in("bad-records", {".jsonl"}).size(), 5u);
}

class GeneratedRecords : public testing::Test {
 protected:
  void SetUp() override { folder_ = test::fresh_folder("generated-records"); }
  void TearDown() override { fs::remove_all(folder_); }
  fs::path write(const std::string& name, const std::string& text) {
    test::write_file(folder_ / name, text);
    return folder_ / name;
  }
  fs::path folder_;
};

const std::string kHeader = "date,company,role,level,region,currency,base,stock,bonus_pct,source\n";
const std::string kRow = "2025-11-02,google,swe,L5,SF,USD,200000,,,a\n";
const std::string kJsonFields =
    "\"date\": \"2025-10-01\", \"company\": \"meta\", \"role\": \"swe\", \"region\": \"NYC\", "
    "\"currency\": \"USD\", \"base\": 100000, \"source\": \"s\"";

std::string keys(std::size_t from, std::size_t count) {
  std::string text;
  for (std::size_t i = from; i < from + count; ++i) text += fmt::format(", \"k{}\": {}", i, i);
  return text;
}

// One line of 160,000 keys took 49 s: now it is over the bound of a line, and the
// largest line under it, of as many keys as fit, is refused at the key bound.
TEST_F(GeneratedRecords, ALineOfManyKeysIsRefusedAtItsBound) {
  expect_output(ingest(write("keys.jsonl", "{" + kJsonFields + keys(0, 160'000) + "}\n"), folder_),
                2, "keys.jsonl:1: line is longer than 1048576 bytes");
  expect_output(ingest(write("keys.jsonl", "{" + kJsonFields + keys(0, 50'000) + "}\n"), folder_),
                2, "keys.jsonl:1: more than 1000 keys; expected at most 1000 columns");
  const auto at_bound =
      ingest(write("keys.jsonl", "{" + kJsonFields + keys(0, ingest::kMaxColumns - 7) + "}\n" +
                                     "{" + kJsonFields + "}\n"),
             folder_);
  expect_output(at_bound, 0, "read 2, stored 2");
}

TEST_F(GeneratedRecords, DistinctKeysAcrossLinesAreBoundedAsColumns) {
  const auto input = write("columns.jsonl", "{" + kJsonFields + keys(0, 600) + "}\n{" +
                                                kJsonFields + keys(600, 600) + "}\n");
  // Which key is the 1,001st depends on the order keys are visited in.
  expect_output(ingest(input, folder_), 2, "makes more than 1000 distinct keys in the file");
  EXPECT_NE(ingest(input, folder_).out.find("columns.jsonl:2: the key 'k"), std::string::npos);
}

TEST_F(GeneratedRecords, ACsvHeaderOfTooManyColumnsIsRefused) {
  std::string header = "date";
  for (int i = 0; i < 1000; ++i) header += fmt::format(",c{}", i);
  expect_output(ingest(write("wide.csv", header + "\n" + kRow), folder_), 2,
                "wide.csv:1: more than 1000 fields; expected at most 1000 columns");
}

TEST_F(GeneratedRecords, ALineOrAFieldTooLongIsRefusedWithItsLine) {
  expect_output(
      ingest(write("long.csv", kHeader + kRow + std::string(ingest::kMaxLineBytes + 1, 'x')),
             folder_),
      2, "long.csv:3: line is longer than 1048576 bytes");
  const std::string big(ingest::kMaxFieldBytes + 1, 'x');
  expect_output(
      ingest(write("field.csv", kHeader + kRow + "2025-11-02," + big + ",swe,L5,SF,USD,1,,,a\n"),
             folder_),
      2, "field.csv:3: field 2 is 65537 bytes; expected at most 65536 bytes");
  expect_output(
      ingest(write("field.jsonl", "{" + kJsonFields + ", \"note\": \"" + big + "\"}\n"), folder_),
      2, "field.jsonl:1: the value of 'note' is 65537 bytes");
  // Quoted line breaks make one record of many short lines: bounded as one.
  std::string lines = "2025-11-02,\"";
  while (lines.size() <= ingest::kMaxLineBytes) lines += std::string(1000, 'y') + "\n";
  expect_output(
      ingest(write("quoted.csv", kHeader + kRow + lines + "\",swe,L5,SF,USD,1,,,a\n"), folder_), 2,
      "quoted.csv:3: record is longer than 1048576 bytes");
}

TEST_F(GeneratedRecords, OnlyRegularFilesAndPipesAreRead) {
  expect_output(ingest("/dev/zero", folder_), 2,
                "/dev/zero: not a regular file or a pipe; expected a data file (.csv, .jsonl)");
  fs::create_directories(folder_ / "folder.csv");
  expect_output(ingest(folder_ / "folder.csv", folder_), 2, "folder.csv: not a regular file");
  fs::create_symlink("loop.csv", folder_ / "loop.csv");
  expect_output(ingest(folder_ / "loop.csv", folder_), 2, "loop.csv: a loop of symbolic links");
}

// A FIFO is read to its end, and no further than the bound of a whole file: the
// writer is still writing when ingest stops.
TEST_F(GeneratedRecords, AnEndlessPipeStopsAtTheBoundOfAFile) {
  // The writer's writes fail once ingest closes the pipe: EPIPE, not a signal.
  ::signal(SIGPIPE, SIG_IGN);
  const auto fifo = folder_ / "endless.jsonl";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] {
    std::ofstream out(fifo, std::ios::binary);
    out << "{" << kJsonFields << "}\n";
    const std::string blank(1 << 16, ' ');
    for (std::uintmax_t written = 0; out && written <= 2 * ingest::kMaxInputBytes;
         written += blank.size()) {
      out.write(blank.data(), static_cast<std::streamsize>(blank.size()));
      out.put('\n');
    }
  });
  const auto result = ingest(fifo, folder_);
  writer.join();  // its writes fail once ingest has closed the pipe
  expect_output(result, 2, "endless.jsonl: is larger than 1073741824 bytes");
}

TEST_F(GeneratedRecords, ControlCharactersOfAFileNameAreShownEscaped) {
  const auto input = write("evil\x1b[31m\n.csv", "");
  const auto result = ingest(input, folder_);
  expect_output(result, 2, "evil\\x1b[31m\\x0a.csv: file is empty");
  EXPECT_EQ(result.out.find('\x1b'), std::string::npos) << result.out;
}

// ---- catalog and guide folders ----

TEST(HostileFolders, ACatalogFileWithADuplicateKeyIsRefusedNamingIt) {
  const auto folder = test::fresh_folder("duplicate-catalog-key");
  fs::copy(test::repository() / "catalog", folder / "catalog", fs::copy_options::recursive);
  {
    std::ofstream out(folder / "catalog" / "companies" / "google.yaml", std::ios::app);
    out << "stage: public\n";
  }
  const auto result = test::run("build --catalog " + quoted(folder / "catalog") + " --out " +
                                quoted(folder / "site"));
  expect_output(result, 2, "google.yaml:");
  expect_output(result, 2, "duplicate key 'stage'");
  EXPECT_FALSE(fs::exists(folder / "site"));
  fs::remove_all(folder);
}

// A loop of symbolic links among guides is one error of its own; the guides
// beside it are audited as usual.
TEST(HostileFolders, AnAuditedFolderWithASymlinkLoopReportsTheLoopAndTheGuides) {
  const auto folder = test::fresh_folder("audit-symlink-loop");
  fs::create_directories(folder / "guides");
  fs::copy_file(test::tests_dir() / "corpus" / "audit" / "24-myear-sum-wrong.md",
                folder / "guides" / "sum-wrong.md");
  fs::create_symlink("loop.md", folder / "guides" / "loop.md");
  fs::create_symlink("b", folder / "guides" / "a");
  fs::create_symlink("a", folder / "guides" / "b");
  const auto result = test::run("audit " + quoted(folder / "guides"));
  expect_output(result, 1, "loop.md:0: error: format: a loop of symbolic links; expected a guide");
  EXPECT_NE(result.out.find("/a:0: error: format: a loop of symbolic links"), std::string::npos)
      << result.out;
  // The guide beside the loops is audited: its own error is found.
  EXPECT_NE(result.out.find("sum-wrong.md:70: error: multi-year-arithmetic"), std::string::npos)
      << result.out;
  fs::remove_all(folder);
}

// ---- bad offers ----

struct OfferExpectation {
  int status = 0;
  std::string message;
  std::string extra;  // arguments (cli) or query string (api)
};

OfferExpectation expectation(const fs::path& offer, std::string_view channel) {
  for (const auto& line : lines_of(fs::path(offer).replace_extension(".expected"))) {
    const auto parts = parts_of(line, 4);
    if (parts[0] == channel) return {std::stoi(parts[1]), parts[2], parts[3]};
  }
  ADD_FAILURE() << "no '" << channel << "|' line in the .expected file of " << offer;
  return {};
}

class BadOffers : public testing::TestWithParam<fs::path> {
 public:
  static void SetUpTestSuite() {
    serve_ = test::start_serve({"--no-rate-limit"});
    ASSERT_NE(serve_.second, 0);
  }
  static void TearDownTestSuite() { test::stop_serve(serve_.first); }

 protected:
  static std::pair<pid_t, std::uint16_t> serve_;
};
std::pair<pid_t, std::uint16_t> BadOffers::serve_;

TEST_P(BadOffers, AreRefusedOnTheCommandLine) {
  const auto& offer = GetParam();
  const auto expected = expectation(offer, "cli");
  expect_output(test::run("offer " + quoted(offer) + " --paths 1000 " + expected.extra),
                expected.status, expected.message);
}

TEST_P(BadOffers, AreRefusedByTheWebApiWithTheSameMessage) {
  const auto& offer = GetParam();
  const auto expected = expectation(offer, "api");
  http::fields json;
  json.set(http::field::content_type, "application/json");
  const auto answer = test::fetch(
      serve_.second,
      "/api/v1/offers/evaluate?paths=1000" + (expected.extra.empty() ? "" : "&" + expected.extra),
      json, http::verb::post, test::read_file(offer));
  EXPECT_EQ(answer.result_int(), static_cast<unsigned>(expected.status)) << answer.body();
  EXPECT_NE(answer.body().find(expected.message), std::string::npos)
      << answer.body() << "\n  expected to contain: " << expected.message;
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadOffers, testing::ValuesIn(cases_in("bad-offers", {".json"})),
                         [](const testing::TestParamInfo<fs::path>& param) {
                           return case_name(param.param);
                         });

// 2,000 competing offers (290 KB) took 1.9 GB and 20 s, a thread each: now the
// file is over the bound of an offer, and the body over the API's.
TEST(GeneratedOffers, TwoThousandCompetingOffersAreRefused) {
  const auto folder = test::fresh_folder("generated-offers");
  const auto base = test::read_file(test::repository() / "examples" / "offer-hugging-face.json");
  const auto list = base.find("\"competing\": [");
  ASSERT_NE(list, std::string::npos);
  const auto item_start = list + 14;
  const auto item = base.substr(item_start, base.rfind(']') - item_start);
  std::string many = base.substr(0, item_start);
  for (int i = 0; i < 2000; ++i) many += (i ? ", " : "") + item;
  many += "]}";
  test::write_file(folder / "many.json", many);
  expect_output(test::run("offer " + quoted(folder / "many.json")), 2,
                "longer than 65536 bytes; expected an offer of at most 65536 bytes");
  // The most offers that fit in the bound are refused by their count.
  std::string twenty_one = base.substr(0, item_start);
  for (std::size_t i = 0; i <= offer::kMaxCompetingOffers; ++i) {
    twenty_one += (i ? ", " : "") + item;
  }
  twenty_one += "]}";
  test::write_file(folder / "twenty-one.json", twenty_one);
  expect_output(test::run("offer " + quoted(folder / "twenty-one.json")), 2,
                "competing: 21 offers; expected at most 20");
  fs::remove_all(folder);
}

TEST(GeneratedOffers, OnlyRegularFilesAndPipesAreRead) {
  expect_output(test::run("offer /dev/zero"), 2,
                "/dev/zero: not a regular file or a pipe; expected an offer");
}

// Twenty competing offers, the most allowed, evaluate as each does alone.
TEST(GeneratedOffers, TheMostCompetingOffersEvaluate) {
  const auto folder = test::fresh_folder("most-offers");
  const auto base = test::read_file(test::repository() / "examples" / "offer-hugging-face.json");
  const auto item_start = base.find("\"competing\": [") + 14;
  const auto item = base.substr(item_start, base.rfind(']') - item_start);
  std::string twenty = base.substr(0, item_start);
  for (std::size_t i = 0; i < offer::kMaxCompetingOffers; ++i) twenty += (i ? ", " : "") + item;
  twenty += "]}";
  test::write_file(folder / "twenty.json", twenty);
  const auto many =
      test::run("offer " + quoted(folder / "twenty.json") + " --paths 2000 --format json");
  const auto one =
      test::run("offer " + quoted(test::repository() / "examples" / "offer-hugging-face.json") +
                " --paths 2000 --format json");
  ASSERT_EQ(many.status, 0) << many.out;
  ASSERT_EQ(one.status, 0) << one.out;
  const auto many_json = nlohmann::json::parse(many.out);
  const auto one_json = nlohmann::json::parse(one.out);
  ASSERT_EQ(many_json.at("competing").size(), offer::kMaxCompetingOffers);
  // The first competing offer is simulated from the same stream either way.
  EXPECT_EQ(many_json.at("competing").at(0), one_json.at("competing").at(0));
  EXPECT_EQ(many_json.at("four_year"), one_json.at("four_year"));
  fs::remove_all(folder);
}

}  // namespace
}  // namespace negotiateup
