#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/lookup.hpp"

namespace negotiateup::web {

// What a search for a name finds, best match first.
struct SearchResults {
  std::vector<const catalog::Company*> companies;
  std::vector<const catalog::Role*> roles;
  // A company and a role named together ("hf ml engineer"), then the guides of
  // the best company found.
  std::vector<const catalog::CompanyRole*> guides;
};

// Finds companies and roles by any name the catalog gives them (display name,
// slug, alias), as the name resolver compares names: case, accents, spaces and
// punctuation make no difference. Beyond the resolver's exact answers it takes a
// name that starts a catalog name or one of its words ("mistral" for Mistral AI)
// and forgives typos (fewer edits than half the longer name, as the resolver's
// suggestions do). Built once per snapshot; read-only after.
class NameSearch {
 public:
  explicit NameSearch(const catalog::Lookup& lookup);
  SearchResults find(std::string_view query) const;

 private:
  struct Name {
    std::string slug;  // core::slugify of the name as written
    std::size_t entry;
  };
  const catalog::Lookup& lookup_;
  std::vector<Name> company_names_;
  std::vector<Name> role_names_;
  std::vector<std::vector<const catalog::CompanyRole*>> guides_of_company_;
};

}  // namespace negotiateup::web
