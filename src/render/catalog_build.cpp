#include "render/catalog_build.hpp"

#include <string>
#include <vector>

#include "catalog/cached_load.hpp"
#include "catalog/thin_bands.hpp"
#include "render/build_manifest.hpp"
#include "render/template_set.hpp"

namespace negotiateup::render {
namespace {

// Beside the build manifest: the parsed catalog, so that a rebuild reads only the
// catalog files written since.
constexpr std::string_view kCatalogCache = ".negotiateup-catalog.cache";

}  // namespace

core::Result<CatalogBuild> build_catalog(const std::filesystem::path& catalog_folder,
                                         const std::filesystem::path& templates_folder,
                                         const BuildOptions& options) {
  const auto& out = options.out;
  // The last build's manifest (3 MB for 100,000 guides) is read while the catalog
  // is listed.
  auto reading = core::in_background(options.jobs, [&out] { return BuildManifest::read(out); });
  const auto templates = TemplateSet::load(templates_folder);
  BuildManifest manifest;
  const catalog::OutputsPresent outputs_present = [&](std::string_view company,
                                                      std::string_view role) {
    return manifest.outputs_present(company, role);
  };
  const catalog::LastBuild last_build = [&]() -> const catalog::OutputsPresent* {
    manifest = reading.get();
    // Other templates or another date change every guide: nothing to gain.
    const bool same_inputs =
        templates && manifest.inputs() == build_inputs(*templates, options.today);
    return same_inputs ? &outputs_present : nullptr;
  };
  auto loaded =
      catalog::load_catalog_cached(catalog_folder, out / kCatalogCache, last_build, options.jobs);
  if (reading.valid()) manifest = reading.get();
  if (!loaded) return std::unexpected(loaded.error());
  auto& load = *loaded;
  if (load.all_guides.empty()) {
    return std::unexpected(core::Error::bad_input(
        catalog_folder.string(),
        "holds no guide; expected guides/COMPANY/ROLE.yaml files (docs/catalog.md)"));
  }
  if (auto buildable = check_buildable(load.catalog, load.all_guides); !buildable) {
    return std::unexpected(buildable.error());
  }
  if (!templates) return std::unexpected(templates.error());
  // Figures that rest on too few data points are shown nowhere on the site; the
  // cache below holds the catalog as its files state it.
  catalog::withhold_thin_bands(load.catalog);
  // The cache goes in only with a complete site: its stamps would otherwise hide
  // the changes this build did not record in the manifest.
  std::vector<io::NamedContent> cache;
  if (load.cache) cache.push_back({std::string(kCatalogCache), std::move(*load.cache)});
  auto summary = build_site(load.catalog, *templates, options,
                            {load.to_build, load.all_guides, manifest, load.partial, cache});
  if (!summary) return std::unexpected(summary.error());
  return CatalogBuild{std::move(*summary),  load.all_guides.size(),
                      load.to_build.size(), load.partial,
                      load.parsed,          load.from_cache};
}

}  // namespace negotiateup::render
