#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "store/store.hpp"

namespace negotiateup::aggregate {

// A company the stored points name and the catalog does not know: the spelling
// most of its points use, and how many points there are under all its spellings
// (spellings the catalog's name resolver would take for one name are one company).
struct UnresolvedCompany {
  std::string name;
  std::size_t points = 0;
  friend bool operator==(const UnresolvedCompany&, const UnresolvedCompany&) = default;
};

struct UnresolvedCompanies {
  std::vector<UnresolvedCompany> most;  // most points first, then by name; at most `top`
  std::size_t companies = 0;            // all of them
  std::size_t points = 0;               // the points of all of them
};

// The companies of the store's points that the catalog does not know, whatever
// their date: which guides the data could support next once the catalog has them
// (docs/aggregate.md, "Unresolved companies").
UnresolvedCompanies unresolved_companies(store::Store& store, const catalog::Catalog& catalog,
                                         std::size_t top);

}  // namespace negotiateup::aggregate
