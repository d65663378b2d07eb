#include "render/guide_model.hpp"

#include <algorithm>

#include "catalog/record_builder.hpp"

namespace negotiateup::render {
namespace {

// The peer guide at `level`: the peer's guide whose internal level is that name,
// else the peer's guide for the same role.
const catalog::CompanyRole* peer_guide(const catalog::Lookup& lookup, const std::string& peer,
                                       const std::string& level, const std::string& role) {
  if (const auto* guide = lookup.guide_at_level(peer, level)) return guide;
  return lookup.guide(peer, role);
}

std::optional<CompetingOffer> find_competing_offer(const catalog::Lookup& lookup,
                                                   const catalog::CompanyRole& entry,
                                                   const RegionView& region) {
  for (const auto& equivalent : entry.level_mapping.equivalents) {
    if (!equivalent.regions.empty() &&
        std::find(equivalent.regions.begin(), equivalent.regions.end(), region.region->slug) ==
            equivalent.regions.end()) {
      continue;
    }
    const auto* guide = peer_guide(lookup, equivalent.company, equivalent.level, entry.role);
    if (!guide) continue;
    for (const auto& band : guide->bands) {
      if (band.region != region.region->slug || !band.base || !band.stock) continue;
      return CompetingOffer{&region, lookup.company(equivalent.company), equivalent.level,
                            *band.base,
                            core::typical_peer_offer(*band.base, *band.stock, lookup.policy())};
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
    view.figures = model.record.compensation[i];
    view.base = band.base;
    view.stock = band.stock;
    if (band.base && band.stock) {
      view.asks = core::negotiation_figures(*band.base, *band.stock, policy);
    }
    model.regions.push_back(std::move(view));
  }
  for (const auto& region : model.regions) {
    if (region.asks && model.main_regions.size() < 2) model.main_regions.push_back(&region);
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
  for (const auto* region : model.main_regions) {
    if (auto offer = find_competing_offer(lookup, entry, *region)) {
      model.competing.push_back(std::move(*offer));
    }
  }
  return model;
}

}  // namespace negotiateup::render
