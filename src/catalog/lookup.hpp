#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "catalog/catalog.hpp"
#include "catalog/name_resolver.hpp"

namespace negotiateup::catalog {

// How to find a catalog entry:
//  - Catalog::find_company(slug) and the like scan for a slug, and hand out entries
//    that may be changed: for a catalog being edited (import, the band update),
//    whose vectors grow and whose indexes would go stale.
//  - Lookup is the read-only index of a catalog that no longer changes: slugs in
//    constant time (a build reads 100,000 guides), and through names() every name a
//    person or a data file writes for a company, role or region (name_resolver.hpp).
//    The offer evaluator resolves names there. Ingest and aggregate, which need
//    no slug index, hold a NameResolver of their own; so does import, whose
//    catalog grows, building it again after it adds a region.
// Lookup points into `catalog`, which must outlive it and stay as it is. Every
// index is built by the constructor, so that many threads may read one Lookup at
// once with nothing built behind their backs (a web server's catalog snapshot).
class Lookup {
 public:
  explicit Lookup(const Catalog& catalog);

  const Catalog& catalog() const { return catalog_; }
  const NameResolver& names() const { return names_; }
  const core::Policy& policy() const { return catalog_.policy; }
  const Company* company(std::string_view slug) const;
  const Role* role(std::string_view slug) const;
  const Region* region(std::string_view slug) const;
  const CompanyRole* guide(std::string_view company, std::string_view role) const;
  // The market reference band of a role in a region (market.yaml), if there is one.
  const MarketBand* market_band(std::string_view role, std::string_view region) const;
  // The company's guides whose level_mapping.internal is `level`, in catalog order.
  std::span<const CompanyRole* const> guides_at_level(std::string_view company,
                                                      std::string_view level) const;

 private:
  template <typename T>
  using BySlug = std::unordered_map<std::string, const T*>;

  const Catalog& catalog_;
  NameResolver names_;
  BySlug<Company> companies_;
  BySlug<Role> roles_;
  BySlug<Region> regions_;
  BySlug<CompanyRole> guides_;                                                 // "company/role"
  std::unordered_map<std::string, std::vector<const CompanyRole*>> by_level_;  // "company/level"
  BySlug<MarketBand> market_;                                                  // "role/region"
};

}  // namespace negotiateup::catalog
