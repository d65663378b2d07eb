// Submissions in the store, the same on each backend: pending until decided,
// duplicates refused within the window, approved ones as data points, deleted by
// their token.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <latch>
#include <thread>
#include <vector>

#include "core/data_point.hpp"
#include "store/store.hpp"
#include "store_backends.hpp"

namespace negotiateup::store {
namespace {

using namespace std::chrono;

core::DataPoint submitted(std::int64_t base, std::string company = "Acme Corp") {
  return core::DataPoint{year{2026} / October / 1,
                         std::move(company),
                         "senior-software-engineer",
                         "L5",
                         "paris",
                         *core::Currency::from_code("EUR"),
                         base,
                         base / 4,
                         base / 10,
                         "submission",
                         R"({"kind":"offer"})",
                         {"total-mismatch"}};
}

TokenHash token(std::uint8_t seed) {
  TokenHash hash{};
  for (std::size_t i = 0; i < hash.size(); ++i) hash[i] = static_cast<std::uint8_t>(seed + i);
  return hash;
}

const sys_seconds kNow = sys_days{year{2026} / December / 6} + hours{17};
const sys_seconds kDayAgo = kNow - hours{24};

std::vector<core::DataPoint> points_of(Store& store) {
  std::vector<core::DataPoint> points;
  store.for_each([&](const core::DataPoint& p) { points.push_back(p); });
  return points;
}

class SubmissionStore : public test::StoreBackendTest {};
NEGOTIATEUP_INSTANTIATE_BACKENDS(SubmissionStore);

TEST_P(SubmissionStore, ASubmissionIsPendingWithEveryFieldAndIsNoDataPoint) {
  auto store = open_store();
  const auto id = store->add_submission(submitted(91'000), token(1), kNow, kDayAgo);
  ASSERT_TRUE(id.has_value());
  const auto pending = store->submissions(SubmissionStatus::pending);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].id, *id);
  EXPECT_EQ(pending[0].status, SubmissionStatus::pending);
  EXPECT_EQ(pending[0].received, kNow);
  EXPECT_EQ(pending[0].reason, "");
  const auto& p = pending[0].point;
  const auto expected = submitted(91'000);
  EXPECT_EQ(p.date, expected.date);
  EXPECT_EQ(p.company, "Acme Corp");
  EXPECT_EQ(p.level, "L5");
  EXPECT_EQ(p.base, 91'000);
  EXPECT_EQ(p.stock_per_year, 22'750);
  EXPECT_EQ(p.bonus, 9'100);
  EXPECT_EQ(p.attributes, expected.attributes);
  EXPECT_EQ(p.flags, expected.flags);
  EXPECT_TRUE(store->submissions(SubmissionStatus::approved).empty());
  EXPECT_EQ(store->count(), 0u);  // aggregate sees nothing yet
}

TEST_P(SubmissionStore, TheSameSubmissionIsRefusedWithinTheWindowAndTakenAfterIt) {
  auto store = open_store();
  ASSERT_TRUE(store->add_submission(submitted(91'000), token(1), kNow, kDayAgo));
  // Another token, the same figures, an hour later: the same form sent twice.
  EXPECT_FALSE(store->add_submission(submitted(91'000), token(2), kNow + hours{1}, kDayAgo));
  // Other figures are another submission.
  EXPECT_TRUE(store->add_submission(submitted(92'000), token(3), kNow + hours{1}, kDayAgo));
  // Past the window, the same figures are someone else's.
  EXPECT_TRUE(
      store->add_submission(submitted(91'000), token(4), kNow + hours{25}, kNow + hours{1}));
  EXPECT_EQ(store->submissions(std::nullopt).size(), 3u);
}

TEST_P(SubmissionStore, ApprovedSubmissionsBecomePointsEvenWithTheSameFigures) {
  auto store = open_store();
  const auto first = store->add_submission(submitted(91'000), token(1), kNow, kDayAgo);
  const auto second =
      store->add_submission(submitted(91'000), token(2), kNow + hours{30}, kNow + hours{6});
  ASSERT_TRUE(first && second);
  const std::vector ids{*first, *second};
  EXPECT_TRUE(store->decide(ids, SubmissionStatus::approved, "looks right").empty());
  const auto points = points_of(*store);
  ASSERT_EQ(points.size(), 2u);
  EXPECT_EQ(points[0].attributes, fmt::format(R"({{"submission":{},"kind":"offer"}})", *first));
  EXPECT_EQ(points[1].attributes, fmt::format(R"({{"submission":{},"kind":"offer"}})", *second));
  EXPECT_EQ(points[0].flags, submitted(0).flags);
  int scanned = 0;
  store->scan_figures(submitted(0).date, submitted(0).date,
                      [&](const StoredFigures& f) { scanned += f.base == 91'000; });
  EXPECT_EQ(scanned, 2);
  const auto approved = store->submissions(SubmissionStatus::approved);
  ASSERT_EQ(approved.size(), 2u);
  EXPECT_EQ(approved[0].reason, "looks right");
  // Approving again changes nothing.
  EXPECT_TRUE(store->decide(ids, SubmissionStatus::approved, "again").empty());
  EXPECT_EQ(store->count(), 2u);
}

TEST_P(SubmissionStore, RejectingAnApprovedSubmissionTakesItsPointOut) {
  auto store = open_store();
  const auto id = store->add_submission(submitted(91'000), token(1), kNow, kDayAgo);
  const std::vector ids{*id};
  store->decide(ids, SubmissionStatus::approved, "");
  ASSERT_EQ(store->count(), 1u);
  store->decide(ids, SubmissionStatus::rejected, "a typo: monthly pay");
  EXPECT_EQ(store->count(), 0u);
  const auto rejected = store->submissions(SubmissionStatus::rejected);
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_EQ(rejected[0].reason, "a typo: monthly pay");
  store->decide(ids, SubmissionStatus::approved, "checked with the submitter");
  EXPECT_EQ(store->count(), 1u);  // its hash was freed with it
}

TEST_P(SubmissionStore, AnUnknownIdChangesNothing) {
  auto store = open_store();
  const auto id = store->add_submission(submitted(91'000), token(1), kNow, kDayAgo);
  const std::vector ids{*id, *id + 100};
  EXPECT_EQ(store->decide(ids, SubmissionStatus::approved, ""),
            (std::vector<std::int64_t>{*id + 100}));
  EXPECT_EQ(store->count(), 0u);
  EXPECT_EQ(store->submissions(SubmissionStatus::pending).size(), 1u);
}

TEST_P(SubmissionStore, OnlyTheRightTokenDeletesASubmissionAndItsPoint) {
  auto store = open_store();
  const auto kept = store->add_submission(submitted(80'000), token(9), kNow, kDayAgo);
  const auto id = store->add_submission(submitted(91'000), token(1), kNow, kDayAgo);
  const std::vector ids{*kept, *id};
  store->decide(ids, SubmissionStatus::approved, "");
  ASSERT_EQ(store->count(), 2u);
  EXPECT_FALSE(store->delete_submission(*id, token(2)));
  EXPECT_FALSE(store->delete_submission(*kept, token(1)));  // a token is for its own submission
  EXPECT_EQ(store->count(), 2u);
  EXPECT_TRUE(store->delete_submission(*id, token(1)));
  EXPECT_FALSE(store->delete_submission(*id, token(1)));  // gone
  const auto points = points_of(*store);
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(points[0].base, 80'000);
  EXPECT_EQ(store->submissions(std::nullopt).size(), 1u);
  // A pending one is deleted the same way.
  const auto pending = store->add_submission(submitted(70'000), token(3), kNow, kDayAgo);
  EXPECT_TRUE(store->delete_submission(*pending, token(3)));
  EXPECT_EQ(store->submissions(SubmissionStatus::pending).size(), 0u);
}

// Sixteen connections send the same submission at once: one is stored.
TEST_P(SubmissionStore, OfIdenticalSubmissionsSentAtOnceOneIsStored) {
  constexpr int kClients = 16;
  open_store();  // the schema, made once
  std::atomic<int> stored = 0;
  std::latch start(kClients);
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      auto store = open_store();
      start.arrive_and_wait();
      if (store->add_submission(submitted(91'000), token(static_cast<std::uint8_t>(i)), kNow,
                                kDayAgo)) {
        ++stored;
      }
    });
  }
  for (auto& client : clients) client.join();
  EXPECT_EQ(stored.load(), 1);
  EXPECT_EQ(open_store()->submissions(std::nullopt).size(), 1u);
}

}  // namespace
}  // namespace negotiateup::store
