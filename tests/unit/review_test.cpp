// The moderation of submissions: the flags review raises on each pending one, and
// `negotiateup review` end to end through the program, on SQLite and PostgreSQL.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "catalog/catalog_files.hpp"
#include "ingest/submission.hpp"
#include "review/flags.hpp"
#include "store_backends.hpp"
#include "test_support.hpp"

namespace negotiateup::review {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono;

const sys_seconds kReceived = sys_days{year{2026} / December / 6} + hours{17};
const core::Date kSubmitted = year{2026} / October / 1;

struct Figures {
  std::int64_t base;
  std::int64_t stock_per_year;
  std::int64_t bonus;
};

core::DataPoint point(core::Date date, Figures figures, std::string company = "Google",
                      std::string role = "senior-software-engineer", std::string region = "paris",
                      std::string currency = "EUR") {
  return core::DataPoint{date,
                         std::move(company),
                         std::move(role),
                         "L5",
                         std::move(region),
                         *core::Currency::from_code(currency),
                         figures.base,
                         figures.stock_per_year,
                         figures.bonus,
                         std::string(store::kSubmissionSource),
                         R"({"kind":"offer","years_experience":"6"})",
                         {}};
}

store::TokenHash token(std::size_t seed) {
  store::TokenHash hash{};
  for (std::size_t i = 0; i < hash.size(); ++i) hash[i] = static_cast<std::uint8_t>(seed + i);
  return hash;
}

// On each backend: a copy of the demo catalog and a fresh store holding twelve data
// points of Google's senior software engineers in Paris (totals 140k to 195k EUR,
// so a fence from 71,250 to 263,750), each from its own source (aggregate keeps
// no source above a quarter of a band).
class Review : public test::StoreBackendTest {
 protected:
  void SetUp() override {
    test::StoreBackendTest::SetUp();
    fs::copy(test::repository() / "catalog", catalog_folder(), fs::copy_options::recursive);
    auto catalog = catalog::load_catalog(catalog_folder());
    ASSERT_TRUE(catalog.has_value()) << catalog.error();
    catalog_ = std::move(*catalog);
    store_ = open_store();
    std::vector<core::DataPoint> peers;
    for (std::int64_t i = 0; i < 12; ++i) {
      peers.push_back(point(year{2026} / September / 15, {100'000 + 5'000 * i, 30'000, 10'000}));
      peers.back().source = fmt::format("source-{}", i);
      peers.back().attributes = fmt::format(R"({{"n":{}}})", i);
    }
    std::vector<store::ContentHash> hashes;
    std::string text;
    for (const auto& p : peers) hashes.push_back(store::content_hash(p, text));
    auto batch = store_->begin(peers.size());
    batch->add(peers, hashes);
    batch->commit();
  }

  fs::path catalog_folder() const { return folder() / "catalog"; }

  std::int64_t submit(const core::DataPoint& p) {
    ++tokens_;
    const auto received = kReceived + minutes{tokens_};
    const auto id = store_->add_submission(p, token(tokens_), received, kReceived - hours{24});
    if (!id) throw std::runtime_error("refused as a duplicate");
    return *id;
  }

  std::vector<std::string> flags_of(std::int64_t id) {
    const auto flagged = flag_submissions(*store_, catalog_, store::SubmissionStatus::pending);
    const auto found = std::ranges::find_if(
        flagged, [&](const FlaggedSubmission& s) { return s.submission.id == id; });
    if (found == flagged.end()) throw std::runtime_error("no such submission listed");
    return found->flags;
  }

