// A submission's whole life through the real program, on SQLite and on
// PostgreSQL, with two servers sharing the store: sent through either server,
// listed and flagged by `review`, approved or rejected, counted by `aggregate`,
// shown by the reloaded site with its sample size, withdrawn by its token, and
// gone from the band at the next `aggregate`.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "serve_client.hpp"
#include "store_backends.hpp"
#include "test_support.hpp"

namespace negotiateup {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test::http::field;
using test::http::verb;

class SubmissionLifecycle : public test::StoreBackendTest {};
NEGOTIATEUP_INSTANTIATE_BACKENDS(SubmissionLifecycle);

std::string submission(std::int64_t base, std::string_view company = "Hugging Face") {
  return json{{"kind", "offer"},     {"company", company}, {"role", "Senior Software Engineer"},
              {"location", "Paris"}, {"date", "2026-10"},  {"currency", "EUR"},
              {"base", base}}
      .dump();
}

json post(std::uint16_t port, const std::string& body) {
  test::http::fields headers;
  headers.set(field::content_type, "application/json");
  const auto answer = test::fetch(port, "/api/v1/submissions", headers, verb::post, body);
  EXPECT_EQ(answer.result_int(), 201u) << answer.body();
  return json::parse(answer.body(), nullptr, false);
}

// The Paris band of Hugging Face's senior software engineer guide, as the API
// gives it.
json paris_band(std::uint16_t port) {
  const auto answer = test::fetch(
      port, "/api/v1/bands?company=hugging-face&role=senior-software-engineer&region=paris");
  const auto bands = json::parse(answer.body(), nullptr, false);
  EXPECT_EQ(bands["bands"].size(), 1u) << answer.body();
  return bands["bands"][0];
}

// Sends SIGHUP and waits for the reload to show in /metrics.
void reload(pid_t server, std::uint16_t port, int reloads) {
  ::kill(server, SIGHUP);
  const auto done = fmt::format("negotiateup_reloads_total {}\n", reloads);
  for (int i = 0; i < 200; ++i) {
    if (test::fetch(port, "/metrics").body().find(done) != std::string::npos) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ADD_FAILURE() << "no reload";
}

TEST_P(SubmissionLifecycle, SubmitReviewAggregateShowWithdrawAndAggregateAgain) {
  const auto catalog = folder() / "catalog";
  fs::copy(test::repository() / "catalog", catalog, fs::copy_options::recursive);
  const auto db = url();
  const std::vector<std::string> serving{"--catalog", catalog.string(), "--db", db,
                                         "--no-rate-limit"};
  const auto [first, first_port] = test::start_serve(serving);
  const auto [second, second_port] = test::start_serve(serving);
  ASSERT_NE(first_port, 0);
  ASSERT_NE(second_port, 0);
  // Before: the hand-set band, no sample size.
  EXPECT_EQ(paris_band(first_port)["base"], json::array({78000, 105000}));
  EXPECT_TRUE(paris_band(first_port)["points"].is_null());

  // Five through one server and two through the other: the five, an unknown
  // company with a hostile name, and a base ten times its peers'.
  std::vector<json> receipts;
  for (const auto base : {90'000, 92'000, 94'000})
    receipts.push_back(post(first_port, submission(base)));
  for (const auto base : {96'000, 98'000}) receipts.push_back(post(second_port, submission(base)));
  const auto hostile = post(second_port, submission(95'000, "\x1b[31m<script>Evil Corp"));
  const auto outlier = post(first_port, submission(9'400'000));

  const auto listed =
      test::run(fmt::format("review --db '{}' --catalog '{}' --json", db, catalog.string()));
  ASSERT_EQ(listed.status, 0) << listed.out;
  const auto pending = json::parse(listed.out, nullptr, false);
  ASSERT_FALSE(pending.is_discarded()) << listed.out;
  std::string flags_of_hostile;
  std::size_t count = 0;
  for (const auto& item : pending["submissions"]) {
    ++count;
    if (item["id"] == hostile["id"]) flags_of_hostile = item["flags"].dump();
  }
  EXPECT_EQ(count, 7u) << listed.out;
  EXPECT_NE(flags_of_hostile.find("unknown-company"), std::string::npos) << listed.out;
  // On the terminal, the hostile name's escape character is shown, not sent.
  const auto table =
      test::run(fmt::format("review --db '{}' --catalog '{}'", db, catalog.string()));
  EXPECT_EQ(table.out.find('\x1b'), std::string::npos) << table.out;

  std::string ids;
  for (const auto& receipt : receipts) ids += fmt::format(" {}", receipt["id"].get<std::int64_t>());
  const auto approved = test::run(
      fmt::format("review --db '{}' --catalog '{}' --approve{}", db, catalog.string(), ids));
  ASSERT_EQ(approved.status, 0) << approved.out;
  const auto rejected = test::run(fmt::format(
      "review --db '{}' --catalog '{}' --reject {} {} --reason 'not a real offer'", db,
      catalog.string(), hostile["id"].get<std::int64_t>(), outlier["id"].get<std::int64_t>()));
  ASSERT_EQ(rejected.status, 0) << rejected.out;

  const auto aggregate =
      fmt::format("aggregate --db '{}' --catalog '{}' --quarter 2026-Q4", db, catalog.string());
  const auto counted = test::run(aggregate);
  ASSERT_EQ(counted.status, 0) << counted.out;
  EXPECT_NE(counted.out.find("hugging-face / senior-software-engineer / paris: 5 points"),
            std::string::npos)
      << counted.out;
  reload(first, first_port, 1);
  // Bases 90,000 to 98,000: p25 92,000 and p75 96,000; five points behind it.
  auto band = paris_band(first_port);
  EXPECT_EQ(band["base"], json::array({92000, 96000})) << band;
  EXPECT_EQ(band["points"], 5) << band;
  // The rebuilt guide page says where its Paris figures come from, and how many.
  constexpr std::string_view kGuide = "/guides/hugging-face/senior-software-engineer";
  const auto page = test::fetch(first_port, kGuide).body();
  EXPECT_NE(page.find("negotiateup submission, 5 data points"), std::string::npos);

  // Withdrawn through the other server: the next aggregate has four points, and
  // the band is withheld.
  test::http::fields bearer;
  bearer.set(field::authorization, "Bearer " + receipts[2]["token"].get<std::string>());
  EXPECT_EQ(
      test::fetch(second_port, receipts[2]["delete"].get<std::string>(), bearer, verb::delete_)
          .result_int(),
      204u);
  const auto again = test::run(aggregate);
  ASSERT_EQ(again.status, 0) << again.out;
  EXPECT_NE(
      again.out.find("hugging-face / senior-software-engineer / paris: 4 points, fewer than 5"),
      std::string::npos)
      << again.out;
  reload(second, second_port, 1);
  band = paris_band(second_port);
  EXPECT_EQ(band["points"], 4) << band;
  EXPECT_TRUE(band["base"].is_null()) << band;
  EXPECT_NE(test::fetch(second_port, kGuide).body().find("too few to show figures"),
            std::string::npos);
  test::stop_serve(first);
  test::stop_serve(second);
}

}  // namespace
}  // namespace negotiateup
