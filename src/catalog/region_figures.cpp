#include "catalog/region_figures.hpp"

#include "core/money.hpp"

namespace negotiateup::catalog {
namespace {

const RegionBand* band_in(const CompanyRole& guide, std::string_view region) {
  for (const auto& band : guide.bands) {
    if (band.region == region) return &band;
  }
  return nullptr;
}

bool has_own_figures(const RegionBand* band) {
  return band != nullptr && band->has_figures();
}

}  // namespace

const Region* anchor_region(const Lookup& lookup, const CompanyRole& guide, const Region& region) {
  if (!region.geo_rule) return nullptr;
  const auto* company = lookup.company(guide.company);
  if (company && company->anchor_region && *company->anchor_region != region.slug &&
      has_own_figures(band_in(guide, *company->anchor_region))) {
    return lookup.region(*company->anchor_region);
  }
  return lookup.region(region.geo_rule->reference_region);
}

std::optional<RegionFigures> region_figures(const Lookup& lookup, const CompanyRole& guide,
                                            const Region& region) {
  const auto* band = band_in(guide, region.slug);
  if (!band) return std::nullopt;
  if (band->has_figures() || !region.geo_rule) {
    return RegionFigures{&region, band->base, band->stock, band->bonus_pct, nullptr};
  }
  const auto* anchor = anchor_region(lookup, guide, region);
  const auto* anchor_band = anchor ? band_in(guide, anchor->slug) : nullptr;
  if (!has_own_figures(anchor_band)) return std::nullopt;

  const auto& rule = *region.geo_rule;
  const auto step = lookup.policy().aggregation.band_step;
  bool convertible = true;
  const auto share_of = [&](std::int64_t amount, core::Percent share) -> std::int64_t {
    const auto scaled =
        core::divide(amount * share.hundredths, 10'000, core::Rounding::half_away_from_zero);
    const auto converted =
        lookup.catalog().rates.convert(core::Money{scaled, anchor->currency}, region.currency);
    if (!converted) {
      convertible = false;
      return 0;
    }
    return core::round_to_step(converted->amount, step, core::Rounding::half_away_from_zero);
  };
  const auto full = core::Percent::whole(100);
  RegionFigures figures{&region, std::nullopt, std::nullopt, anchor_band->bonus_pct, anchor};
  if (anchor_band->base) {
    figures.base = core::Band{share_of(anchor_band->base->low, rule.low_share),
                              share_of(anchor_band->base->high, rule.high_share)};
  }
  if (anchor_band->stock) {
    figures.stock =
        core::Band{share_of(anchor_band->stock->low, rule.same_equity ? full : rule.low_share),
                   share_of(anchor_band->stock->high, rule.same_equity ? full : rule.high_share)};
  }
  if (!convertible) return std::nullopt;
  return figures;
}

}  // namespace negotiateup::catalog
