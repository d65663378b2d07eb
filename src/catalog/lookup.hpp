#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "catalog/catalog.hpp"

namespace negotiateup::catalog {

// Constant-time lookups into a catalog that no longer changes (a build reads
// 100,000 guides; Catalog's own find_* scan). It points into `catalog`, which must
// outlive it and stay as it is.
class Lookup {
 public:
  explicit Lookup(const Catalog& catalog);

  const Catalog& catalog() const { return catalog_; }
  const core::Policy& policy() const { return catalog_.policy; }
  const Company* company(std::string_view slug) const;
  const Role* role(std::string_view slug) const;
  const Region* region(std::string_view slug) const;
  const CompanyRole* guide(std::string_view company, std::string_view role) const;
  // The company's guide whose level_mapping.internal is `level`.
  const CompanyRole* guide_at_level(std::string_view company, std::string_view level) const;

 private:
  template <typename T>
  using BySlug = std::unordered_map<std::string, const T*>;

  const Catalog& catalog_;
  BySlug<Company> companies_;
  BySlug<Role> roles_;
  BySlug<Region> regions_;
  BySlug<CompanyRole> guides_;    // "company/role"
  BySlug<CompanyRole> by_level_;  // "company/level"
};

}  // namespace negotiateup::catalog
