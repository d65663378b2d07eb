#include "aggregate/aggregate.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>

#include "aggregate/band_update.hpp"
#include "aggregate/source_cap.hpp"
#include "catalog/catalog_files.hpp"
#include "store/store.hpp"
#include "store_backends.hpp"
#include "test_support.hpp"

namespace negotiateup::aggregate {
namespace {

namespace fs = std::filesystem;
using core::Band;

// An independent percentile_cont: the value at rank 1 + q (n - 1), counted from 1,
// interpolated with long doubles and rounded half away from zero.
std::int64_t expected_percentile(std::vector<std::int64_t> values, long double q) {
  std::sort(values.begin(), values.end());
  const long double rank = 1 + q * static_cast<long double>(values.size() - 1);
  const auto lower = static_cast<std::size_t>(rank);
  const long double weight = rank - static_cast<long double>(lower);
  const long double low = static_cast<long double>(values[lower - 1]);
  const long double high = static_cast<long double>(values[std::min(lower, values.size() - 1)]);
  return std::llround(low + weight * (high - low));
}

core::DataPoint point(std::string date, std::string company, std::string role, std::string region,
                      std::string currency, std::int64_t base, std::int64_t stock,
                      std::int64_t bonus, std::string source) {
  return {*core::parse_date(date),
          std::move(company),
          std::move(role),
          std::nullopt,
          std::move(region),
          *core::Currency::from_code(currency),
          base,
          stock,
          bonus,
          std::move(source),
          "{}",
          {}};
}

// On each backend: a fresh store and a copy of the demo catalog.
class Aggregate : public test::StoreBackendTest {
 protected:
  void SetUp() override {
    test::StoreBackendTest::SetUp();
    folder_ = folder();
    fs::copy(fs::path(NEGOTIATEUP_TESTS_DIR) / ".." / "catalog", folder_ / "catalog",
             fs::copy_options::recursive);
    store_ = open_store();
    auto catalog = catalog::load_catalog(folder_ / "catalog");
    ASSERT_TRUE(catalog.has_value()) << catalog.error().to_string();
    catalog_ = std::move(*catalog);
  }

  void store(const std::vector<core::DataPoint>& points) {
    auto batch = store_->begin(0);
    for (std::size_t i = 0; i < points.size(); ++i) {
      ASSERT_TRUE(
          batch->add(points[i], test::hash_of("hash-" + std::to_string(next_hash_++))).has_value());
    }
    batch->commit();
  }

