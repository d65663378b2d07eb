#pragma once

#include <filesystem>
#include <memory>

#include "catalog/catalog.hpp"
#include "catalog/lookup.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "render/template_set.hpp"

namespace negotiateup::render {

// Everything that renders the site, loaded and checked once and never changed
// after: the catalog, its lookups (every index built up front, none on first use)
// and the templates. Any number of threads may read one snapshot at once; a
// server that reloads builds a new one and swaps the pointer
// (std::atomic<std::shared_ptr<const SiteSnapshot>>), and readers that still hold
// the old one finish with it.
class SiteSnapshot {
 public:
  SiteSnapshot(const SiteSnapshot&) = delete;
  SiteSnapshot& operator=(const SiteSnapshot&) = delete;

  // Reads and checks the catalog (as a build does) and the templates; bad input
  // is reported with its file and line, and no snapshot is made.
  static core::Result<std::shared_ptr<const SiteSnapshot>> load(
      const std::filesystem::path& catalog_folder, const std::filesystem::path& templates_folder,
      core::Jobs jobs = {});

  const catalog::Catalog& catalog() const { return catalog_; }
  const catalog::Lookup& lookup() const { return lookup_; }
  const TemplateSet& templates() const { return templates_; }

 private:
  SiteSnapshot(catalog::Catalog catalog, TemplateSet templates);

  catalog::Catalog catalog_;  // before lookup_, which points into it
  catalog::Lookup lookup_;
  TemplateSet templates_;
};

}  // namespace negotiateup::render
