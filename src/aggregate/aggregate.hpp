#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "core/band.hpp"
#include "core/currency.hpp"
#include "core/date.hpp"
#include "core/parallel.hpp"
#include "core/percent.hpp"
#include "store/store.hpp"

namespace negotiateup::aggregate {

// The quarters whose data points make a band: `quarters` of them, ending with
// `last` (2025-Q1 to 2025-Q4 for last 2025-Q4 and 4 quarters).
struct Window {
  core::Quarter last;
  int quarters = 4;

  core::Date first_day() const;
  core::Date last_day() const;
};

// Market-wide points' company (store.hpp); its groups make the market reference
// bands (market_bands.hpp).
using store::kMarketCompany;

// PostgreSQL's percentile_cont at 10, 25, 50, 75 and 90 percent. The 10th and
// 90th exist only for a group of at least the policy's tail_points.
struct Percentiles {
  std::optional<std::int64_t> p10;
  std::int64_t p25 = 0;
  std::int64_t p50 = 0;
  std::int64_t p75 = 0;
  std::optional<std::int64_t> p90;

  friend bool operator==(const Percentiles&, const Percentiles&) = default;
};

// What the data of one company x role x region says, in the region's currency
// (yearly figures; the catalog's stock band is the grant over the vesting years).
struct GroupStats {
  // Catalog slugs when the catalog knows all three, otherwise as stored.
  std::string company;
  std::string role;
  std::string region;
  bool in_catalog = false;
  // Market-wide points (kMarketCompany, which the catalog does not know) of a
  // catalog role in a catalog region.
  bool market_wide = false;
  core::Currency currency;
  std::size_t points = 0;   // used for the percentiles
  std::size_t trimmed = 0;  // left out by the outlier fence
  // A source that made up more than the policy's max_source_share of the points
  // the fence kept, and how many of its points were used.
  struct CappedSource {
    std::string source;
    std::size_t had = 0;
    std::size_t kept = 0;
    friend bool operator==(const CappedSource&, const CappedSource&) = default;
  };
  std::vector<CappedSource> capped{};  // by name
  Percentiles base{};
  Percentiles stock_per_year{};
  Percentiles total{};
  // base and stock at the policy's band percentiles, before rounding.
  core::Band base_band{};
  core::Band stock_per_year_band{};
  core::Band total_band{};
  bool reports_pay_beyond_base = false;  // a point used reports stock or a bonus
  // The median of each point's bonus as a share of its base, to whole percent;
  // nothing when no point reports a bonus.
  std::optional<core::Percent> bonus_pct{};
  core::Quarter newest{};              // the quarter of the newest point used
  int first_year = 0;                  // of the oldest point used
  int last_year = 0;                   // of the newest
  std::vector<std::string> sources{};  // of the points used, most points first
};

struct Aggregation {
  Window window;
  std::vector<GroupStats> groups;  // sorted by company, role, region
  std::size_t points_read = 0;     // in the window
  std::size_t zero_base = 0;       // left out: a base of 0 means "not reported"
  // Left out: no exchange rate in the catalog from this currency to the region's.
  std::map<std::string, std::size_t> no_rate;
};

// Reads every point of the window from the store and computes each group's
// statistics: points with a base of 0 are left out, then, per group, those whose
// total is outside the policy's outlier fence; figures in another currency than the
// region's are converted with the catalog's rates (docs/aggregate.md). The groups'
// statistics are computed on `jobs` threads.
Aggregation aggregate_points(store::Store& store, const catalog::Catalog& catalog, Window window,
                             core::Jobs jobs = {});

// A band's ends, times `factor` (the catalog's stock band is the yearly figure
// times the vesting years), each rounded half away from zero to `step` (the
// policy's band_step): how every band aggregate writes is rounded, company or
// market.
core::Band band_at_step(core::Band band, std::int64_t step, std::int64_t factor = 1);

}  // namespace negotiateup::aggregate
