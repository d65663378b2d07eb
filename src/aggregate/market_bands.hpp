#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "aggregate/aggregate.hpp"
#include "catalog/catalog.hpp"
#include "core/band.hpp"

namespace negotiateup::aggregate {

enum class MarketBandStatus { added, changed, unchanged, not_enough_data };

// One market reference band the window's data speaks to, before and after.
struct MarketBandChange {
  std::string role;
  std::string region;
  core::Currency currency;
  MarketBandStatus status = MarketBandStatus::unchanged;
  std::size_t points = 0;
  std::optional<core::Band> old_base;
  std::optional<core::Band> new_base;
  std::optional<core::Band> old_total;
  std::optional<core::Band> new_total;
  std::vector<GroupStats::CappedSource> capped;
};

// Writes the market-wide groups (GroupStats::market_wide) into the catalog's
// market bands: base and total at the policy's band percentiles rounded to its
// step (total only when a point used reports stock or a bonus: otherwise it
// would be the base under another name), points, years, sources and quarter.
// A group with fewer than the policy's min_points makes no band; an existing one
// keeps its figures and records the smaller count, so that the site withholds it,
// as company bands do. A role and region without data in the window keep theirs.
// The bands stay sorted by role and region.
std::vector<MarketBandChange> update_market_bands(const Aggregation& aggregation,
                                                  catalog::Catalog& catalog);

}  // namespace negotiateup::aggregate
