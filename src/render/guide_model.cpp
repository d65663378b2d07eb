#include "render/guide_model.hpp"

#include <algorithm>

#include "catalog/guide_inputs.hpp"
#include "catalog/record_builder.hpp"
#include "catalog/region_figures.hpp"
#include "catalog/thin_bands.hpp"

namespace negotiateup::render {
namespace {

// The first equivalent covering the region whose peer guide (same role family)
// has figures there and whose typical offer is worth more than the ask.
std::optional<CompetingOffer> find_competing_offer(const catalog::Lookup& lookup,
                                                   const catalog::CompanyRole& entry,
                                                   const RegionView& region) {
  const auto& slug = region.region->slug;
  for (const auto& equivalent : entry.level_mapping.equivalents) {
    if (!equivalent.regions.empty() &&
        std::find(equivalent.regions.begin(), equivalent.regions.end(), slug) ==
            equivalent.regions.end()) {
      continue;
    }
    const auto* guide = catalog::peer_guide(lookup, entry, equivalent);
    const auto* peer = lookup.company(equivalent.company);
    if (!guide || !peer) continue;
    for (const auto& band : guide->bands) {
      if (band.region != slug || !band.base || !band.stock) continue;
      const auto offer = core::typical_peer_offer(*band.base, *band.stock, band.bonus_pct,
                                                  peer->stage, lookup.policy());
      if (offer.multi_year_total > region.ask_value) {
        return CompetingOffer{&region,          peer,       lookup.role(guide->role),
                              equivalent.level, *band.base, offer};
      }
    }
  }
  return std::nullopt;
}

}  // namespace

GuideModel build_guide_model(const catalog::Lookup& lookup, const catalog::CompanyRole& entry,
                             core::Date today) {
  const auto& policy = lookup.policy();
  GuideModel model;
  model.company = lookup.company(entry.company);
  model.role = lookup.role(entry.role);
  model.entry = &entry;
  model.record = catalog::build_record(lookup, entry);
  if (!model.record.last_updated) {
    model.record.last_updated = today;
    model.record.next_review_due = core::add_months(today, policy.review_interval_months);
  }
  model.regions.reserve(entry.bands.size());
  for (std::size_t i = 0; i < entry.bands.size(); ++i) {
    const auto& band = entry.bands[i];
    RegionView view;
    view.region = lookup.region(band.region);
    view.band = &band;
    view.figures = model.record.compensation[i];
    view.withheld = catalog::too_few_points(band, policy.aggregation);
    view.market = lookup.market_band(entry.role, band.region);
    if (const auto figures = catalog::region_figures(lookup, entry, *view.region)) {
      view.base = figures->base;
      view.stock = figures->stock;
      view.bonus_pct = figures->bonus_pct;
      view.anchor = figures->anchor;
    }
    if (view.base && view.stock) {
      view.asks = core::negotiation_figures(*view.base, *view.stock, policy);
      view.ask_value =
          core::ask_multi_year_value(*view.asks, view.bonus_pct, model.company->stage, policy);
    }
    model.regions.push_back(std::move(view));
  }
  for (const auto& region : model.regions) {
    if (region.asks && region.stated()) model.stated_regions.push_back(&region);
  }
  model.asked_regions = model.stated_regions;
  for (const auto& region : model.regions) {
    if (region.asks && !region.stated()) model.asked_regions.push_back(&region);
  }
  for (const auto& equivalent : entry.level_mapping.equivalents) {
    EquivalentView view{equivalent.company, equivalent.level, {}};
    if (const auto* peer = lookup.company(equivalent.company)) view.company = peer->name;
    for (const auto& slug : equivalent.regions) {
      const auto* region = lookup.region(slug);
      view.regions.push_back(region ? region->name : slug);
    }
    model.equivalents.push_back(std::move(view));
  }
  for (const auto* region : model.stated_regions) {
    if (auto offer = find_competing_offer(lookup, entry, *region)) {
      model.competing.push_back(std::move(*offer));
    } else {
      model.without_competing.push_back(region);
    }
  }
  return model;
}

}  // namespace negotiateup::render
