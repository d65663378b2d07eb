#include "store/store.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <latch>
#include <map>
#include <thread>
#include <vector>

#include "core/data_point.hpp"
#include "store_backends.hpp"

namespace negotiateup::store {
namespace {

using namespace std::chrono;

core::DataPoint point(core::Date date, std::int64_t base, std::string company = "acme") {
  return core::DataPoint{date,
                         std::move(company),
                         "senior-software-engineer",
                         std::nullopt,
                         "Paris",
                         *core::Currency::from_code("EUR"),
                         base,
                         base / 2,
                         base / 10,
                         "survey",
                         "{}",
                         {}};
}

const core::Date kDay = year{2025} / November / 2;

// The Store interface, the same on each backend: Backends/StoreContract.X/sqlite
// and Backends/StoreContract.X/postgresql.
class StoreContract : public test::StoreBackendTest {};
NEGOTIATEUP_INSTANTIATE_BACKENDS(StoreContract);

TEST_P(StoreContract, AddGivesNewIdsAndNothingForAHashAlreadyStored) {
  auto store = open_store();
  auto batch = store->begin(0);
  const auto first = batch->add(point(kDay, 100), test::hash_of("h1"));
  const auto second = batch->add(point(kDay, 200), test::hash_of("h2"));
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(second.has_value());
  EXPECT_LT(*first, *second);
  EXPECT_FALSE(batch->add(point(kDay, 300), test::hash_of("h1")).has_value());
  batch->commit();
  EXPECT_EQ(store->count(), 2u);
  auto again = store->begin(0);
  EXPECT_FALSE(
      again->add(point(kDay, 100), test::hash_of("h2")).has_value());  // seen in an earlier batch
  again->commit();
  EXPECT_EQ(store->count(), 2u);
}

TEST_P(StoreContract, FlagAppendsToAPointsFlags) {
  auto store = open_store();
  auto batch = store->begin(0);
  auto flagged = point(kDay, 0);
  flagged.flags = {"zero-base"};
  const auto a = batch->add(flagged, test::hash_of("a"));
  const auto b = batch->add(point(kDay, 100), test::hash_of("b"));
  batch->flag(*a, "peer-outlier");
  batch->flag(*b, "peer-outlier");
  batch->commit();
  std::vector<std::vector<std::string>> flags;
  store->for_each([&](const core::DataPoint& p) { flags.push_back(p.flags); });
  ASSERT_EQ(flags.size(), 2u);
  EXPECT_EQ(flags[0], (std::vector<std::string>{"zero-base", "peer-outlier"}));
  EXPECT_EQ(flags[1], std::vector<std::string>{"peer-outlier"});
  std::vector<std::string> scanned;
  store->scan_figures(kDay, kDay, [&](const StoredFigures& f) { scanned.emplace_back(f.flags); });
  std::sort(scanned.begin(), scanned.end());
  EXPECT_EQ(scanned, (std::vector<std::string>{"peer-outlier", "zero-base,peer-outlier"}));
}

TEST_P(StoreContract, ABatchNotCommittedLeavesNothing) {
  auto store = open_store();
  {
    auto batch = store->begin(0);
    for (int i = 0; i < 3; ++i) batch->add(point(kDay, i), test::hash_of("h" + std::to_string(i)));
  }
  EXPECT_EQ(store->count(), 0u);
  EXPECT_EQ(open_store()->count(), 0u);
  auto batch = store->begin(0);  // and the store goes on
  EXPECT_TRUE(
      batch->add(point(kDay, 1), test::hash_of("h1")).has_value());  // the hash is free again
  batch->commit();
  EXPECT_EQ(open_store()->count(), 1u);
}

TEST_P(StoreContract, AScanDuringABatchSeesItsPointsAndLeavesItOpen) {
  auto store = open_store();
  auto batch = store->begin(0);
  batch->add(point(kDay, 1), test::hash_of("h1"));
  batch->add(point(kDay, 2), test::hash_of("h2"));
  int seen = 0;
  store->scan_figures(kDay, kDay, [&](const StoredFigures&) { ++seen; });
  EXPECT_EQ(seen, 2);
  EXPECT_EQ(open_store()->count(), 0u);  // not committed by the scan
  batch->add(point(kDay, 3), test::hash_of("h3"));
  batch->commit();
  EXPECT_EQ(open_store()->count(), 3u);
}

// Many points: every field comes back, in the order stored, and the scan sees
// them all.
TEST_P(StoreContract, ForEachAndScanGoOverEveryPointOfALargeStore) {
  constexpr int kPoints = 25'000;
  {
    auto store = open_store();
    auto batch = store->begin(0);
    for (int i = 0; i < kPoints; ++i) {
      auto p = point(sys_days{kDay} + days{i % 30}, 1000 + i, "company-" + std::to_string(i % 7));
      if (i % 3 == 0) p.level = "L" + std::to_string(i % 9);
      if (i % 5 == 0) p.flags = {"zero-base", "total-mismatch"};
      p.attributes = "{\"i\":\"" + std::to_string(i) + "\"}";
      batch->add(p, test::hash_of("hash-" + std::to_string(i)));
    }
    batch->commit();
  }
  auto store = open_store();
  EXPECT_EQ(store->count(), static_cast<std::size_t>(kPoints));
  int i = 0;
  store->for_each([&](const core::DataPoint& p) {
    if (p.base != 1000 + i) {
      ADD_FAILURE() << "point " << i << " has base " << p.base;
    } else if (i % 1000 == 0 || i == kPoints - 1) {
      EXPECT_EQ(p.date, core::Date{sys_days{kDay} + days{i % 30}});
      EXPECT_EQ(p.company, "company-" + std::to_string(i % 7));
      EXPECT_EQ(p.role, "senior-software-engineer");
      EXPECT_EQ(p.level, i % 3 == 0 ? std::optional<std::string>("L" + std::to_string(i % 9))
                                    : std::nullopt);
      EXPECT_EQ(p.region, "Paris");
      EXPECT_EQ(p.currency.code(), "EUR");
      EXPECT_EQ(p.stock_per_year, (1000 + i) / 2);
      EXPECT_EQ(p.bonus, (1000 + i) / 10);
      EXPECT_EQ(p.source, "survey");
      EXPECT_EQ(p.attributes, "{\"i\":\"" + std::to_string(i) + "\"}");
      const std::vector<std::string> flags{"zero-base", "total-mismatch"};
      EXPECT_EQ(p.flags, i % 5 == 0 ? flags : std::vector<std::string>());
    }
    ++i;
  });
  EXPECT_EQ(i, kPoints);
  std::int64_t scanned = 0;
  std::int64_t bases = 0;
  store->scan_figures(kDay, sys_days{kDay} + days{29}, [&](const StoredFigures& f) {
    ++scanned;
    bases += f.base;
  });
  EXPECT_EQ(scanned, kPoints);
  EXPECT_EQ(bases, std::int64_t{kPoints} * 1000 + std::int64_t{kPoints} * (kPoints - 1) / 2);
}

// A visitor that throws stops the scan; the store goes on, in a batch or not.
TEST_P(StoreContract, AScanStoppedByAnExceptionLeavesTheStoreUsable) {
  constexpr int kPoints = 20'000;
  auto store = open_store();
  {
    auto batch = store->begin(0);
    for (int i = 0; i < kPoints; ++i)
      batch->add(point(kDay, i), test::hash_of("h" + std::to_string(i)));
    batch->commit();
  }
  struct Stop {};
  const auto stop_at_the_second = [&] {
    int seen = 0;
    EXPECT_THROW(store->scan_figures(kDay, kDay,
                                     [&](const StoredFigures&) {
                                       if (++seen == 2) throw Stop{};
                                     }),
                 Stop);
    EXPECT_THROW(store->for_each([&](const core::DataPoint&) { throw Stop{}; }), Stop);
  };
  stop_at_the_second();
  EXPECT_EQ(store->count(), static_cast<std::size_t>(kPoints));
  auto batch = store->begin(0);
  batch->add(point(kDay, -1), test::hash_of("in the batch"));
  stop_at_the_second();
  batch->add(point(kDay, -2), test::hash_of("after the scans"));
  batch->commit();
  EXPECT_EQ(open_store()->count(), static_cast<std::size_t>(kPoints + 2));
}

TEST_P(StoreContract, ScanFiguresGivesExactlyThePointsDatedInTheRangeBothEndsIncluded) {
  auto store = open_store();
  const core::Date first = year{2025} / January / 1;
  const core::Date last = year{2025} / January / 10;
  {
    auto batch = store->begin(0);
    // 2024-12-31 to 2025-01-11, one point a day, base = the day's number.
    for (int day = -1; day <= 10; ++day) {
      auto p = point(sys_days{first} + days{day}, 1000 + day, "company-" + std::to_string(day));
      p.level = "L5";
      p.flags = {"zero-base"};
      batch->add(p, test::hash_of("day-" + std::to_string(day)));
    }
    batch->add(point(year{2024} / January / 5, 1), test::hash_of("a year before"));
    batch->add(point(year{2026} / January / 5, 1), test::hash_of("a year after"));
    batch->commit();
  }
  std::map<std::int64_t, core::Date> seen;  // base -> date
  store->scan_figures(first, last, [&](const StoredFigures& f) {
    EXPECT_TRUE(seen.emplace(f.base, f.date).second) << "twice: " << f.base;
    EXPECT_EQ(f.company, "company-" + std::to_string(f.base - 1000));
    EXPECT_EQ(f.role, "senior-software-engineer");
    EXPECT_EQ(f.region, "Paris");
    EXPECT_EQ(f.currency, "EUR");
    EXPECT_EQ(f.source, "survey");
    EXPECT_EQ(f.flags, "zero-base");
    EXPECT_EQ(f.stock_per_year, f.base / 2);
    EXPECT_EQ(f.bonus, f.base / 10);
  });
  ASSERT_EQ(seen.size(), 10u);
  for (int day = 0; day < 10; ++day) {
    ASSERT_TRUE(seen.contains(1000 + day)) << "day " << day;
    EXPECT_EQ(seen[1000 + day], core::Date{sys_days{first} + days{day}});
  }
  int count = 0;
  store->scan_figures(last, last, [&](const StoredFigures& f) {
    ++count;
    EXPECT_EQ(f.base, 1009);
  });
  EXPECT_EQ(count, 1);
  store->scan_figures(last, first, [&](const StoredFigures&) { ++count; });  // empty range
  EXPECT_EQ(count, 1);
}

TEST_P(StoreContract, AnotherStoreOnTheSameDatabaseSeesCommittedPoints) {
  auto writer = open_store();
  auto reader = open_store();
  auto batch = writer->begin(0);
  batch->add(point(kDay, 1), test::hash_of("h1"));
  EXPECT_EQ(reader->count(), 0u);
  batch->commit();
  EXPECT_EQ(reader->count(), 1u);
}

// A batch expected to be at least as large as the store may load in bulk (SQLite
// drops its content-hash index and finds duplicates in memory): the same answers.
TEST_P(StoreContract, ALargeBatchFindsDuplicatesInItselfAndInTheStore) {
  auto store = open_store();
  auto small = store->begin(0);
  const auto first = small->add(point(kDay, 1), test::hash_of("h1"));
  ASSERT_TRUE(small->add(point(kDay, 2), test::hash_of("h2")).has_value());
  small->commit();
  auto large = store->begin(1'000'000);
  EXPECT_FALSE(large->add(point(kDay, 2), test::hash_of("h2")).has_value());  // stored before
  const auto third = large->add(point(kDay, 3), test::hash_of("h3"));
  ASSERT_TRUE(third.has_value());
  EXPECT_GT(*third, *first);
  EXPECT_FALSE(large->add(point(kDay, 3), test::hash_of("h3")).has_value());  // in the batch
  large->flag(*third, "peer-outlier");
  large->commit();
  EXPECT_EQ(store->count(), 3u);
  // The index is back: a small batch finds the large batch's points.
  auto after = store->begin(0);
  EXPECT_FALSE(after->add(point(kDay, 3), test::hash_of("h3")).has_value());
  EXPECT_TRUE(after->add(point(kDay, 4), test::hash_of("h4")).has_value());
  after->commit();
  std::vector<std::int64_t> bases;
  std::vector<std::string> flags;
  open_store()->for_each([&](const core::DataPoint& p) {
    bases.push_back(p.base);
    flags.push_back(core::join_flags(p.flags));
  });
  EXPECT_EQ(bases, (std::vector<std::int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(flags, (std::vector<std::string>{"", "", "peer-outlier", ""}));
}

// A chunk larger than PostgreSQL's pipeline (256 points), with duplicates inside it
// and of points stored before it: one id per point, in order, 0 for each duplicate.
TEST_P(StoreContract, AChunkGivesAnIdPerPointInOrderAndZeroForEachDuplicate) {
  auto store = open_store();
  auto first = store->begin(0);
  const auto stored_before = first->add(point(kDay, 7), test::hash_of("p7"));
  first->commit();
  std::vector<core::DataPoint> points;
  std::vector<ContentHash> hashes;
  for (int i = 0; i < 600; ++i) {
    points.push_back(point(kDay, i));
    hashes.push_back(test::hash_of("p" + std::to_string(i % 500)));  // 500-599 repeat 0-99
  }
  for (const auto expected : {std::size_t{0}, std::size_t{1'000'000}}) {
    SCOPED_TRACE(expected);
    auto batch = store->begin(expected);
    const auto ids = batch->add(points, hashes);
    ASSERT_EQ(ids.size(), 600u);
    std::int64_t previous = *stored_before;
    for (int i = 0; i < 600; ++i) {
      if (i == 7 || i >= 500) {
        EXPECT_EQ(ids[static_cast<std::size_t>(i)], 0) << i;
      } else {
        EXPECT_GT(ids[static_cast<std::size_t>(i)], previous) << i;
        previous = ids[static_cast<std::size_t>(i)];
      }
    }
    // Not committed: the second round stores the same, in bulk on SQLite.
  }
  EXPECT_EQ(store->count(), 1u);
}

TEST_P(StoreContract, ALargeBatchRolledBackLeavesTheStoreAndItsIndexAsTheyWere) {
  auto store = open_store();
  auto small = store->begin(0);
  small->add(point(kDay, 1), test::hash_of("h1"));
  small->commit();
  {
    auto large = store->begin(1'000'000);
    EXPECT_TRUE(large->add(point(kDay, 2), test::hash_of("h2")).has_value());
  }
  EXPECT_EQ(open_store()->count(), 1u);
  auto again = store->begin(0);
  EXPECT_FALSE(again->add(point(kDay, 1), test::hash_of("h1")).has_value());
  EXPECT_TRUE(again->add(point(kDay, 2), test::hash_of("h2")).has_value());
  again->commit();
  EXPECT_EQ(open_store()->count(), 2u);
}

// A store made by schema 2 (content hashes as 32 hex digits) is converted on open:
// its points are kept, and the same point ingested again is a duplicate.
TEST(SqliteStore, MigratesVersionTwoHexHashesToBytes) {
  const auto folder = test::fresh_folder("sqlite-v2");
  const auto path = folder / "v2.db";
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    const auto* v2 = R"sql(
CREATE TABLE data_points (
  id INTEGER PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE, date TEXT NOT NULL,
  company TEXT NOT NULL, role TEXT NOT NULL, level TEXT, region TEXT NOT NULL,
  currency TEXT NOT NULL, base INTEGER NOT NULL, stock_per_year INTEGER NOT NULL,
  bonus INTEGER NOT NULL, source TEXT NOT NULL, attributes TEXT NOT NULL, flags TEXT NOT NULL);
INSERT INTO data_points VALUES (1, '00000000000000ff0102030405060708', '2025-11-02', 'acme',
  'senior-software-engineer', 'L5', 'Paris', 'EUR', 100, 50, 10, 'survey', '{}', 'zero-base');
PRAGMA user_version = 2;
)sql";
    ASSERT_EQ(sqlite3_exec(db, v2, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  auto store = open_store("sqlite:" + path.string());
  ASSERT_TRUE(store.has_value()) << store.error();
  EXPECT_EQ((*store)->schema_version(), 4);
  std::vector<core::DataPoint> points;
  (*store)->for_each([&](const core::DataPoint& p) { points.push_back(p); });
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(points[0].level, "L5");
  EXPECT_EQ(points[0].flags, std::vector<std::string>{"zero-base"});
  auto batch = (*store)->begin(0);
  EXPECT_FALSE(batch->add(points[0], ContentHash{0xff, 0x0102030405060708}).has_value());
  EXPECT_TRUE(batch->add(points[0], ContentHash{0xff, 0x0102030405060709}).has_value());
  batch->commit();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  std::vector<std::string> hashes;
  sqlite3_exec(
      db, "SELECT lower(hex(hash)) || ' ' || point_id FROM content_hashes ORDER BY hash",
      [](void* out, int, char** values, char**) {
        static_cast<std::vector<std::string>*>(out)->emplace_back(values[0]);
        return 0;
      },
      &hashes, nullptr);
  sqlite3_close(db);
  EXPECT_EQ(hashes, (std::vector<std::string>{"00000000000000ff0102030405060708 1",
                                              "00000000000000ff0102030405060709 2"}));
}

#if NEGOTIATEUP_WITH_POSTGRES
// PostgreSQL alone, each test on a fresh database of the test server.
class PostgresStore : public test::PostgresTest {};

TEST_F(PostgresStore, MigratesOnceAndRecordsTheVersion) {
  {
    auto store = open_store(url());
    ASSERT_TRUE(store.has_value()) << store.error();
    EXPECT_EQ((*store)->schema_version(), 4);
    auto batch = (*store)->begin(0);
    batch->add(point(kDay, 1), test::hash_of("h1"));
    batch->commit();
  }
  EXPECT_EQ(test::postgres_exec(url(),
                                "SELECT count(*) || ':' || max(version) "
                                "FROM negotiateup_schema"),
            "1:4");
  EXPECT_EQ(test::postgres_exec(url(),
                                "SELECT string_agg(column_name || ' ' || data_type || "
                                "CASE is_nullable WHEN 'NO' THEN ' not null' ELSE '' END, "
                                "', ' ORDER BY ordinal_position) FROM "
                                "information_schema.columns WHERE table_name = "
                                "'data_points'"),
            "id bigint not null, date date not null, company text not null, role text not null, "
            "level text, region text not null, currency text not null, base bigint not null, "
            "stock_per_year bigint not null, bonus bigint not null, source text not null, "
            "attributes text not null, flags text not null");
  EXPECT_EQ(test::postgres_exec(url(),
                                "SELECT encode(hash, 'hex') || ' ' || point_id "
                                "FROM content_hashes"),
            fmt::format("{:016x}{:016x} 1", test::hash_of("h1").high, test::hash_of("h1").low));
  // Opened again: nothing migrates a second time (the CREATE TABLE would fail),
  // the points are kept.
  auto again = open_store(url());
  ASSERT_TRUE(again.has_value()) << again.error();
  EXPECT_EQ((*again)->schema_version(), 4);
  EXPECT_EQ((*again)->count(), 1u);
  EXPECT_EQ(test::postgres_exec(url(), "SELECT count(*) FROM negotiateup_schema"), "1");
}

// A database left at version 1 (with its group index and hashes in hex) is brought
// to the current version.
TEST_F(PostgresStore, MigratesAVersionOneDatabaseUp) {
  const ContentHash hash{0xff, 0x0102030405060708};
  {
    auto store = open_store(url());
    ASSERT_TRUE(store.has_value()) << store.error();
    auto batch = (*store)->begin(0);
    ASSERT_TRUE(batch->add(point(kDay, 1), hash).has_value());
    batch->commit();
  }
  ASSERT_TRUE(test::postgres_exec(url(),
                                  "CREATE INDEX data_points_group ON data_points "
                                  "(company, role, region, date); "
                                  "ALTER TABLE data_points ADD COLUMN content_hash text; "
                                  "UPDATE data_points SET content_hash = encode(hash, 'hex') "
                                  "FROM content_hashes WHERE point_id = id; "
                                  "ALTER TABLE data_points ALTER COLUMN content_hash SET NOT NULL; "
                                  "DROP TABLE content_hashes; DROP TABLE submissions; "
                                  "UPDATE negotiateup_schema SET version = 1"));
  const auto index_count = "SELECT count(*) FROM pg_indexes WHERE indexname = 'data_points_group'";
  ASSERT_EQ(test::postgres_exec(url(), index_count), "1");
  ASSERT_EQ(test::postgres_exec(url(), "SELECT content_hash FROM data_points"),
            "00000000000000ff0102030405060708");
  const auto store = open_store(url());
  ASSERT_TRUE(store.has_value()) << store.error();
  EXPECT_EQ((*store)->schema_version(), 4);
  EXPECT_EQ(test::postgres_exec(url(), index_count), "0");
  auto batch = (*store)->begin(0);
  EXPECT_FALSE(batch->add(point(kDay, 1), hash).has_value());  // the same bytes
  batch->commit();
}

// PostgreSQL refuses text with a NUL: a point in the middle of a pipelined chunk
// fails the batch, and the store goes on.
TEST_F(PostgresStore, APointRefusedInTheMiddleOfAChunkFailsTheBatchAndTheStoreGoesOn) {
  auto store = open_store(url());
  ASSERT_TRUE(store.has_value()) << store.error();
  std::vector<core::DataPoint> points;
  std::vector<ContentHash> hashes;
  for (int i = 0; i < 300; ++i) {
    points.push_back(point(kDay, i));
    hashes.push_back(test::hash_of("p" + std::to_string(i)));
  }
  points[100].company = std::string("a\0b", 3);
  {
    auto batch = (*store)->begin(0);
    EXPECT_THROW(batch->add(points, hashes), core::Exception);
  }
  EXPECT_EQ((*store)->count(), 0u);
  points[100].company = "acme";
  auto batch = (*store)->begin(0);
  const auto ids = batch->add(points, hashes);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), 0), 0);
  batch->commit();
  EXPECT_EQ((*store)->count(), 300u);
}

TEST_F(PostgresStore, RefusesADatabaseWithANewerSchema) {
  ASSERT_TRUE(open_store(url()).has_value());
  ASSERT_TRUE(test::postgres_exec(url(), "UPDATE negotiateup_schema SET version = version + 1"));
  const auto store = open_store(url());
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().to_string(),
            url() +
                ": the database has schema version 5, newer than this program's 4; expected a "
                "negotiateup of that version or later");
}

// Stores opened at the same moment on a fresh database: one migrates, the others
// wait on the advisory lock and find the schema made.
TEST_F(PostgresStore, StoresOpenedConcurrentlyOnAFreshDatabaseAllSucceed) {
  constexpr int kRounds = 4;
  constexpr int kStores = 6;
  for (int round = 0; round < kRounds; ++round) {
    const auto database = test::fresh_postgres_database(
        test::database_name_for(test::current_test_name() + "." + std::to_string(round)));
    ASSERT_TRUE(database.has_value()) << database.error();
    std::latch start(kStores);
    std::vector<std::string> errors(kStores);
    std::vector<int> versions(kStores, 0);
    std::vector<std::thread> threads;
    for (int i = 0; i < kStores; ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        auto store = open_store(*database);
        if (store) {
          versions[static_cast<std::size_t>(i)] = (*store)->schema_version();
        } else {
          errors[static_cast<std::size_t>(i)] = store.error().to_string();
        }
      });
    }
    for (auto& thread : threads) thread.join();
    for (int i = 0; i < kStores; ++i) {
      EXPECT_EQ(errors[static_cast<std::size_t>(i)], "") << "round " << round << ", store " << i;
      EXPECT_EQ(versions[static_cast<std::size_t>(i)], 4) << "round " << round << ", store " << i;
    }
    EXPECT_EQ(test::postgres_exec(*database, "SELECT count(*) FROM negotiateup_schema"), "1");
  }
}

