#pragma once

#include <cstddef>
#include <filesystem>

#include "core/error.hpp"
#include "render/site_builder.hpp"

namespace negotiateup::render {

// What a build of a catalog folder did, beside the summary of what it wrote.
struct CatalogBuild {
  BuildSummary summary;
  std::size_t guides = 0;      // in the site
  std::size_t looked_at = 0;   // guides whose inputs were compared with the last build
  bool partial = false;        // only guide files changed since the last build
  std::size_t parsed = 0;      // catalog files parsed
  std::size_t from_cache = 0;  // catalog entries taken from the last build's cache
};

// The incremental build, in one place: builds every guide of the catalog folder
// into options.out with the templates of `templates_folder`, reading what the last
// build left there (its manifest, OUT/.negotiateup-build.json, and its catalog
// cache, OUT/.negotiateup-catalog.cache) so that only the catalog files that
// changed are parsed and only the guides whose inputs changed are written
// (docs/architecture.md, "Rebuilds"). Everything is read and checked before
// anything is written: a catalog error, a catalog without guides, a guide that
// cannot be built or a template error is bad input, and nothing is written.
core::Result<CatalogBuild> build_catalog(const std::filesystem::path& catalog_folder,
                                         const std::filesystem::path& templates_folder,
                                         const BuildOptions& options);

}  // namespace negotiateup::render