  // 40 points for Google's Senior Software Engineer in the Bay Area in 2025, two
  // sources, base 150,000 + 2,500 i, stock 50,000 + 10,000 i a year, bonus 10%;
  // and two points that must be left out: a base of 0 and a far outlier.
  std::vector<core::DataPoint> bay_area() {
    std::vector<core::DataPoint> points;
    for (int i = 0; i < 40; ++i) {
      const std::int64_t base = 150'000 + 2'500 * i;
      points.push_back(point(fmt::format("2025-{:02}-15", 1 + i % 12), "Google",
                             "Senior Software Engineer", "SF", "USD", base, 50'000 + 10'000 * i,
                             base / 10, i % 2 ? "survey" : "levels.fyi"));
    }
    points.push_back(point("2025-06-01", "google", "senior-software-engineer", "san-francisco",
                           "USD", 0, 100'000, 0, "levels.fyi"));
    points.push_back(point("2025-06-01", "google", "senior-software-engineer", "san-francisco",
                           "USD", 190'000, 9'000'000, 0, "levels.fyi"));
    return points;
  }

  fs::path folder_;
  std::unique_ptr<store::Store> store_;
  catalog::Catalog catalog_;
  int next_hash_ = 0;
};

const Window k2025{{2025, 4}, 4};

TEST(Window, RunsOverWholeQuarters) {
  EXPECT_EQ(core::format_date(k2025.first_day()), "2025-01-01");
  EXPECT_EQ(core::format_date(k2025.last_day()), "2025-12-31");
  const Window one{{2026, 1}, 1};
  EXPECT_EQ(core::format_date(one.first_day()), "2026-01-01");
  EXPECT_EQ(core::format_date(one.last_day()), "2026-03-31");
}

TEST_P(Aggregate, PercentilesMatchAnIndependentComputation) {
  auto points = bay_area();
  store(points);
  const auto result = aggregate_points(*store_, catalog_, k2025);
  ASSERT_EQ(result.groups.size(), 1u);
  const auto& group = result.groups[0];
  EXPECT_EQ(group.company, "google");  // the catalog's names, whatever the spelling
  EXPECT_EQ(group.role, "senior-software-engineer");
  EXPECT_EQ(group.region, "san-francisco");
  EXPECT_TRUE(group.in_catalog);
  EXPECT_EQ(result.points_read, 42u);
  EXPECT_EQ(result.zero_base, 1u);
  EXPECT_EQ(group.trimmed, 1u);
  EXPECT_EQ(group.points, 40u);
  std::vector<std::int64_t> base, stock, total;
  for (int i = 0; i < 40; ++i) {
    base.push_back(points[static_cast<std::size_t>(i)].base);
    stock.push_back(points[static_cast<std::size_t>(i)].stock_per_year);
    total.push_back(points[static_cast<std::size_t>(i)].total());
  }
  const auto expect = [](const Percentiles& got, const std::vector<std::int64_t>& values) {
    EXPECT_EQ(got.p10, expected_percentile(values, 0.10L));
    EXPECT_EQ(got.p25, expected_percentile(values, 0.25L));
    EXPECT_EQ(got.p50, expected_percentile(values, 0.50L));
    EXPECT_EQ(got.p75, expected_percentile(values, 0.75L));
    EXPECT_EQ(got.p90, expected_percentile(values, 0.90L));
  };
  expect(group.base, base);
  expect(group.stock_per_year, stock);
  expect(group.total, total);
  EXPECT_EQ(group.base.p25, 174'375);  // 150,000 + 0.25 x 39 x 2,500
  EXPECT_EQ(group.bonus_pct, core::Percent::whole(10));
  EXPECT_EQ(group.newest, (core::Quarter{2025, 4}));
  EXPECT_EQ(group.sources, (std::vector<std::string>{"levels.fyi", "survey"}));
}

TEST_P(Aggregate, OnlyTheWindowCounts) {
  store({point("2024-12-31", "google", "software-engineer", "london", "GBP", 90'000, 0, 0, "a"),
         point("2025-01-01", "google", "software-engineer", "london", "GBP", 91'000, 0, 0, "a"),
         point("2025-12-31", "google", "software-engineer", "london", "GBP", 92'000, 0, 0, "a"),
         point("2026-01-01", "google", "software-engineer", "london", "GBP", 93'000, 0, 0, "a")});
  const auto result = aggregate_points(*store_, catalog_, k2025);
  EXPECT_EQ(result.points_read, 2u);
  ASSERT_EQ(result.groups.size(), 1u);
  EXPECT_EQ(result.groups[0].base.p25, 91'250);
  EXPECT_FALSE(result.groups[0].bonus_pct.has_value());  // no point has a bonus
}

TEST_P(Aggregate, ConvertsToTheRegionsCurrencyAndCountsWhatItCannot) {
  // rates.yaml: 1 USD = 0.92 EUR.
  store(
      {point("2025-03-01", "google", "software-engineer", "Paris", "USD", 100'000, 10'001, 0, "a"),
       point("2025-03-02", "google", "software-engineer", "Paris", "EUR", 92'000, 0, 0, "a"),
       point("2025-03-03", "google", "software-engineer", "Paris", "INR", 9'000'000, 0, 0, "a")});
  const auto result = aggregate_points(*store_, catalog_, k2025);
  ASSERT_EQ(result.groups.size(), 1u);
  EXPECT_EQ(result.groups[0].currency.code(), "EUR");
  EXPECT_EQ(result.groups[0].base.p25, 92'000);
  // 10,001 x 0.92 = 9,200.92 -> 9,201; the 75th percentile of 0 and 9,201.
  EXPECT_EQ(result.groups[0].stock_per_year.p75, 6'901);
  EXPECT_EQ(result.no_rate.at("INR"), 1u);
}

// So many names that a cell for every company x role x region would not pay: the
// groups are then found by sorting, with the same result.
TEST_P(Aggregate, GroupsManyNamesBySorting) {
  std::vector<core::DataPoint> points;
  for (int i = 0; i < 100; ++i) {
    points.push_back(point("2025-03-01", fmt::format("c{}", i), fmt::format("r{}", i),
                           fmt::format("g{}", i % 30), "USD", 100'000 + i, 0, 0, "a"));
  }
  points.push_back(point("2025-03-02", "c7", "r7", "g7", "USD", 300'000, 0, 0, "b"));
  store(points);
  const auto result = aggregate_points(*store_, catalog_, k2025);
  ASSERT_EQ(result.groups.size(), 100u);
  EXPECT_EQ(result.groups[0].company, "c0");
  EXPECT_EQ(result.groups[1].company, "c1");
  EXPECT_EQ(result.groups[2].company, "c10");  // by name
  const auto seven = std::find_if(result.groups.begin(), result.groups.end(),
                                  [](const GroupStats& g) { return g.company == "c7"; });
  ASSERT_NE(seven, result.groups.end());
  EXPECT_EQ(seven->points, 2u);
  EXPECT_EQ(seven->base.p50, 200'000 + 4);  // between 100,007 and 300,000, rounded
  EXPECT_EQ(seven->sources, (std::vector<std::string>{"a", "b"}));
}

TEST_P(Aggregate, KeepsGroupsTheCatalogDoesNotHave) {
  store({point("2025-03-01", "acme", "juggler", "Atlantis", "USD", 100'000, 0, 0, "a")});
  const auto result = aggregate_points(*store_, catalog_, k2025);
  ASSERT_EQ(result.groups.size(), 1u);
  EXPECT_FALSE(result.groups[0].in_catalog);
  EXPECT_EQ(result.groups[0].company, "acme");
  auto update = update_bands(result, catalog_);
  ASSERT_EQ(update.groups_without_band.size(), 1u);
  EXPECT_TRUE(update.bands.empty());
  // The report names the group, so that an editor sees what the data could support.
  const auto report = format_update(update, result, catalog_.policy.aggregation);
  EXPECT_NE(
      report.find("1 group has no band in the catalog:\n  acme / juggler / Atlantis: 1 point\n"),
      std::string::npos)
      << report;
}

TEST_P(Aggregate, WritesBandsAtThePolicysPercentilesAndReportsTheChange) {
  store(bay_area());
  // Three points for London: too few, the band keeps its figures.
  store({point("2025-05-01", "google", "senior-software-engineer", "london", "GBP", 99'000, 0, 0,
               "a"),
         point("2025-05-02", "google", "senior-software-engineer", "london", "GBP", 98'000, 0, 0,
               "a"),
         point("2025-05-03", "google", "senior-software-engineer", "london", "GBP", 97'000, 0, 0,
               "a")});
  const auto* before = catalog_.find_guide("google", "senior-software-engineer");
  const auto old_sf = before->bands[0];
  const auto old_london = before->bands[2];
  ASSERT_EQ(old_sf.region, "san-francisco");
  ASSERT_EQ(old_london.region, "london");

  const auto result = aggregate_points(*store_, catalog_, k2025);
  const auto update = update_bands(result, catalog_);
  const auto& sf = catalog_.find_guide("google", "senior-software-engineer")->bands[0];
  // p25 174,375 and p75 223,125, to the nearest 1,000.
  EXPECT_EQ(sf.base, (Band{174'000, 223'000}));
  // A year of stock 50,000 + 10,000 i: p25 147,500 and p75 342,500, times 4 years.
  EXPECT_EQ(sf.stock, (Band{590'000, 1'370'000}));
  EXPECT_EQ(sf.bonus_pct, core::Percent::whole(10));
  EXPECT_EQ(sf.quality, core::DataQuality::high);  // 40 points, 2 sources, this quarter
  EXPECT_EQ(sf.quarter, (core::Quarter{2025, 4}));
  EXPECT_EQ(sf.sources, (std::vector<std::string>{"levels.fyi", "survey"}));
  const auto& london = catalog_.find_guide("google", "senior-software-engineer")->bands[2];
  EXPECT_EQ(london.base, old_london.base);
  EXPECT_EQ(london.quality, old_london.quality);

  ASSERT_EQ(update.bands.size(), 2u);
  EXPECT_EQ(update.bands[0].status, BandStatus::not_enough_data);  // london sorts first
  EXPECT_EQ(update.bands[1].status, BandStatus::changed);
  const auto report = format_update(update, result, catalog_.policy.aggregation);
  // The old SF band is $195K–$240K.
  EXPECT_NE(report.find("google / senior-software-engineer / san-francisco: 40 points, quality "
                        "high\n  base   $195K–$240K -> $174K–$223K  (low -10.8%, high -7.1%)"),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("google / senior-software-engineer / london: 3 points, fewer than 5: kept"),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("bands: 1 changed, 0 unchanged, 1 kept for lack of data"),
            std::string::npos)
      << report;

  // Written back, only that guide's file changes, and it reads back the same.
  const auto other = test::read_file(folder_ / "catalog/guides/meta/senior-software-engineer.yaml");
  const auto saved = catalog::save_catalog(catalog_, folder_ / "catalog");
  ASSERT_TRUE(saved.has_value()) << saved.error();
  EXPECT_EQ(saved->written, 1u);
  EXPECT_EQ(test::read_file(folder_ / "catalog/guides/meta/senior-software-engineer.yaml"), other);
  const auto reread = catalog::load_catalog(folder_ / "catalog");
  ASSERT_TRUE(reread.has_value()) << reread.error().to_string();
  EXPECT_EQ(reread->find_guide("google", "senior-software-engineer")->bands[0].base, sf.base);
}

TEST_P(Aggregate, DataQualityFollowsThePolicysThresholds) {
  std::vector<core::DataPoint> points;
  for (int i = 0; i < 12; ++i) {
    points.push_back(point("2025-02-01", "meta", "software-engineer", "new-york", "USD",
                           150'000 + i, 0, 0, "one source"));
  }
  store(points);
  auto result = aggregate_points(*store_, catalog_, k2025);
  update_bands(result, catalog_);
  const auto* guide = catalog_.find_guide("meta", "software-engineer");
  const auto band = std::find_if(guide->bands.begin(), guide->bands.end(),
                                 [](const auto& b) { return b.region == "new-york"; });
  EXPECT_EQ(band->quality, core::DataQuality::medium);  // 12 points: medium from 10
  catalog_.policy.aggregation.medium_points = 13;
  result = aggregate_points(*store_, catalog_, k2025);
  update_bands(result, catalog_);
  EXPECT_EQ(band->quality, core::DataQuality::low);
}

// The policy's thresholds (docs/policy.md): a band needs min_points, the 10th and
// 90th percentiles tail_points.
TEST_P(Aggregate, ABandNeedsThePolicysMinimumOfPoints) {
  const auto n = catalog_.policy.aggregation.min_points;
  ASSERT_EQ(n, 5);
  const auto london_points = [](int count, int from) {
    std::vector<core::DataPoint> points;
    for (int i = from; i < from + count; ++i) {
      points.push_back(point(fmt::format("2025-05-{:02}", 1 + i), "google",
                             "senior-software-engineer", "london", "GBP", 100'000 + 10'000 * i, 0,
                             0, "a"));
    }
    return points;
  };
  const auto london = [&]() -> const catalog::RegionBand& {
    return catalog_.find_guide("google", "senior-software-engineer")->bands[2];
  };
  const auto old_london = london();
  ASSERT_EQ(old_london.region, "london");

  store(london_points(n - 1, 0));
  auto result = aggregate_points(*store_, catalog_, k2025);
  auto update = update_bands(result, catalog_);
  ASSERT_EQ(update.bands.size(), 1u);
  EXPECT_EQ(update.bands[0].status, BandStatus::not_enough_data);
  EXPECT_EQ(london().base, old_london.base);
  EXPECT_EQ(london().stock, old_london.stock);
  EXPECT_FALSE(london().points.has_value());
  EXPECT_EQ(london().quality, core::DataQuality::illustrative);
  auto report = format_update(update, result, catalog_.policy.aggregation);
  EXPECT_NE(report.find("london: 4 points, fewer than 5: kept\n  base   £98K–£120K (unchanged)\n"),
            std::string::npos)
      << report;

  store(london_points(1, n - 1));
  result = aggregate_points(*store_, catalog_, k2025);
  update = update_bands(result, catalog_);
  ASSERT_EQ(update.bands.size(), 1u);
  EXPECT_EQ(update.bands[0].status, BandStatus::changed);
  // Bases 100,000 to 140,000: p25 110,000 and p75 130,000.
  EXPECT_EQ(london().base, (Band{110'000, 130'000}));
  EXPECT_EQ(london().points, n);
  EXPECT_EQ(london().quality, core::DataQuality::low);

  // One of its points gone (a submission withdrawn): the band made from data
  // records n - 1, which the site withholds, and keeps its figures in the file.
  result.groups[0].points = static_cast<std::size_t>(n - 1);
  update = update_bands(result, catalog_);
  EXPECT_EQ(update.bands[0].status, BandStatus::not_enough_data);
  EXPECT_EQ(london().points, n - 1);
  EXPECT_EQ(london().base, (Band{110'000, 130'000}));
}

TEST_P(Aggregate, TheTenthAndNinetiethPercentilesNeedTheHigherMinimum) {
  const auto tail = catalog_.policy.aggregation.tail_points;
  ASSERT_EQ(tail, 10);
  std::vector<core::DataPoint> points;
  std::vector<std::int64_t> bases;
  for (int i = 0; i < tail; ++i) {
    bases.push_back(100'000 + 3'000 * i);
    points.push_back(point("2025-02-01", "meta", "software-engineer", "new-york", "USD",
                           bases.back(), 1'000 * i, 0, "a"));
  }
  store({points.begin(), points.end() - 1});
  auto result = aggregate_points(*store_, catalog_, k2025);
  ASSERT_EQ(result.groups.size(), 1u);
  auto group = result.groups[0];
  EXPECT_EQ(group.points, static_cast<std::size_t>(tail - 1));
  for (const auto* figures : {&group.base, &group.stock_per_year, &group.total}) {
    EXPECT_FALSE(figures->p10.has_value());
    EXPECT_FALSE(figures->p90.has_value());
  }
  EXPECT_EQ(group.base.p50, 112'000);  // the quartiles and the median are there

  store({points.back()});
  result = aggregate_points(*store_, catalog_, k2025);
  group = result.groups[0];
  EXPECT_EQ(group.points, static_cast<std::size_t>(tail));
  EXPECT_EQ(group.base.p10, expected_percentile(bases, 0.10L));
  EXPECT_EQ(group.base.p90, expected_percentile(bases, 0.90L));
  EXPECT_EQ(group.base.p90, 124'300);  // 100,000 + 0.9 x 9 x 3,000
  EXPECT_TRUE(group.total.p10.has_value());
}

// Source "a" has 30 of 42 points; b, c and d have 4 each. At most 25% each: a
// keeps 4 (4 of 16), at the midpoints of 4 equal slices of its 30 ranks: ranks 3,
// 11, 18 and 26, whatever order the store returns them in.
TEST_P(Aggregate, ADominantSourceIsCappedToThePolicysShare) {
  catalog_.policy.aggregation.max_source_share = core::Percent::whole(25);
  std::vector<core::DataPoint> points;
  for (int i = 0; i < 30; ++i) {
    const int rank = (i * 7) % 30;  // stored out of order
    points.push_back(point(fmt::format("2025-03-{:02}", 1 + i % 28), "meta", "software-engineer",
                           "new-york", "USD", 100'000 + 1'000 * rank, 0, 0, "a"));
  }
  std::vector<std::int64_t> kept = {103'000, 111'000, 118'000, 126'000};
  for (const std::string source : {"b", "c", "d"}) {
    for (int i = 0; i < 4; ++i) {
      const std::int64_t base = 110'000 + 2'000 * i + (source == "c" ? 500 : 0);
      kept.push_back(base);
      points.push_back(
          point("2025-06-01", "meta", "software-engineer", "new-york", "USD", base, 0, 0, source));
    }
  }
  store(points);
  const auto result = aggregate_points(*store_, catalog_, k2025);
  ASSERT_EQ(result.groups.size(), 1u);
  const auto& group = result.groups[0];
  EXPECT_EQ(group.trimmed, 0u);
  EXPECT_EQ(group.points, 16u);
  EXPECT_EQ(group.capped, (std::vector<GroupStats::CappedSource>{{"a", 30, 4}}));
  EXPECT_EQ(group.base.p10, expected_percentile(kept, 0.10L));
  EXPECT_EQ(group.base.p25, expected_percentile(kept, 0.25L));
  EXPECT_EQ(group.base.p50, expected_percentile(kept, 0.50L));
  EXPECT_EQ(group.base.p75, expected_percentile(kept, 0.75L));
  EXPECT_EQ(group.base.p90, expected_percentile(kept, 0.90L));
  EXPECT_EQ(group.sources, (std::vector<std::string>{"a", "b", "c", "d"}));

  const auto update = update_bands(result, catalog_);
  ASSERT_EQ(update.bands.size(), 1u);
  EXPECT_EQ(update.bands[0].status, BandStatus::changed);
  const auto report = format_update(update, result, catalog_.policy.aggregation);
  EXPECT_NE(report.find("new-york: 16 points, quality medium\n"), std::string::npos) << report;
  EXPECT_NE(report.find("  capped a: 4 of its 30 points used (at most 25% of a band)\n"),
            std::string::npos)
      << report;
}

// Approved submissions are people's own reports, each a source of its own for the
// cap: five of them make a band at a 25% share, beside a provider that is capped,
// and they are listed as one source.
TEST_P(Aggregate, EachSubmissionIsASourceOfItsOwnForTheCap) {
  catalog_.policy.aggregation.max_source_share = core::Percent::whole(25);
  std::vector<core::DataPoint> points;
  std::vector<std::int64_t> bases;
  for (int i = 0; i < 5; ++i) {
    bases.push_back(150'000 + 500 * i);
    points.push_back(point("2025-02-01", "meta", "software-engineer", "new-york", "USD",
                           bases.back(), 0, 0, std::string(store::kSubmissionSource)));
  }
  for (int i = 0; i < 6; ++i) {
    points.push_back(point("2025-03-01", "meta", "software-engineer", "new-york", "USD",
                           150'200 + 300 * i, 0, 0, "provider"));
  }
  store(points);
  const auto result = aggregate_points(*store_, catalog_, k2025);
  ASSERT_EQ(result.groups.size(), 1u);
  const auto& group = result.groups[0];
  // The cap is the largest L with L <= 25% of (5 + min(6, L)): L = 1, so the
  // provider keeps 1 of its 6. As one source, the submissions would be capped to
  // nothing with it (no L above 0 fits two sources).
  EXPECT_EQ(group.capped, (std::vector<GroupStats::CappedSource>{{"provider", 6, 1}}));
  EXPECT_EQ(group.trimmed, 0u);
  EXPECT_EQ(group.points, 6u);
  EXPECT_EQ(group.sources,
            (std::vector<std::string>{std::string(store::kSubmissionSource), "provider"}));
}

// One source alone can never be at most 25% of a band: no band, and the report
// says why.
TEST_P(Aggregate, ASingleSourceUnderAQuarterShareMakesNoBand) {
  catalog_.policy.aggregation.max_source_share = core::Percent::whole(25);
  std::vector<core::DataPoint> points;
  for (int i = 0; i < 12; ++i) {
    points.push_back(point("2025-02-01", "meta", "software-engineer", "new-york", "USD",
                           150'000 + i, 0, 0, "one source"));
  }
  store(points);
  const auto* guide = catalog_.find_guide("meta", "software-engineer");
  const auto band = std::find_if(guide->bands.begin(), guide->bands.end(),
                                 [](const auto& b) { return b.region == "new-york"; });
  const auto old_base = band->base;
  const auto result = aggregate_points(*store_, catalog_, k2025);
  ASSERT_EQ(result.groups.size(), 1u);
  EXPECT_EQ(result.groups[0].points, 0u);
  const auto update = update_bands(result, catalog_);
  ASSERT_EQ(update.bands.size(), 1u);
  EXPECT_EQ(update.bands[0].status, BandStatus::not_enough_data);
  EXPECT_EQ(band->base, old_base);
  const auto report = format_update(update, result, catalog_.policy.aggregation);
  EXPECT_NE(report.find("new-york: 0 points, fewer than 5: kept\n"), std::string::npos) << report;
  EXPECT_NE(report.find("  capped one source: 0 of its 12 points used (at most 25% of a band)\n"),
            std::string::npos)
      << report;
}

TEST(SourceCap, IsTheLargestCapThatKeepsEverySourceWithinTheShare) {
  const auto cap = [](std::vector<std::size_t> counts, int percent) {
    return source_cap(counts, core::Percent::whole(percent));
  };
  EXPECT_EQ(cap({30, 4, 4, 4}, 25), 4u);          // 4 of 16
  EXPECT_EQ(cap({40, 20, 20, 20, 20}, 25), 26u);  // 26 of 106 is 24.5%; 27 of 107 is 25.2%
  EXPECT_EQ(cap({50, 50, 5, 5}, 25), 5u);         // both large sources capped
  EXPECT_EQ(cap({10, 10, 10, 10}, 25), 10u);      // exactly a quarter each: nothing capped
  EXPECT_EQ(cap({12}, 25), 0u);                   // one source can never be a quarter
  EXPECT_EQ(cap({12}, 100), 12u);
  EXPECT_EQ(cap({7, 3}, 70), 7u);
  EXPECT_EQ(cap({8, 3}, 70), 7u);  // 7 of 10
  EXPECT_EQ(cap({}, 25), 0u);
}

TEST(SourceCap, KeepsEvenlySpreadRanks) {
  std::vector<std::size_t> ranks;
  for (std::size_t i = 0; i < 4; ++i) ranks.push_back(kept_rank(i, 4, 30));
  EXPECT_EQ(ranks, (std::vector<std::size_t>{3, 11, 18, 26}));
  EXPECT_EQ(kept_rank(0, 1, 5), 2u);  // the median rank
  EXPECT_EQ(kept_rank(4, 5, 5), 4u);  // keeping all keeps each
}

NEGOTIATEUP_INSTANTIATE_BACKENDS(Aggregate);

}  // namespace
}  // namespace negotiateup::aggregate
