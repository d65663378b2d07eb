// Market reference bands (docs/aggregate.md, "Market reference bands"): what
// employers across the market pay a role in a region, from the points stored
// under the company `market`; kept in the catalog's market.yaml, shown by every
// guide beside the company's band, and used by the offer evaluator.
#include "aggregate/market_bands.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>

#include "aggregate/aggregate.hpp"
#include "aggregate/band_update.hpp"
#include "catalog/catalog_files.hpp"
#include "catalog/lookup.hpp"
#include "catalog/thin_bands.hpp"
#include "ingest/ingest.hpp"
#include "ingest/profile.hpp"
#include "ingest/records.hpp"
#include "offer/evaluation.hpp"
#include "offer/offer_report.hpp"
#include "render/guide_model.hpp"
#include "render/guide_renderer.hpp"
#include "render/template_set.hpp"
#include "store_backends.hpp"
#include "test_support.hpp"

namespace negotiateup::aggregate {
namespace {

namespace fs = std::filesystem;
using core::Band;
using nlohmann::json;

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

std::int64_t to_thousand(std::int64_t amount) {
  return core::round_to_step(amount, 1000, core::Rounding::half_away_from_zero);
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

// The market-wide points of senior software engineers in London: base 60,000 +
// 5,000 i, from 2024 on.
std::vector<core::DataPoint> london_market(int count, int from = 0, std::string source = "a") {
  std::vector<core::DataPoint> points;
  for (int i = from; i < from + count; ++i) {
    points.push_back(point(fmt::format("{}-07-01", 2024 + i % 2), "market",
                           "senior-software-engineer", "london", "GBP", 60'000 + 5'000 * i, 0, 0,
                           source));
  }
  return points;
}

const Window kTwoYears{{2025, 4}, 8};

// On each backend: a fresh store and a copy of the demo catalog without its
// market bands.
class MarketBands : public test::StoreBackendTest {
 protected:
  void SetUp() override {
    test::StoreBackendTest::SetUp();
    folder_ = folder();
    fs::copy(test::repository() / "catalog", folder_ / "catalog", fs::copy_options::recursive);
    fs::remove(folder_ / "catalog" / "market.yaml");
    store_ = open_store();
    auto catalog = catalog::load_catalog(folder_ / "catalog");
    ASSERT_TRUE(catalog.has_value()) << catalog.error().to_string();
    catalog_ = std::move(*catalog);
    ASSERT_TRUE(catalog_.market.bands.empty());
  }

  void store(const std::vector<core::DataPoint>& points) {
    auto batch = store_->begin(0);
    for (const auto& p : points) {
      ASSERT_TRUE(batch->add(p, test::hash_of("h" + std::to_string(next_hash_++))).has_value());
    }
    batch->commit();
  }

  const catalog::MarketBand* market_band(std::string_view role, std::string_view region) const {
    const auto& bands = catalog_.market.bands;
    const auto found = std::find_if(bands.begin(), bands.end(), [&](const auto& b) {
      return b.role == role && b.region == region;
    });
    return found == bands.end() ? nullptr : &*found;
  }

  fs::path folder_;
  std::unique_ptr<store::Store> store_;
  catalog::Catalog catalog_;
  int next_hash_ = 0;
};

TEST_P(MarketBands, NeedThePolicysMinimumOfPoints) {
  const auto n = catalog_.policy.aggregation.min_points;
  ASSERT_EQ(n, 5);
  store(london_market(n - 1));
  auto result = aggregate_points(*store_, catalog_, kTwoYears);
  auto update = update_bands(result, catalog_);
  ASSERT_EQ(update.market.size(), 1u);
  EXPECT_EQ(update.market[0].status, MarketBandStatus::not_enough_data);
  EXPECT_EQ(update.market[0].points, static_cast<std::size_t>(n - 1));
  EXPECT_EQ(market_band("senior-software-engineer", "london"), nullptr);
  EXPECT_TRUE(update.groups_without_band.empty());  // market points are not "unplaced"
  auto report = format_update(update, result, catalog_.policy.aggregation);
  EXPECT_NE(report.find("market / senior-software-engineer / london: 4 points, fewer than 5: "
                        "no band\n"),
            std::string::npos)
      << report;

  store(london_market(1, n - 1));
  result = aggregate_points(*store_, catalog_, kTwoYears);
  update = update_bands(result, catalog_);
  ASSERT_EQ(update.market.size(), 1u);
  EXPECT_EQ(update.market[0].status, MarketBandStatus::added);
  const auto* band = market_band("senior-software-engineer", "london");
  ASSERT_NE(band, nullptr);
  // Bases 60,000 to 80,000: p25 65,000 and p75 75,000.
  EXPECT_EQ(band->base, (Band{65'000, 75'000}));
  EXPECT_FALSE(band->total.has_value());  // no point reports stock or a bonus
  EXPECT_EQ(band->points, n);
  EXPECT_EQ(band->currency.code(), "GBP");
  EXPECT_EQ(band->first_year, 2024);
  EXPECT_EQ(band->last_year, 2025);
  EXPECT_EQ(band->sources, (std::vector<std::string>{"a"}));
  EXPECT_EQ(band->quarter, (core::Quarter{2025, 3}));
  report = format_update(update, result, catalog_.policy.aggregation);
  EXPECT_NE(report.find("market / senior-software-engineer / london: 5 points\n"
                        "  base   none -> £65K–£75K\n"),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("market bands: 1 added or changed, 0 unchanged, 0 without enough data\n"),
            std::string::npos)
      << report;

  // Below the minimum again: the band made before keeps its figures and records
  // its smaller count, so that the site withholds it.
  catalog_.policy.aggregation.min_points = n + 1;
  catalog_.policy.aggregation.tail_points = n + 1;
  result = aggregate_points(*store_, catalog_, kTwoYears);
  update = update_bands(result, catalog_);
  EXPECT_EQ(update.market[0].status, MarketBandStatus::not_enough_data);
  ASSERT_NE(market_band("senior-software-engineer", "london"), nullptr);
  EXPECT_EQ(market_band("senior-software-engineer", "london")->base, (Band{65'000, 75'000}));
  EXPECT_EQ(market_band("senior-software-engineer", "london")->points, n);
  report = format_update(update, result, catalog_.policy.aggregation);
  EXPECT_NE(report.find("london: 5 points, fewer than 6: kept\n"), std::string::npos) << report;
  catalog::withhold_thin_bands(catalog_);
  EXPECT_EQ(market_band("senior-software-engineer", "london"), nullptr);
}

TEST_P(MarketBands, AreCompanyIndependentAndConvertedAndHaveATotalWhenPointsReportOne) {
  std::vector<core::DataPoint> points;
  std::vector<std::int64_t> bases, totals;
  for (int i = 0; i < 12; ++i) {
    const std::int64_t base = 70'000 + 3'000 * i;
    const std::int64_t stock = i % 3 == 0 ? 9'000 : 0;
    const std::int64_t bonus = 1'000 * i;
    points.push_back(point("2024-03-01", "market", "Senior Software Engineer", "Berlin", "EUR",
                           base, stock, bonus, i < 6 ? "aijobs.net" : "survey"));
    bases.push_back(base);
    totals.push_back(base + stock + bonus);
  }
  // A catalog company's point is the company's, not the market's; a market point
  // in a region the catalog lacks makes no market band.
  points.push_back(
      point("2024-03-01", "google", "senior-software-engineer", "berlin", "EUR", 1, 0, 0, "x"));
  points.push_back(
      point("2024-03-01", "market", "senior-software-engineer", "US", "USD", 1, 0, 0, "x"));
  store(points);
  const auto result = aggregate_points(*store_, catalog_, kTwoYears);
  const auto update = update_bands(result, catalog_);
  ASSERT_EQ(update.market.size(), 1u);
  ASSERT_EQ(catalog_.market.bands.size(), 1u);
  const auto& band = catalog_.market.bands[0];
  EXPECT_EQ(band.role, "senior-software-engineer");
  EXPECT_EQ(band.region, "berlin");
  EXPECT_EQ(band.base, (Band{to_thousand(expected_percentile(bases, 0.25L)),
                             to_thousand(expected_percentile(bases, 0.75L))}));
  EXPECT_EQ(band.total, (Band{to_thousand(expected_percentile(totals, 0.25L)),
                              to_thousand(expected_percentile(totals, 0.75L))}));
  EXPECT_EQ(band.points, 12);
  EXPECT_EQ(band.first_year, 2024);
  EXPECT_EQ(band.last_year, 2024);
  EXPECT_EQ(band.sources, (std::vector<std::string>{"aijobs.net", "survey"}));
  // The US market group is reported as data the catalog has no place for.
  ASSERT_EQ(update.groups_without_band.size(), 1u);
  EXPECT_EQ(update.groups_without_band[0].region, "US");
}

TEST_P(MarketBands, ADominantSourceIsCappedToThePolicysShare) {
  catalog_.policy.aggregation.max_source_share = core::Percent::whole(25);
  auto points = london_market(30, 0, "a");
  std::vector<std::int64_t> kept = {65'000, 105'000, 140'000, 180'000};  // ranks 1, 9, 16, 24
  for (const std::string source : {"b", "c", "d"}) {
    for (int i = 0; i < 4; ++i) {
      const std::int64_t base = 100'000 + 2'000 * i + (source == "c" ? 500 : 0);
      kept.push_back(base);
      points.push_back(point("2025-06-01", "market", "senior-software-engineer", "london", "GBP",
                             base, 0, 0, source));
    }
  }
  store(points);
  const auto result = aggregate_points(*store_, catalog_, kTwoYears);
  const auto update = update_bands(result, catalog_);
  ASSERT_EQ(update.market.size(), 1u);
  EXPECT_EQ(update.market[0].capped, (std::vector<GroupStats::CappedSource>{{"a", 30, 4}}));
  const auto* band = market_band("senior-software-engineer", "london");
  ASSERT_NE(band, nullptr);
  EXPECT_EQ(band->points, 16);
  EXPECT_EQ(band->base, (Band{to_thousand(expected_percentile(kept, 0.25L)),
                              to_thousand(expected_percentile(kept, 0.75L))}));
  const auto report = format_update(update, result, catalog_.policy.aggregation);
  EXPECT_NE(report.find("  capped a: 4 of its 30 points used (at most 25% of a band)\n"),
            std::string::npos)
      << report;
}

TEST_P(MarketBands, AreWrittenToMarketYamlAndReadBack) {
  store(london_market(6));
  const auto result = aggregate_points(*store_, catalog_, kTwoYears);
  update_bands(result, catalog_);
  ASSERT_TRUE(catalog::save_catalog(catalog_, folder_ / "catalog").has_value());
  const auto text = test::read_file(folder_ / "catalog" / "market.yaml");
  EXPECT_NE(text.find("bands:\n  - role: senior-software-engineer\n    region: london\n"
                      "    currency: GBP\n    base: [66000, 79000]\n    total: null\n"
                      "    points: 6\n    years: [2024, 2025]\n    sources: [a]\n"
                      "    quarter: 2025-Q3\n"),
            std::string::npos)
      << text;
  const auto again = catalog::load_catalog(folder_ / "catalog");
  ASSERT_TRUE(again.has_value()) << again.error().to_string();
  ASSERT_EQ(again->market.bands.size(), 1u);
  const catalog::Lookup lookup(*again);
  const auto* band = lookup.market_band("senior-software-engineer", "london");
  ASSERT_NE(band, nullptr);
  EXPECT_EQ(band->base, (Band{66'000, 79'000}));
  EXPECT_EQ(band->points, 6);
  EXPECT_EQ(band->source.line, 4u);
  EXPECT_EQ(lookup.market_band("senior-software-engineer", "paris"), nullptr);
}

NEGOTIATEUP_INSTANTIATE_BACKENDS(MarketBands);

// A market.yaml that is wrong is refused at its line, saying what was expected.
TEST(MarketYaml, BadBandsAreRefusedWhereTheyAre) {
  const auto folder = test::fresh_folder("market-yaml");
  fs::copy(test::repository() / "catalog", folder, fs::copy_options::recursive);
  const auto band = [](std::string region, std::string currency, std::string extra = "") {
    return "  - role: senior-software-engineer\n    region: " + region +
           "\n    currency: " + currency + "\n    base: [60000, 80000]\n    points: 12\n" +
           "    years: [2024, 2024]\n" + extra;
  };
  const std::vector<std::pair<std::string, std::string>> cases{
      {band("atlantis", "EUR"), ":2: unknown region 'atlantis'; expected a file regions/atlantis"},
      {band("paris", "GBP"),
       ":2: market band in GBP for region 'paris'; expected its currency, EUR"},
      {band("paris", "EUR") + band("paris", "EUR"),
       ":8: second market band for role 'senior-software-engineer' in 'paris'"},
      {band("paris", "EUR", "    colour: red\n"), ":8: unknown key 'colour'"},
      {"  - role: senior-software-engineer\n    region: paris\n    currency: EUR\n"
       "    base: [60000, 80000]\n    points: 12\n    years: [2025, 2024]\n",
       ":2: expected years as [first, last], first <= last"},
      {"  - role: senior-software-engineer\n    region: paris\n    currency: EUR\n"
       "    points: 12\n    years: [2024, 2024]\n",
       ":2: missing required key 'base'"},
  };
  for (const auto& [bands, expected] : cases) {
    test::write_file(folder / "market.yaml", "bands:\n" + bands);
    const auto loaded = catalog::load_catalog(folder);
    ASSERT_FALSE(loaded.has_value()) << bands;
    EXPECT_NE(loaded.error().to_string().find("market.yaml" + expected), std::string::npos)
        << loaded.error().to_string();
  }
  fs::remove_all(folder);
}

// A market band that records fewer points than the policy allows is not shown.
TEST(MarketYaml, ABandFromTooFewPointsIsWithheld) {
  auto catalog = catalog::load_catalog(test::repository() / "catalog");
  ASSERT_TRUE(catalog.has_value()) << catalog.error().to_string();
  ASSERT_FALSE(catalog->market.bands.empty());
  const auto count = catalog->market.bands.size();
  catalog->market.bands[0].points = catalog->policy.aggregation.min_points - 1;
  catalog->market.bands[1].points = catalog->policy.aggregation.min_points;
  catalog::withhold_thin_bands(*catalog);
  EXPECT_EQ(catalog->market.bands.size(), count - 1);
}

// ---------------------------------------------------------------------------
// Guides and the offer evaluator, over the demo catalog and its market.yaml.

struct Rendered {
  std::string markdown;
  json derived;
};

Rendered render(const catalog::Catalog& catalog, std::string_view company, std::string_view role) {
  const catalog::Lookup lookup(catalog);
  const auto templates = render::TemplateSet::load(test::repository() / "templates");
  EXPECT_TRUE(templates.has_value());
  const auto* entry = lookup.guide(company, role);
  const auto model =
      render::build_guide_model(lookup, *entry, core::Date{std::chrono::year{2026} / 11 / 22});
  const auto guide = render::render_guide(model, *templates, catalog.policy);
  return {guide.markdown, json::parse(guide.json)["derived"]};
}

TEST(MarketBandsInGuides, EachRegionWithOneShowsItBesideTheCompanysBand) {
  auto catalog = catalog::load_catalog(test::repository() / "catalog");
  ASSERT_TRUE(catalog.has_value()) << catalog.error().to_string();
  const catalog::Lookup lookup(*catalog);
  const auto* london = lookup.market_band("senior-software-engineer", "london");
  ASSERT_NE(london, nullptr);
  const auto guide = render(*catalog, "datadog", "senior-software-engineer");
  const auto line = fmt::format(
      "- Market, all employers, London: aijobs.net 2024, n = {}: {} base\n", london->points,
      core::format_compact_range({london->base.low, london->currency},
                                 {london->base.high, london->currency}));
  EXPECT_NE(guide.markdown.find(line), std::string::npos) << guide.markdown;
  // One line per region that has a market band, and the same bands in the JSON.
  std::size_t lines = 0;
  for (auto at = guide.markdown.find("Market, all employers"); at != std::string::npos;
       at = guide.markdown.find("Market, all employers", at + 1))
    ++lines;
  const auto& market = guide.derived["market_bands"];
  ASSERT_EQ(market.size(), lines);
  const auto in_json = std::find_if(market.begin(), market.end(),
                                    [](const json& b) { return b["region"] == "London"; });
  ASSERT_NE(in_json, market.end());
  EXPECT_EQ((*in_json)["base"], json::array({london->base.low, london->base.high}));
  EXPECT_EQ((*in_json)["points"], london->points);
  EXPECT_EQ((*in_json)["sources"], json::array({"aijobs.net"}));
  EXPECT_TRUE((*in_json)["total"].is_null());

  // Without market bands, nothing is shown.
  catalog->market.bands.clear();
  const auto without = render(*catalog, "datadog", "senior-software-engineer");
  EXPECT_EQ(without.markdown.find("Market, all employers"), std::string::npos);
  EXPECT_TRUE(without.derived["market_bands"].empty());
}

offer::OfferRequest datadog_london(std::string region) {
  auto request = offer::parse_offer_request(
      R"({"company": "datadog", "role": "senior-software-engineer", "region": ")" + region +
          R"(", "offer": {"currency": "GBP", "base": 100000, "bonus_pct": 10,
          "equity": {"type": "public-rsu", "grant_value": 120000}}})",
      "offer.json");
  EXPECT_TRUE(request.has_value());
  return *request;
}

