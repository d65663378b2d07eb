#include "render/site_snapshot.hpp"

#include "catalog/catalog_files.hpp"
#include "catalog/thin_bands.hpp"
#include "render/site_builder.hpp"

namespace negotiateup::render {

SiteSnapshot::SiteSnapshot(catalog::Catalog catalog, TemplateSet templates)
    : catalog_(std::move(catalog)), lookup_(catalog_), templates_(std::move(templates)) {}

core::Result<std::shared_ptr<const SiteSnapshot>> SiteSnapshot::load(
    const std::filesystem::path& catalog_folder, const std::filesystem::path& templates_folder,
    core::Jobs jobs) {
  auto catalog = catalog::load_catalog(catalog_folder, jobs);
  if (!catalog) return std::unexpected(catalog.error());
  if (auto buildable = check_buildable(*catalog); !buildable) {
    return std::unexpected(buildable.error());
  }
  // Figures that rest on too few data points are shown nowhere on the site.
  catalog::withhold_thin_bands(*catalog);
  auto templates = TemplateSet::load(templates_folder);
  if (!templates) return std::unexpected(templates.error());
  // Not make_shared: the constructor is private.
  return std::shared_ptr<const SiteSnapshot>(
      new SiteSnapshot(std::move(*catalog), std::move(*templates)));
}

}  // namespace negotiateup::render
