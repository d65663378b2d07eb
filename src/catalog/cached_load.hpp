#pragma once

#include <cstddef>
#include <expected>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "core/diagnostic.hpp"
#include "core/parallel.hpp"

namespace negotiateup::catalog {

struct GuideName {
  std::string company;
  std::string role;
};

// Whether the files a guide was last built into are all still there.
using OutputsPresent = std::function<bool(std::string_view company, std::string_view role)>;

// Asked once the catalog is listed, so that a caller can read its last build's
// record meanwhile: how to tell that a guide's outputs are there, or nothing when
// the last build cannot be built upon (other templates, another date, none).
using LastBuild = std::function<const OutputsPresent*()>;

struct CachedLoad {
  // The whole catalog; or, when `partial`, every file but the guides, and of
  // the guides only those to build and the peers their level mappings quote.
  Catalog catalog;
  bool partial = false;
  std::vector<std::size_t> to_build;  // indexes into catalog.guides
  std::vector<GuideName> all_guides;  // every guide of the catalog, in catalog order
  std::size_t parsed = 0;             // files read as YAML
  std::size_t from_cache = 0;
  std::optional<std::string> cache;  // the next cache file, when it should be written
};

// load_catalog, with guide and company files taken from the cache file where
// their stamps match (catalog_cache.hpp). When `last_build` gives an
// OutputsPresent, and when only guide files changed since the cache was
// written, the load is partial: it parses the
// changed guides and keeps what a guide is made from only for the guides to
// build: those whose file changed, those whose level mapping names a company one
// of them belongs to, and those whose outputs are missing. Errors are those a
// plain load gives: the files that did not change were checked when the cache
// was written. The cache is not written here, so that a caller can check the
// catalog before anything is written. Files are read on `jobs` threads, and the
// cache file opened beside the listing unless `jobs` allows one thread only.
std::expected<CachedLoad, core::Diagnostic> load_catalog_cached(
    const std::filesystem::path& folder, const std::filesystem::path& cache_file,
    const LastBuild& last_build, core::Jobs jobs = {});

}  // namespace negotiateup::catalog
