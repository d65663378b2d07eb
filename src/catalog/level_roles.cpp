#include "catalog/level_roles.hpp"

#include <algorithm>

#include "core/match_key.hpp"

namespace negotiateup::catalog {

LevelRoles::LevelRoles(const Catalog& catalog) : catalog_(catalog) {
  for (std::uint32_t i = 0; i < catalog.roles.size(); ++i)
    role_ids_.emplace(catalog.roles[i].slug, i);
  for (const auto& guide : catalog.guides) {
    if (guide.level_mapping.internal)
      add(guide.company, *guide.level_mapping.internal, guide.role, 0);
    for (const auto& equivalent : guide.level_mapping.equivalents)
      add(equivalent.company, equivalent.level, guide.role, 1);
  }
}

std::optional<std::uint32_t> LevelRoles::role_id(std::string_view slug) const {
  const auto found = role_ids_.find(slug);
  if (found == role_ids_.end()) return std::nullopt;
  return found->second;
}

void LevelRoles::level_key(std::string_view company_slug, std::string_view level,
                           std::string& out) {
  thread_local std::string level_part;  // reused: ingest calls this for every row
  core::match_key(level, level_part, true);
  out.assign(company_slug).push_back('\x1f');
  out += level_part;
}

void LevelRoles::add(std::string_view company, std::string_view level, std::string_view role,
                     int tier) {
  const auto id = role_id(role);
  if (!id) return;
  std::string key;
  level_key(company, level, key);
  auto& list = by_level_[key];
  const auto same =
      std::find_if(list.begin(), list.end(), [&](const Candidate& c) { return c.role == *id; });
  if (same == list.end()) {
    list.push_back({*id, tier});
  } else {
    same->tier = std::min(same->tier, tier);
  }
}

std::optional<std::uint32_t> LevelRoles::role(std::string_view level_key,
                                              std::span<const std::uint32_t> family) const {
  const auto found = by_level_.find(level_key);
  if (found == by_level_.end()) return std::nullopt;
  std::optional<std::uint32_t> best;
  int best_tier = 2;
  std::size_t best_rank = family.size();
  for (const auto& candidate : found->second) {
    const auto at = std::find(family.begin(), family.end(), candidate.role);
    if (at == family.end()) continue;
    const auto rank = static_cast<std::size_t>(at - family.begin());
    if (candidate.tier < best_tier || (candidate.tier == best_tier && rank < best_rank)) {
      best = candidate.role;
      best_tier = candidate.tier;
      best_rank = rank;
    }
  }
  return best;
}

}  // namespace negotiateup::catalog
