#include "catalog/thin_bands.hpp"

#include <algorithm>

namespace negotiateup::catalog {

bool too_few_points(const RegionBand& band, const core::Policy::Aggregation& policy) {
  return band.points && *band.points < policy.min_points &&
         band.quality != core::DataQuality::illustrative;
}

std::size_t withhold_thin_bands(Catalog& catalog) {
  std::size_t withheld = 0;
  for (auto& guide : catalog.guides) {
    for (auto& band : guide.bands) {
      if (!band.has_figures() || !too_few_points(band, catalog.policy.aggregation)) continue;
      band.base.reset();
      band.stock.reset();
      band.bonus_pct.reset();
      ++withheld;
    }
  }
  auto& market = catalog.market.bands;
  const auto thin = std::remove_if(market.begin(), market.end(), [&](const MarketBand& band) {
    return band.points < catalog.policy.aggregation.min_points;
  });
  withheld += static_cast<std::size_t>(market.end() - thin);
  market.erase(thin, market.end());
  return withheld;
}

}  // namespace negotiateup::catalog