TEST(MarketBandsInOffers, TheEvaluatorSaysWhereTheOfferSitsAgainstTheMarket) {
  auto catalog = catalog::load_catalog(test::repository() / "catalog");
  ASSERT_TRUE(catalog.has_value()) << catalog.error().to_string();
  const auto* band = catalog::Lookup(*catalog).market_band("senior-software-engineer", "london");
  ASSERT_NE(band, nullptr);
  offer::SimulationSettings settings;
  settings.paths = 100;
  const auto e = offer::evaluate_offer(datadog_london("London"), *catalog, settings, "offer.json");
  ASSERT_TRUE(e.has_value()) << e.error().message;
  ASSERT_TRUE(e->market.has_value());
  const auto& m = *e->market;
  EXPECT_EQ(m.band.base, band->base);
  const double expected_position = 100.0 * static_cast<double>(100'000 - band->base.low) /
                                   static_cast<double>(band->base.high - band->base.low);
  if (100'000 > band->base.high) {
    EXPECT_EQ(m.base_outside, 100'000 - band->base.high);
  } else {
    EXPECT_EQ(m.base_outside, 0);
    EXPECT_DOUBLE_EQ(*m.base_position, expected_position);
  }
  EXPECT_EQ(m.yearly_total, 100'000 + 10'000 + 30'000);
  const auto report = json::parse(offer::evaluation_json(*e));
  EXPECT_EQ(report["market"]["band"]["base"], json::array({band->base.low, band->base.high}));
  EXPECT_EQ(report["market"]["base_position"],
            offer::position_wording(m.base_position, m.base_outside, e->currency));
  EXPECT_TRUE(report["market"]["total_position"].is_null());
  const auto text = offer::evaluation_text(*e);
  EXPECT_NE(text.find("  market, all employers (aijobs.net 2024, n = " +
                      std::to_string(band->points) + "): base "),
            std::string::npos)
      << text;

  // New York has no market band: nothing is said.
  auto request = datadog_london("New York");
  request.terms.currency = *core::Currency::from_code("USD");
  const auto other = offer::evaluate_offer(request, *catalog, settings, "offer.json");
  ASSERT_TRUE(other.has_value()) << other.error().message;
  EXPECT_FALSE(other->market.has_value());
  EXPECT_TRUE(json::parse(offer::evaluation_json(*other))["market"].is_null());
  EXPECT_EQ(offer::evaluation_text(*other).find("market, all employers"), std::string::npos);
}

// ---------------------------------------------------------------------------
// The real aijobs.net file, ingested through its profile into each backend and
// aggregated: the market band's figures are the percentiles the database itself
// computes over the stored points (PostgreSQL's percentile_cont; on SQLite, which
// has none, the same interpolation written in SQL).

class RealAijobs : public test::StoreBackendTest {
 protected:
  // The value at `q` of the stored bases of market points of `role` in `region`
  // in 2024 and 2025, computed by the database.
  double database_percentile(const std::string& role, const std::string& region, double q) {
    const auto where = fmt::format(
        "company = 'market' AND role = '{}' AND region = '{}' AND base > 0 AND date BETWEEN "
        "'2024-01-01' AND '2025-12-31'",
        role, region);
    if (backend() == "sqlite") {
      const auto sql = fmt::format(
          "WITH v AS (SELECT base, row_number() OVER (ORDER BY base) AS r, count(*) OVER () AS n "
          "FROM data_points WHERE {}), p AS (SELECT (n - 1) * {} AS pos, n FROM v LIMIT 1) "
          "SELECT lo.base + (p.pos - (lo.r - 1)) * (hi.base - lo.base) FROM p, v lo, v hi "
          "WHERE lo.r = CAST(p.pos AS INTEGER) + 1 AND hi.r = MIN(CAST(p.pos AS INTEGER) + 2, p.n)",
          where, q);
      return sqlite_value(sql);
    }
#if NEGOTIATEUP_WITH_POSTGRES
    const auto value = test::postgres_exec(
        url(), fmt::format("SELECT percentile_cont({}) WITHIN GROUP (ORDER BY base) FROM "
                           "data_points WHERE {}",
                           q, where));
    if (!value) throw std::runtime_error(value.error());
    return std::stod(*value);
#else
    throw std::logic_error("no PostgreSQL in this build");
#endif
  }

  // How many of those points are in another currency than `currency`.
  double database_count(const std::string& role, const std::string& region,
                        const std::string& currency) {
    const auto sql = fmt::format(
        "SELECT count(*) FROM data_points WHERE company = 'market' AND role = '{}' AND region = "
        "'{}' AND date BETWEEN '2024-01-01' AND '2025-12-31'{}",
        role, region, currency.empty() ? "" : " AND currency <> '" + currency + "'");
    if (backend() == "sqlite") return sqlite_value(sql);
#if NEGOTIATEUP_WITH_POSTGRES
    const auto value = test::postgres_exec(url(), sql);
    if (!value) throw std::runtime_error(value.error());
    return std::stod(*value);
#else
    throw std::logic_error("no PostgreSQL in this build");
#endif
  }

 private:
  double sqlite_value(const std::string& sql) {
    sqlite3* raw = nullptr;
    const auto path = url().substr(std::string_view("sqlite:").size());
    if (sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      sqlite3_close(raw);
      throw std::runtime_error("cannot open " + path);
    }
    const std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, &sqlite3_close);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sql + ": " + sqlite3_errmsg(db.get()));
    }
    const std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> owned(statement,
                                                                           &sqlite3_finalize);
    if (sqlite3_step(statement) != SQLITE_ROW) throw std::runtime_error(sql + ": no row");
    return sqlite3_column_double(statement, 0);
  }
};

