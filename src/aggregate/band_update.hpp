#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "aggregate/aggregate.hpp"
#include "aggregate/market_bands.hpp"
#include "catalog/catalog.hpp"
#include "core/band.hpp"
#include "core/guide_record.hpp"

namespace negotiateup::aggregate {

enum class BandStatus { changed, unchanged, not_enough_data };

// One catalog band that the window's data speaks to, before and after.
struct BandChange {
  std::string company;
  std::string role;
  std::string region;
  core::Currency currency;
  BandStatus status = BandStatus::unchanged;
  std::size_t points = 0;
  std::optional<core::Band> old_base;
  std::optional<core::Band> new_base;
  std::optional<core::Band> old_stock;  // grants over the vesting years
  std::optional<core::Band> new_stock;
  std::optional<core::DataQuality> quality;
  std::vector<GroupStats::CappedSource> capped;  // sources cut to the policy's share
};

struct CatalogUpdate {
  std::vector<BandChange> bands;       // in the order of the groups
  std::size_t bands_without_data = 0;  // bands with figures and no point in the window
  // Groups of points the catalog has no band with figures for: which guide or
  // region the data could support next.
  struct Unplaced {
    std::string company;
    std::string role;
    std::string region;
    std::size_t points = 0;
  };
  std::vector<Unplaced> groups_without_band;  // market-wide groups are not among them
  std::vector<MarketBandChange> market;       // market_bands.hpp
};

// Writes the statistics into the catalog's bands: each end at the policy's
// percentile rounded to its step, the stock band as the grant over the vesting
// years, bonus, data quality, quarter, sources and points. Only the bands are
// touched; a band with fewer than the policy's min_points (after the fence and
// the source cap) keeps its figures, and records the smaller count when it
// records one (so that the site withholds it). Bands that follow a geo rule are
// left to their rule. The market-wide groups update the market bands
// (update_market_bands).
CatalogUpdate update_bands(const Aggregation& aggregation, catalog::Catalog& catalog);

// The change report an editor reviews, like a diff: every band with data, its old
// and new low and high and the change in percent, the sources capped, then the
// counts; then the market bands the same way.
std::string format_update(const CatalogUpdate& update, const Aggregation& aggregation,
                          const core::Policy::Aggregation& policy);

}  // namespace negotiateup::aggregate
