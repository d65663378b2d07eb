#pragma once

#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "core/diagnostic.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "io/atomic_files.hpp"

namespace negotiateup::catalog {

// The catalog is a folder of small YAML files (docs/catalog.md):
//   policy.yaml
//   regions/{region}.yaml
//   roles/{role}.yaml
//   companies/{company}.yaml
//   guides/{company}/{role}.yaml   level mapping and bands of one guide
// Slugs come from the file names.

// Reads and checks a catalog: every file, then every reference between files (a
// band's region, a peer, a geo rule's region). A folder that does not exist is an
// empty catalog with the default policy. Files are read on `jobs` threads
// (core/parallel.hpp).
std::expected<Catalog, core::Diagnostic> load_catalog(const std::filesystem::path& folder,
                                                      core::Jobs jobs = {});

// Checks the references of a catalog built in memory.
std::expected<void, core::Diagnostic> validate_catalog(const Catalog& catalog);

// The files of `catalog` as they are written: stable order and style, so that a
// change shows as a small diff.
std::vector<io::FileContent> catalog_files(const Catalog& catalog,
                                           const std::filesystem::path& folder);

struct SaveSummary {
  std::size_t written = 0;
  std::size_t unchanged = 0;
};
// Writes the files whose content changed, all or none (io::write_files_atomically).
core::Result<SaveSummary> save_catalog(const Catalog& catalog, const std::filesystem::path& folder);

}  // namespace negotiateup::catalog
