#include "catalog/lookup.hpp"

namespace negotiateup::catalog {
namespace {

template <typename Map>
auto find(const Map& map, const std::string& key) -> typename Map::mapped_type {
  const auto found = map.find(key);
  return found == map.end() ? nullptr : found->second;
}

std::string pair_key(std::string_view first, std::string_view second) {
  std::string key;
  key.reserve(first.size() + second.size() + 1);
  key.append(first).append("/").append(second);
  return key;
}

}  // namespace

Lookup::Lookup(const Catalog& catalog) : catalog_(catalog), names_(catalog) {
  for (const auto& company : catalog.companies) companies_.emplace(company.slug, &company);
  for (const auto& role : catalog.roles) roles_.emplace(role.slug, &role);
  for (const auto& region : catalog.regions) regions_.emplace(region.slug, &region);
  guides_.reserve(catalog.guides.size());
  for (const auto& guide : catalog.guides) {
    guides_.emplace(pair_key(guide.company, guide.role), &guide);
    if (guide.level_mapping.internal) {
      by_level_[pair_key(guide.company, *guide.level_mapping.internal)].push_back(&guide);
    }
  }
  for (const auto& band : catalog.market.bands) {
    market_.emplace(pair_key(band.role, band.region), &band);
  }
}

const Company* Lookup::company(std::string_view slug) const {
  return find(companies_, std::string(slug));
}
const Role* Lookup::role(std::string_view slug) const {
  return find(roles_, std::string(slug));
}
const Region* Lookup::region(std::string_view slug) const {
  return find(regions_, std::string(slug));
}
const CompanyRole* Lookup::guide(std::string_view company, std::string_view role) const {
  return find(guides_, pair_key(company, role));
}
const MarketBand* Lookup::market_band(std::string_view role, std::string_view region) const {
  return find(market_, pair_key(role, region));
}
std::span<const CompanyRole* const> Lookup::guides_at_level(std::string_view company,
                                                            std::string_view level) const {
  const auto found = by_level_.find(pair_key(company, level));
  if (found == by_level_.end()) return {};
  return found->second;
}

}  // namespace negotiateup::catalog
