#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "catalog/lookup.hpp"

namespace negotiateup::catalog {

// What one guide is made from: the one rule that the build's input hash
// (render/input_hash.cpp) hashes and the partial load (cached_load.cpp) follows.
//
// A guide reads, besides the policy: its own entry, its company and role, the
// regions of its bands, and for a region with a geo rule the rule's reference
// region, the company's anchor region and the exchange rates; for each
// role's market bands in the regions of its bands; for each
// equivalent of its level mapping the peer company, the peer's guides at the
// mapped level with their roles (peer_guide picks one by role family), the peer's
// guide of the same role and the equivalent's regions.
// The only other guides it reads are those of companies_read(guide); which of
// their guides it reads depends on those guides (their levels), so a change to
// any guide of one of those companies may reach it.

// The companies whose guides `guide` reads, each once, in the order its level
// mapping names them. The catalog cache stores them with the guide, so that a
// rebuild can tell which guides a changed guide file reaches without loading them.
std::vector<std::string> companies_read(const CompanyRole& guide);

// The peer's guide a competing offer compares `guide` with: of the peer
// company's guides at the equivalent's level, the one of the same role, else
// the first whose role is of the same family; else the peer's guide of the same
// role. Never a guide of another family: a product manager is not compared with
// an engineer's band.
const CompanyRole* peer_guide(const Lookup& lookup, const CompanyRole& guide,
                              const LevelEquivalent& equivalent);
// Calls `visit` with each input of `guide`, in a fixed order:
//   visit.policy(const core::Policy&)
//   visit.guide(const CompanyRole&)       the guide itself, first after the policy
//   visit.company(const Company*)         nullptr for a slug the catalog lacks
//   visit.role(const Role*)
//   visit.region(const Region*)
//   visit.rates(const core::ExchangeRates&)
//   visit.market_band(const MarketBand&)  the role's market band in a region of a band
//   visit.peer_guide(const CompanyRole&)  a guide of one of companies_read(guide)
// Every entry the guide names is visited, found or not (the checks let no build
// reach a missing one); a peer's guide only when there is one.
template <typename Visit>
void for_each_input(const Lookup& lookup, const CompanyRole& guide, Visit&& visit) {
  visit.policy(lookup.policy());
  visit.guide(guide);
  visit.company(lookup.company(guide.company));
  visit.role(lookup.role(guide.role));
  bool converts = false;
  for (const auto& band : guide.bands) {
    const auto* region = lookup.region(band.region);
    visit.region(region);
    if (const auto* market = lookup.market_band(guide.role, band.region)) {
      visit.market_band(*market);
    }
    if (region && region->geo_rule) {
      visit.region(lookup.region(region->geo_rule->reference_region));
      const auto* company = lookup.company(guide.company);
      if (company && company->anchor_region) visit.region(lookup.region(*company->anchor_region));
      converts = true;
    }
  }
  if (converts) visit.rates(lookup.catalog().rates);
  for (const auto& equivalent : guide.level_mapping.equivalents) {
    visit.company(lookup.company(equivalent.company));
    for (const auto* peer : lookup.guides_at_level(equivalent.company, equivalent.level)) {
      visit.peer_guide(*peer);
      visit.role(lookup.role(peer->role));
    }
    if (const auto* peer = lookup.guide(equivalent.company, guide.role)) visit.peer_guide(*peer);
    for (const auto& region : equivalent.regions) visit.region(lookup.region(region));
  }
}

}  // namespace negotiateup::catalog
