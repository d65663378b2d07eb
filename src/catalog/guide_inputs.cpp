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

}  // namespace negotiateup::catalog
