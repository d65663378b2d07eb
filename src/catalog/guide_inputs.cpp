#include "catalog/guide_inputs.hpp"

#include <algorithm>

namespace negotiateup::catalog {

std::vector<std::string> companies_read(const CompanyRole& guide) {
  std::vector<std::string> companies;
  for (const auto& equivalent : guide.level_mapping.equivalents) {
    if (std::find(companies.begin(), companies.end(), equivalent.company) == companies.end()) {
      companies.push_back(equivalent.company);
    }
  }
  return companies;
}

const CompanyRole* peer_guide(const Lookup& lookup, const CompanyRole& guide,
                              const LevelEquivalent& equivalent) {
  const auto* role = lookup.role(guide.role);
  const CompanyRole* same_family = nullptr;
  for (const auto* peer : lookup.guides_at_level(equivalent.company, equivalent.level)) {
    if (peer->role == guide.role) return peer;
    const auto* peer_role = lookup.role(peer->role);
    if (!same_family && role && peer_role && peer_role->family == role->family) same_family = peer;
  }
  if (same_family) return same_family;
  return lookup.guide(equivalent.company, guide.role);
}

}  // namespace negotiateup::catalog