TEST_F(PostgresStore, ConnectionErrorsSayWhatFailedAndNeverShowThePassword) {
  // Nothing listens on port 1.
  const auto refused =
      open_store("postgresql://alice:s3cret@127.0.0.1:1/points?password=other&connect_timeout=5");
  ASSERT_FALSE(refused.has_value());
  EXPECT_TRUE(refused.error().to_string().starts_with(
      "postgresql://alice@127.0.0.1:1/points?connect_timeout=5: "))
      << refused.error().to_string();
  EXPECT_NE(refused.error().to_string().find("Connection refused"), std::string::npos)
      << refused.error().to_string();
  EXPECT_EQ(refused.error().to_string().find("s3cret"), std::string::npos)
      << refused.error().to_string();
  EXPECT_EQ(refused.error().to_string().find("other"), std::string::npos)
      << refused.error().to_string();

  const auto bad_port = open_store("postgres://127.0.0.1:notaport/points");
  ASSERT_FALSE(bad_port.has_value());
  EXPECT_TRUE(bad_port.error().to_string().starts_with("postgres://127.0.0.1:notaport/points: "))
      << bad_port.error().to_string();
  EXPECT_NE(bad_port.error().to_string().find("port"), std::string::npos)
      << bad_port.error().to_string();

  // libpq quotes a part of the URL it cannot decode: not the password.
  const auto bad_password = open_store("postgresql://alice:%zzpw@127.0.0.1:1/points");
  ASSERT_FALSE(bad_password.has_value());
  EXPECT_EQ(bad_password.error().to_string().find("%zzpw"), std::string::npos)
      << bad_password.error().to_string();
  EXPECT_TRUE(
      bad_password.error().to_string().starts_with("postgresql://alice@127.0.0.1:1/points: "))
      << bad_password.error().to_string();

  const auto missing = test::with_database(url(), "no_such_database");
  const auto no_database = open_store(missing);
  ASSERT_FALSE(no_database.has_value());
  EXPECT_NE(no_database.error().to_string().find("database \"no_such_database\" does not exist"),
            std::string::npos)
      << no_database.error().to_string();
  EXPECT_EQ(no_database.error().to_string().find('\n'), std::string::npos)
      << no_database.error().to_string();
}

TEST_F(PostgresStore, AcceptsBothSchemes) {
  ASSERT_TRUE(url().starts_with("postgresql://")) << url();
  const auto store = open_store("postgres://" + url().substr(std::string("postgresql://").size()));
  ASSERT_TRUE(store.has_value()) << store.error();
  EXPECT_EQ((*store)->count(), 0u);
}

#else
// A program built without PostgreSQL says so, and how to get it.
TEST(StoreWithoutPostgres, APostgresUrlSaysHowToRebuild) {
  const auto refused = open_store("postgresql://alice:s3cret@127.0.0.1/points");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().to_string(),
            "postgresql://alice@127.0.0.1/points: this negotiateup was built without PostgreSQL; "
            "rebuild with -DNEGOTIATEUP_WITH_POSTGRES=ON");
}
#endif

}  // namespace
}  // namespace negotiateup::store
