#include "catalog/name_resolver.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <tuple>

#include "core/region_names.hpp"
#include "core/text.hpp"

namespace negotiateup::catalog {
namespace {

constexpr std::uint8_t kWritten = 0;
constexpr std::uint8_t kAbbreviation = 1;
constexpr std::uint8_t kInitials = 2;

// Every name an entry writes: its slug, its display name, its aliases.
std::vector<std::string_view> written_names(const Company& company) {
  std::vector<std::string_view> names{company.slug, company.name};
  names.insert(names.end(), company.aliases.begin(), company.aliases.end());
  return names;
}
std::vector<std::string_view> written_names(const Role& role) {
  return {role.slug, role.name};
}
std::vector<std::string_view> written_names(const Region& region) {
  std::vector<std::string_view> names{region.slug, region.name};
  names.insert(names.end(), region.aliases.begin(), region.aliases.end());
  return names;
}

// "; did you mean: a, b?": the entries with a name near `slug` (fewer edits than
// half the longer of the two), nearest first, at most three.
template <typename Entry>
std::string suggestion(const std::vector<std::pair<std::string, std::uint32_t>>& written,
                       const std::vector<Entry>& entries, std::string_view slug) {
  if (slug.empty()) return {};
  constexpr auto kFar = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> nearest(entries.size(), kFar);
  for (const auto& [name, entry] : written) {
    const auto distance = core::edit_distance(slug, name);
    if (distance * 2 <= std::max(slug.size(), name.size()))
      nearest[entry] = std::min(nearest[entry], distance);
  }
  std::vector<std::tuple<std::size_t, std::string_view>> ranked;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (nearest[i] != kFar) ranked.emplace_back(nearest[i], entries[i].slug);
  }
  std::sort(ranked.begin(), ranked.end());
  std::string text;
  for (std::size_t i = 0; i < ranked.size() && i < 3; ++i)
    text += fmt::format("{}{}", i ? ", " : "", std::get<1>(ranked[i]));
  return text.empty() ? text : fmt::format("; did you mean: {}?", text);
}

}  // namespace

std::string_view to_string(EntryKind kind) {
  switch (kind) {
    case EntryKind::company:
      return "company";
    case EntryKind::role:
      return "role";
    case EntryKind::region:
      return "region";
  }
  return "entry";
}

NameResolver::NameResolver(const Catalog& catalog) : catalog_(catalog) {
  companies_.by_slug.reserve(catalog.companies.size() * 2);
  roles_.by_slug.reserve(catalog.roles.size() * 2);
  regions_.by_slug.reserve(catalog.regions.size() * 4);
  add_written(companies_, EntryKind::company, catalog.companies);
  add_written(roles_, EntryKind::role, catalog.roles);
  add_written(regions_, EntryKind::region, catalog.regions);
  // After every written name, so that a region's own name always wins.
  for (std::uint32_t i = 0; i < catalog.regions.size(); ++i) {
    for (const auto name : written_names(catalog.regions[i])) {
      for (auto& abbreviation : core::region_abbreviations(name))
        add(regions_, std::move(abbreviation), i, kAbbreviation);
    }
  }
  for (std::uint32_t i = 0; i < catalog.regions.size(); ++i) {
    for (const auto name : written_names(catalog.regions[i]))
      add(regions_, core::region_initials(name), i, kInitials);
  }
}

template <typename Entry>
void NameResolver::add_written(Names& names, EntryKind kind, const std::vector<Entry>& entries) {
  for (std::uint32_t i = 0; i < entries.size(); ++i) {
    for (const auto name : written_names(entries[i])) {
      auto slug = core::slugify(name);
      if (slug.empty()) continue;
      const auto [found, added] = names.by_slug.try_emplace(slug, Meaning{i, kNone, kWritten});
      if (found->second.entry == i && !added) continue;  // "hugging-face" and "Hugging Face"
      names.written.emplace_back(std::move(slug), i);
      if (added) continue;
      if (found->second.other == kNone) found->second.other = i;
      clashes_.push_back(NameClash{kind, std::string(name), entries[found->second.entry].slug,
                                   entries[i].slug, entries[i].source});
    }
  }
}

void NameResolver::add(Names& names, std::string slug, std::uint32_t entry, std::uint8_t rank) {
  if (slug.empty()) return;
  const auto [found, added] =
      names.by_slug.try_emplace(std::move(slug), Meaning{entry, kNone, rank});
  auto& meaning = found->second;
  // A stronger kind of name (added first) is kept; one as strong for another entry
  // makes the name ambiguous.
  if (added || meaning.entry == entry || meaning.rank < rank) return;
  if (meaning.other == kNone) meaning.other = entry;
}

template <typename Entry>
const Entry* NameResolver::find(const Names& names, const std::vector<Entry>& entries,
                                std::string_view name) const {
  const auto found = names.by_slug.find(core::slugify(name));
  if (found == names.by_slug.end() || found->second.other != kNone) return nullptr;
  return &entries[found->second.entry];
}

template <typename Entry>
core::Result<const Entry*> NameResolver::resolve(const Names& names,
                                                 const std::vector<Entry>& entries, EntryKind kind,
                                                 std::string_view name,
                                                 std::string_view where) const {
  const auto slug = core::slugify(name);
  const auto found = names.by_slug.find(slug);
  if (found == names.by_slug.end()) {
    return std::unexpected(core::Error::bad_input(
        std::string(where), fmt::format("unknown {} '{}'{}", to_string(kind), name,
                                        suggestion(names.written, entries, slug))));
  }
  const auto& meaning = found->second;
  if (meaning.other != kNone) {
    const auto& first = entries[meaning.entry];
    const auto& second = entries[meaning.other];
    return std::unexpected(core::Error::bad_input(
        std::string(where),
        fmt::format(
            "{} '{}' is ambiguous: it may mean {} ({}) or {} ({}); expected the slug of one",
            to_string(kind), name, first.slug, first.name, second.slug, second.name)));
  }
  return &entries[meaning.entry];
}

const Company* NameResolver::company(std::string_view name) const {
  return find(companies_, catalog_.companies, name);
}
const Role* NameResolver::role(std::string_view name) const {
  return find(roles_, catalog_.roles, name);
}
const Region* NameResolver::region(std::string_view name) const {
  return find(regions_, catalog_.regions, name);
}

core::Result<const Company*> NameResolver::resolve_company(std::string_view name,
                                                           std::string_view where) const {
  return resolve(companies_, catalog_.companies, EntryKind::company, name, where);
}
core::Result<const Role*> NameResolver::resolve_role(std::string_view name,
                                                     std::string_view where) const {
  return resolve(roles_, catalog_.roles, EntryKind::role, name, where);
}
core::Result<const Region*> NameResolver::resolve_region(std::string_view name,
                                                         std::string_view where) const {
  return resolve(regions_, catalog_.regions, EntryKind::region, name, where);
}

}  // namespace negotiateup::catalog