  catalog::Catalog catalog_;
  std::unique_ptr<store::Store> store_;
  std::size_t tokens_ = 0;
};
NEGOTIATEUP_INSTANTIATE_BACKENDS(Review);

using Flags = std::vector<std::string>;

TEST_P(Review, EachRuleRaisesItsFlagAndACleanSubmissionHasNone) {
  const auto clean = submit(point(kSubmitted, {112'000, 30'000, 10'000}));
  auto mismatch = point(kSubmitted, {113'000, 30'000, 10'000});
  mismatch.flags = {"total-mismatch"};
  const auto total_mismatch = submit(mismatch);
  auto zero = point(kSubmitted, {0, 30'000, 10'000});
  zero.flags = {"zero-base"};
  const auto zero_base = submit(zero);
  const auto company = submit(point(kSubmitted, {114'000, 30'000, 10'000}, "Initech"));
  const auto role =
      submit(point(kSubmitted, {115'000, 30'000, 10'000}, "Google", "underwater-basket-weaver"));
  const auto region = submit(point(kSubmitted, {116'000, 30'000, 10'000}, "Google",
                                   "senior-software-engineer", "Atlantis"));
  // 400k against peers of 140k to 195k: past the fence, not ten times off.
  const auto fence = submit(point(kSubmitted, {300'000, 80'000, 20'000}));
  // A tenth of the peers' median: past the fence too.
  const auto outlier = submit(point(kSubmitted, {10'000, 0, 0}));

  EXPECT_EQ(flags_of(clean), Flags{});
  EXPECT_EQ(flags_of(total_mismatch), Flags{"total-mismatch"});
  EXPECT_EQ(flags_of(zero_base), Flags{"zero-base"});
  EXPECT_EQ(flags_of(company), Flags{"unknown-company"});
  EXPECT_EQ(flags_of(role), Flags{"unknown-role"});
  EXPECT_EQ(flags_of(region), Flags{"unknown-region"});
  EXPECT_EQ(flags_of(fence), Flags{"outside-peer-fence"});
  EXPECT_EQ(flags_of(outlier), (Flags{"outside-peer-fence", "peer-outlier"}));

  // Names resolve as aggregate resolves them; the peers are the twelve stored points
  // (the other pending submissions are no one's peers).
  const auto listed = flag_submissions(*store_, catalog_, store::SubmissionStatus::pending);
  ASSERT_EQ(listed.size(), 8u);
  EXPECT_EQ(listed[0].company.as_written, "Google");
  EXPECT_EQ(listed[0].company.slug, "google");
  EXPECT_EQ(listed[0].peers, 12u);
  EXPECT_EQ(listed[0].kind, "offer");
  EXPECT_EQ(listed[0].years_experience, "6");
  EXPECT_EQ(listed[3].company.slug, std::nullopt);
}

TEST_P(Review, AnyNameTheResolverKnowsIsTheCatalogsEntryAndItsPeers) {
  // An alias and display names, in other cases: Google's Paris senior engineers.
  const auto id = submit(point(kSubmitted, {300'000, 80'000, 20'000}, "google llc",
                               "Senior Software Engineer", "PARIS"));
  const auto listed = flag_submissions(*store_, catalog_, store::SubmissionStatus::pending);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].submission.id, id);
  EXPECT_EQ(listed[0].company.slug, "google");
  EXPECT_EQ(listed[0].role.slug, "senior-software-engineer");
  EXPECT_EQ(listed[0].region.slug, "paris");
  EXPECT_EQ(listed[0].peers, 12u);
  EXPECT_EQ(listed[0].flags, Flags{"outside-peer-fence"});
}

TEST_P(Review, TheFenceIsDrawnInTheRegionsCurrency) {
  // 280,000 USD is outside a fence that ends at 263,750 EUR, but it is 257,600 EUR.
  const auto dollars = submit(point(kSubmitted, {230'000, 40'000, 10'000}, "Google",
                                    "senior-software-engineer", "paris", "USD"));
  const auto euros = submit(point(kSubmitted, {230'000, 40'000, 10'000}));
  EXPECT_EQ(flags_of(dollars), Flags{});
  EXPECT_EQ(flags_of(euros), Flags{"outside-peer-fence"});
}

TEST_P(Review, PeersAreTheStoredPointsOfTheWindowAndTooFewDrawNoFence) {
  // A year later the stored points are out of its window: no peers, no fence.
  const auto later = submit(point(year{2027} / October / 1, {300'000, 80'000, 20'000}));
  EXPECT_EQ(flags_of(later), Flags{});
  // Approved submissions are peers: four of them are enough for a fence of their own.
  std::vector<std::int64_t> ids;
  for (std::int64_t i = 0; i < 3; ++i)
    ids.push_back(submit(point(year{2027} / July / 1, {100'000 + 1'000 * i, 30'000, 10'000})));
  store_->decide(ids, store::SubmissionStatus::approved, "");
  EXPECT_EQ(flags_of(later), Flags{});  // three are too few
  ids = {submit(point(year{2027} / July / 2, {103'000, 30'000, 10'000}))};
  store_->decide(ids, store::SubmissionStatus::approved, "");
  EXPECT_EQ(flags_of(later), Flags{"outside-peer-fence"});
}

// ---------------------------------------------------------------------------
// The command, through the program

std::string quoted(const std::string& text) {
  return "'" + text + "'";
}

TEST_P(Review, TheCommandListsApprovesAndRejectsAndAggregateCountsOnlyTheApproved) {
  const auto db = quoted(url());
  const auto catalog = catalog_folder().string();
  const auto band_points = [&] {
    const auto run =
        test::run("aggregate --dry-run --quarter 2026-Q4 --db " + db + " --catalog " + catalog);
    EXPECT_EQ(run.status, 0) << run.out;
    const std::string line = "google / senior-software-engineer / paris: ";
    const auto at = run.out.find(line);
    if (at == std::string::npos) return std::string("no band: ") + run.out;
    return run.out.substr(at + line.size(), run.out.find(',', at) - at - line.size());
  };
  EXPECT_EQ(band_points(), "12 points");

  const auto a = submit(point(kSubmitted, {111'000, 30'000, 10'000}));
  const auto b = submit(point(kSubmitted, {112'000, 30'000, 10'000}));
  const auto c = submit(point(kSubmitted, {113'000, 30'000, 10'000}));
  const auto d = submit(point(kSubmitted, {114'000, 30'000, 10'000}));
  const auto e = submit(point(kSubmitted, {115'000, 30'000, 10'000}, "Initech"));
  const auto review = [&](const std::string& arguments) {
    return test::run("review --db " + db + " --catalog " + catalog + " " + arguments);
  };

  const auto listed = review("");
  EXPECT_EQ(listed.status, 0) << listed.out;
  EXPECT_NE(listed.out.find(fmt::format("#{}  received 2026-12-06 17:01:00 UTC  pending\n"
                                        "  company  Google (google)\n"
                                        "  role     senior-software-engineer, level L5\n"
                                        "  region   paris\n"
                                        "  pay      2026-10-01 EUR: base 111000, stock/yr 30000, "
                                        "bonus 10000, total 151000\n"
                                        "  kind     offer, 6 years of experience\n"
                                        "  flags    none\n",
                                        a)),
            std::string::npos)
      << listed.out;
  EXPECT_NE(listed.out.find("  company  Initech (not in the catalog)\n"), std::string::npos);
  EXPECT_NE(listed.out.find("  flags    unknown-company\n"), std::string::npos);
  EXPECT_TRUE(
      listed.out.ends_with("5 pending submissions: 1 flagged (unknown-company 1), 4 unflagged\n"))
      << listed.out;
  EXPECT_LT(listed.out.find(fmt::format("#{} ", a)), listed.out.find(fmt::format("#{} ", e)));

  const auto json = review("--json");
  ASSERT_EQ(json.status, 0) << json.out;
  const auto parsed = nlohmann::json::parse(json.out);
  ASSERT_EQ(parsed["submissions"].size(), 5u);
  EXPECT_EQ(parsed["submissions"][4]["id"], e);
  EXPECT_EQ(parsed["submissions"][4]["company"]["resolved"], nullptr);
  EXPECT_EQ(parsed["submissions"][4]["flags"], nlohmann::json::array({"unknown-company"}));
  EXPECT_EQ(parsed["submissions"][0]["company"]["resolved"], "google");
  EXPECT_EQ(parsed["summary"]["flagged"], 1);

  const auto approved = review(fmt::format("--approve {}", a));
  EXPECT_EQ(approved.status, 0) << approved.out;
  EXPECT_EQ(approved.out, fmt::format("approved 1 submission: {}\n", a));

  // An unknown id: nothing changes, b stays pending.
  const auto unknown = review(fmt::format("--approve {} 9999", b));
  EXPECT_EQ(unknown.status, 2) << unknown.out;
  EXPECT_NE(unknown.out.find("--approve: no submission has the id 9999; nothing was changed"),
            std::string::npos)
      << unknown.out;
  EXPECT_EQ(store_->submissions(store::SubmissionStatus::pending).size(), 4u);

  const auto no_reason = review(fmt::format("--reject {}", d));
  EXPECT_EQ(no_reason.status, 2) << no_reason.out;
  const auto rejected = review(fmt::format("--reject {} --reason 'monthly, not yearly'", d));
  EXPECT_EQ(rejected.status, 0) << rejected.out;
  EXPECT_EQ(rejected.out,
            fmt::format("rejected 1 submission: {} (reason: monthly, not yearly)\n", d));
  const auto by_rule = review("--reject-flagged unknown-company --reason 'not a company we cover'");
  EXPECT_EQ(by_rule.status, 0) << by_rule.out;
  EXPECT_EQ(by_rule.out,
            fmt::format("rejected 1 submission: {} (reason: not a company we cover)\n", e));
  EXPECT_EQ(review("--reject-flagged no-such-flag --reason x").status, 2);
  const auto unflagged = review("--approve-unflagged");
  EXPECT_EQ(unflagged.status, 0) << unflagged.out;
  EXPECT_EQ(unflagged.out, fmt::format("approved 2 submissions: {}, {}\n", b, c));

  const auto rejected_list = review("--status rejected");
  EXPECT_EQ(rejected_list.status, 0) << rejected_list.out;
  EXPECT_NE(rejected_list.out.find("  reason   monthly, not yearly\n"), std::string::npos);
  EXPECT_TRUE(rejected_list.out.ends_with(
      "2 rejected submissions: 1 flagged (unknown-company 1), 1 unflagged\n"))
      << rejected_list.out;
  EXPECT_TRUE(review("").out.ends_with("0 pending submissions: 0 flagged, 0 unflagged\n"));
  EXPECT_TRUE(review("--status all")
                  .out.ends_with("5 submissions (3 approved, 2 rejected): 1 flagged "
                                 "(unknown-company 1), 4 unflagged\n"));

  // The three approved ones join the band's twelve; the rejected ones do not.
  EXPECT_EQ(band_points(), "15 points");
}

TEST_P(Review, HostileTextIsShownEscaped) {
  submit(
      point(kSubmitted, {112'000, 30'000, 10'000},
            "Evil\x1b[2J\x1b]0;owned\x07 Corp\r\n<script>alert(1)</script>\xc2\x9b\xe2\x80\xae"));
  const auto run =
      test::run("review --db " + quoted(url()) + " --catalog " + catalog_folder().string());
  EXPECT_EQ(run.status, 0) << run.out;
  EXPECT_NE(run.out.find("  company  Evil\\x1b[2J\\x1b]0;owned\\x07 "
                         "Corp\\x0d\\x0a<script>alert(1)</script>\\u009b\\u202e "
                         "(not in the catalog)\n"),
            std::string::npos)
      << run.out;
  EXPECT_EQ(run.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(run.out.find('\r'), std::string::npos);
  EXPECT_EQ(run.out.find("\xc2\x9b"), std::string::npos);
}

TEST(ReviewCli, AMissingStoreFileIsBadInputAndIsNotCreated) {
  const auto folder = test::fresh_folder("review-missing");
  const auto run = test::run("review --db " + (folder / "nosuch.db").string());
  EXPECT_EQ(run.status, 2) << run.out;
  EXPECT_FALSE(fs::exists(folder / "nosuch.db"));
}

TEST(ReviewCli, OneActionAtATimeAndAStatusItKnows) {
  const auto db = (test::fresh_folder("review-usage") / "points.db").string();
  EXPECT_EQ(test::run("review --db " + db + " --approve 1 --reject 2 --reason x").status, 2);
  EXPECT_EQ(test::run("review --db " + db + " --approve 1 --json").status, 2);
  const auto status = test::run("review --db " + db + " --status bogus");
  EXPECT_EQ(status.status, 2);
  EXPECT_EQ(status.out,
            "negotiateup: --status: expected pending, approved, rejected, or all, not 'bogus'\n");
}

}  // namespace
}  // namespace negotiateup::review