TEST_P(RealAijobs, MarketBandsAreThePercentilesTheDatabaseComputes) {
  const auto data = test::shared_dir() / "data" / "ai-jobs-net-salaries" / "salaries.csv";
  const auto& here = folder();
  fs::copy(test::repository() / "catalog", here / "catalog", fs::copy_options::recursive);
  fs::remove(here / "catalog" / "market.yaml");
  auto catalog = catalog::load_catalog(here / "catalog");
  ASSERT_TRUE(catalog.has_value()) << catalog.error().to_string();
  {
    auto store = open_store();
    auto profile = ingest::find_profile("aijobs", test::repository() / "profiles");
    ASSERT_TRUE(profile.has_value()) << profile.error().to_string();
    auto mapper = ingest::make_row_mapper(*profile, *catalog);
    ASSERT_TRUE(mapper.has_value()) << mapper.error().to_string();
    ingest::IngestOptions options;
    options.mapper = mapper->get();
    options.rejects = here / "rejects.csv";
    const auto summary = ingest::ingest_file(data, *store, options);
    ASSERT_TRUE(summary.has_value()) << summary.error().to_string();
    EXPECT_EQ(summary->stored, 14'751u);
  }
  auto store = open_store();
  const auto result = aggregate_points(*store, *catalog, kTwoYears);
  update_bands(result, *catalog);
  const catalog::Lookup lookup(*catalog);

  // Engineering managers in Britain (7 points) and staff engineers anywhere remote
  // (12, enough for the 10th and 90th percentiles): all stored in the region's
  // currency, so that the database's figures need no conversion.
  for (const auto& [role, region, currency] :
       {std::tuple{"engineering-manager", "london", "GBP"},
        std::tuple{"staff-software-engineer", "remote-global", "USD"}}) {
    SCOPED_TRACE(std::string(role) + " / " + region);
    ASSERT_EQ(database_count(role, region, currency), 0) << "points in another currency";
    const auto stored = static_cast<std::int64_t>(database_count(role, region, ""));
    const auto group = std::find_if(result.groups.begin(), result.groups.end(), [&](const auto& g) {
      return g.market_wide && g.role == role && g.region == region;
    });
    ASSERT_NE(group, result.groups.end());
    ASSERT_EQ(group->trimmed, 0u);  // the fence kept every point: the same set as the SQL's
    ASSERT_EQ(static_cast<std::int64_t>(group->points), stored);
    const auto at = [&](double q) { return std::llround(database_percentile(role, region, q)); };
    EXPECT_EQ(group->base.p25, at(0.25));
    EXPECT_EQ(group->base.p50, at(0.50));
    EXPECT_EQ(group->base.p75, at(0.75));
    if (stored >= catalog->policy.aggregation.tail_points) {
      EXPECT_EQ(group->base.p10, at(0.10));
      EXPECT_EQ(group->base.p90, at(0.90));
    } else {
      EXPECT_FALSE(group->base.p10.has_value());
    }
    const auto* band = lookup.market_band(role, region);
    ASSERT_NE(band, nullptr);
    EXPECT_EQ(band->points, stored);
    EXPECT_EQ(band->base, (Band{to_thousand(at(0.25)), to_thousand(at(0.75))}));
    EXPECT_EQ(band->sources, (std::vector<std::string>{"aijobs.net"}));
    EXPECT_EQ(band->first_year, 2024);
  }

  // The demo catalog's market.yaml is this aggregate's output (docs/aggregate.md).
  ASSERT_TRUE(catalog::save_catalog(*catalog, here / "catalog").has_value());
  EXPECT_EQ(test::read_file(here / "catalog" / "market.yaml"),
            test::read_file(test::repository() / "catalog" / "market.yaml"));
}

NEGOTIATEUP_INSTANTIATE_BACKENDS(RealAijobs);

}  // namespace
}  // namespace negotiateup::aggregate
