#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "core/error.hpp"
#include "core/string_map.hpp"

namespace negotiateup::catalog {

enum class EntryKind { company, role, region };
std::string_view to_string(EntryKind kind);

// Two entries of one kind that answer to the same name. validate_catalog reports
// it as an error at the second entry: a name must mean one entry.
struct NameClash {
  EntryKind kind;
  std::string name;    // as the second entry writes it
  std::string first;   // the slug of the entry that had the name first
  std::string second;  // the slug of the second entry
  SourceLocation source;
};

// The company, role or region a person or a data file names: its slug, its
// display name or any alias, compared as core::slugify makes them (case, accents,
// spaces and punctuation make no difference: "hugging face", "Hugging  Face" and
// "HF" are Hugging Face). A region is also found by a common abbreviation ("NYC")
// and by its initials ("SFBA"), which never override a name a region writes.
//
// A name written by two entries of one kind is a catalog error (clashes(), which
// validate_catalog reports). An abbreviation or initials that fit two regions are
// nobody's mistake: resolving one says it is ambiguous and names both regions.
//
// Built once from a catalog, which must outlive it. It keeps indexes into the
// catalog's vectors, so it stays valid while entries are only appended (import),
// but knows only the entries there when it was built. Read-only: any number of
// threads may use one.
class NameResolver {
 public:
  explicit NameResolver(const Catalog& catalog);

  // The entry `name` means; nullptr when it means none, or more than one. For hot
  // loops: no message is built.
  const Company* company(std::string_view name) const;
  const Role* role(std::string_view name) const;
  const Region* region(std::string_view name) const;

  // The same, never nullptr, or a bad-input error at `where` (the field or file the
  // caller read the name from): "unknown company 'Hugingface'; did you mean:
  // hugging-face?" (the nearest slugs, at most three, when close enough), or "region
  // 'SF' is ambiguous: ...".
  core::Result<const Company*> resolve_company(std::string_view name, std::string_view where) const;
  core::Result<const Role*> resolve_role(std::string_view name, std::string_view where) const;
  core::Result<const Region*> resolve_region(std::string_view name, std::string_view where) const;

  const std::vector<NameClash>& clashes() const { return clashes_; }

 private:
  static constexpr std::uint32_t kNone = ~0u;
  // What a name (as a slug) means: an entry's index, and a second entry's when it
  // means two.
  struct Meaning {
    std::uint32_t entry;
    std::uint32_t other = kNone;
    std::uint8_t rank;  // 0: written by the entry; 1: abbreviation; 2: initials
  };
  struct Names {
    core::StringMap<Meaning> by_slug;
    std::vector<std::pair<std::string, std::uint32_t>> written;  // for suggestions
  };

  template <typename Entry>
  void add_written(Names& names, EntryKind kind, const std::vector<Entry>& entries);
  void add(Names& names, std::string slug, std::uint32_t entry, std::uint8_t rank);
  template <typename Entry>
  const Entry* find(const Names& names, const std::vector<Entry>& entries,
                    std::string_view name) const;
  template <typename Entry>
  core::Result<const Entry*> resolve(const Names& names, const std::vector<Entry>& entries,
                                     EntryKind kind, std::string_view name,
                                     std::string_view where) const;

  const Catalog& catalog_;
  Names companies_;
  Names roles_;
  Names regions_;
  std::vector<NameClash> clashes_;
};

}  // namespace negotiateup::catalog
