#include "web/page_search.hpp"

#include <algorithm>
#include <limits>

#include "core/text.hpp"

namespace negotiateup::web {
namespace {

constexpr std::size_t kMaxResults = 20;
constexpr std::size_t kNoMatch = std::numeric_limits<std::size_t>::max();

// How well `query` (a slug) fits `name` (a slug): 0 the same, 1 the start of the
// name or of one of its words, 2 inside it, then 3 + the edits between them when
// few enough; kNoMatch otherwise.
std::size_t score(std::string_view query, std::string_view name) {
  if (query == name) return 0;
  if (name.starts_with(query)) return 1;
  const auto at = name.find(query);
  if (at != std::string_view::npos) return name[at - 1] == '-' ? 1 : 2;
  if (query.size() < 3) return kNoMatch;
  const auto edits = core::edit_distance(query, name);
  if (edits * 2 < std::max(query.size(), name.size())) return 3 + edits;
  return kNoMatch;
}

template <typename Entry, typename Name>
std::vector<const Entry*> ranked(const std::vector<Name>& names, const std::vector<Entry>& entries,
                                 std::string_view query, const Entry* exact) {
  std::vector<std::size_t> best(entries.size(), kNoMatch);
  for (const auto& name : names)
    best[name.entry] = std::min(best[name.entry], score(query, name.slug));
  if (exact) best[static_cast<std::size_t>(exact - entries.data())] = 0;
  std::vector<std::size_t> found;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (best[i] != kNoMatch) found.push_back(i);
  }
  std::stable_sort(found.begin(), found.end(), [&](std::size_t a, std::size_t b) {
    return best[a] != best[b] ? best[a] < best[b] : entries[a].name < entries[b].name;
  });
  if (found.size() > kMaxResults) found.resize(kMaxResults);
  std::vector<const Entry*> result;
  for (const auto i : found) result.push_back(&entries[i]);
  return result;
}

template <typename Entry, typename Name>
void add_names(std::vector<Name>& names, const std::vector<Entry>& entries) {
  for (std::size_t i = 0; i < entries.size(); ++i) {
    names.push_back({core::slugify(entries[i].name), i});
    names.push_back({entries[i].slug, i});
    if constexpr (requires { entries[i].aliases; }) {
      for (const auto& alias : entries[i].aliases) names.push_back({core::slugify(alias), i});
    }
  }
}

}  // namespace

NameSearch::NameSearch(const catalog::Lookup& lookup)
    : lookup_(lookup), guides_of_company_(lookup.catalog().companies.size()) {
  const auto& catalog = lookup.catalog();
  add_names(company_names_, catalog.companies);
  add_names(role_names_, catalog.roles);
  for (const auto& guide : catalog.guides) {
    if (const auto* company = lookup.company(guide.company)) {
      guides_of_company_[static_cast<std::size_t>(company - catalog.companies.data())].push_back(
          &guide);
    }
  }
}

SearchResults NameSearch::find(std::string_view query) const {
  SearchResults results;
  const auto slug = core::slugify(query);
  if (slug.empty()) return results;
  const auto& catalog = lookup_.catalog();
  const auto& names = lookup_.names();
  results.companies = ranked(company_names_, catalog.companies, slug, names.company(query));
  results.roles = ranked(role_names_, catalog.roles, slug, names.role(query));
  // "hugging face ml engineer", or the role first: every split into two names.
  for (std::size_t cut = slug.find('-'); cut != std::string::npos; cut = slug.find('-', cut + 1)) {
    const std::string_view first(slug.data(), cut);
    const std::string_view second(slug.data() + cut + 1, slug.size() - cut - 1);
    for (const auto& [company_name, role_name] : {std::pair{first, second}, {second, first}}) {
      const auto* company = names.company(company_name);
      const auto* role = names.role(role_name);
      if (!company || !role) continue;
      if (const auto* guide = lookup_.guide(company->slug, role->slug)) {
        results.guides.push_back(guide);
        results.companies.insert(results.companies.begin(), company);
        results.roles.insert(results.roles.begin(), role);
      }
    }
  }
  if (!results.companies.empty()) {
    const auto& of_best = guides_of_company_[static_cast<std::size_t>(results.companies.front() -
                                                                      catalog.companies.data())];
    for (const auto* guide : of_best) {
      if (std::find(results.guides.begin(), results.guides.end(), guide) == results.guides.end())
        results.guides.push_back(guide);
    }
  }
  // A name found twice (exact and as a split) is listed once.
  const auto unique = [](auto& list) {
    for (std::size_t i = 1; i < list.size(); ++i) {
      if (std::find(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(i), list[i]) !=
          list.begin() + static_cast<std::ptrdiff_t>(i)) {
        list.erase(list.begin() + static_cast<std::ptrdiff_t>(i--));
      }
    }
  };
  unique(results.companies);
  unique(results.roles);
  return results;
}

}  // namespace negotiateup::web
