#include "aggregate/unresolved.hpp"

#include <algorithm>

#include "catalog/name_resolver.hpp"
#include "core/string_map.hpp"
#include "core/text.hpp"

namespace negotiateup::aggregate {

UnresolvedCompanies unresolved_companies(store::Store& store, const catalog::Catalog& catalog,
                                         std::size_t top) {
  const catalog::NameResolver names(catalog);
  struct Company {
    std::size_t points = 0;
    std::string spelling;  // the one with the most points
    std::size_t spelling_points = 0;
  };
  core::StringMap<Company> by_slug;  // spellings as the resolver compares them
  for (const auto& [name, points] : store.company_counts()) {
    if (names.company(name)) continue;
    const auto slug = core::slugify(name);
    auto& company = by_slug[slug.empty() ? name : slug];
    company.points += points;
    if (points > company.spelling_points ||
        (points == company.spelling_points && name < company.spelling)) {
      company.spelling = name;
      company.spelling_points = points;
    }
  }
  UnresolvedCompanies result;
  result.companies = by_slug.size();
  std::vector<UnresolvedCompany> all;
  all.reserve(by_slug.size());
  for (auto& [slug, company] : by_slug) {
    result.points += company.points;
    all.push_back({std::move(company.spelling), company.points});
  }
  const auto shown = std::min(top, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(shown), all.end(),
                    [](const auto& a, const auto& b) {
                      return a.points != b.points ? a.points > b.points : a.name < b.name;
                    });
  all.resize(shown);
  result.most = std::move(all);
  return result;
}

}  // namespace negotiateup::aggregate
