#include "aggregate/market_bands.hpp"

#include <algorithm>
#include <tuple>

#include "core/money.hpp"

namespace negotiateup::aggregate {
std::vector<MarketBandChange> update_market_bands(const Aggregation& aggregation,
                                                  catalog::Catalog& catalog) {
  const auto& policy = catalog.policy.aggregation;
  auto& bands = catalog.market.bands;
  std::vector<MarketBandChange> changes;
  for (const auto& stats : aggregation.groups) {
    if (!stats.market_wide) continue;
    auto band = std::find_if(bands.begin(), bands.end(), [&](const catalog::MarketBand& b) {
      return b.role == stats.role && b.region == stats.region;
    });
    const bool existed = band != bands.end();
    MarketBandChange change{stats.role,     stats.region,
                            stats.currency, MarketBandStatus::unchanged,
                            stats.points,   existed ? std::optional(band->base) : std::nullopt,
                            std::nullopt,   existed ? band->total : std::nullopt,
                            std::nullopt,   stats.capped};
    if (stats.points < static_cast<std::size_t>(policy.min_points)) {
      change.status = MarketBandStatus::not_enough_data;
      // As a company band does: a band made before records how few points stand
      // behind it now, and the site withholds it (catalog/thin_bands.hpp).
      if (existed) band->points = static_cast<std::int64_t>(stats.points);
      changes.push_back(std::move(change));
      continue;
    }
    catalog::MarketBand next{stats.role,
                             stats.region,
                             stats.currency,
                             band_at_step(stats.base_band, policy.band_step),
                             std::nullopt,
                             static_cast<std::int64_t>(stats.points),
                             stats.first_year,
                             stats.last_year,
                             stats.sources,
                             stats.newest,
                             {}};
    if (stats.reports_pay_beyond_base)
      next.total = band_at_step(stats.total_band, policy.band_step);
    change.new_base = next.base;
    change.new_total = next.total;
    if (!existed) {
      change.status = MarketBandStatus::added;
      bands.push_back(std::move(next));
    } else {
      change.status = change.old_base == change.new_base && change.old_total == change.new_total
                          ? MarketBandStatus::unchanged
                          : MarketBandStatus::changed;
      next.source = band->source;
      *band = std::move(next);
    }
    changes.push_back(std::move(change));
  }
  std::sort(bands.begin(), bands.end(), [](const auto& a, const auto& b) {
    return std::tie(a.role, a.region) < std::tie(b.role, b.region);
  });
  return changes;
}

}  // namespace negotiateup::aggregate
