#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "core/string_map.hpp"

namespace negotiateup::catalog {

// Which role a company's level is, among a family of roles, by the catalog's
// level mappings: the company's own guides whose `level_mapping.internal` is that
// level, else any guide whose `equivalents` list (company, level); among several,
// the first of the family. Ingest's profiles choose a row's role by it, and
// aggregate the role of a point stored before the catalog knew its company
// (docs/data-points.md, "Unresolved points"). Built once from a catalog, which
// must outlive it; read-only.
class LevelRoles {
 public:
  explicit LevelRoles(const Catalog& catalog);

  // A role's id (its index in the catalog's roles) by its slug.
  std::optional<std::uint32_t> role_id(std::string_view slug) const;
  const std::string& role_slug(std::uint32_t id) const { return catalog_.roles[id].slug; }

  // The key of a company's level, as role() takes it: the company's slug and the
  // level's core::match_key without spaces ("google\x1fl5").
  static void level_key(std::string_view company_slug, std::string_view level, std::string& out);

  // The role of the family (role ids, in order of preference) the level of
  // `level_key` has, or nothing when no level mapping gives it one of them.
  std::optional<std::uint32_t> role(std::string_view level_key,
                                    std::span<const std::uint32_t> family) const;

 private:
  // A role a level gives: from the company's own guide (tier 0) or from another
  // guide's equivalents (tier 1).
  struct Candidate {
    std::uint32_t role;
    int tier;
  };
  void add(std::string_view company, std::string_view level, std::string_view role, int tier);

  const Catalog& catalog_;
  core::StringMap<std::uint32_t> role_ids_;
  core::StringMap<std::vector<Candidate>> by_level_;  // by level key
};

}  // namespace negotiateup::catalog
