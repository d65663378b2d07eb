#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <vector>

#include "catalog/catalog_files.hpp"
#include "catalog/import.hpp"
#include "cli/commands.hpp"
#include "core/text.hpp"
#include "guide/guide_parser.hpp"

namespace negotiateup::cli {
namespace {

struct Options {
  std::vector<std::string> guides;
  std::string catalog;
};

int run_import(const Options& options) {
  // Everything is read and checked before anything is written; the catalog
  // folder is created when missing.
  auto catalog = checked(catalog::load_catalog(options.catalog));
  catalog::ImportReport report;
  for (const auto& path : options.guides) {
    const auto parsed = checked(guide::parse_guide_file(path));
    checked(catalog::import_guide(catalog, parsed, path, report));
  }
  checked(catalog::validate_catalog(catalog));
  for (const auto& warning : report.warnings) warn(warning.to_string());
  const auto saved = checked(catalog::save_catalog(catalog, options.catalog));
  fmt::print(
      "imported {} into {}: {} added, {} updated; {}, {}, {} added; {} written, {} unchanged\n",
      core::count_of(options.guides.size(), "guide"), options.catalog,
      core::count_of(report.guides_added, "guide"), report.guides_updated,
      core::count_of(report.companies_added, "company", "companies"),
      core::count_of(report.roles_added, "role"), core::count_of(report.regions_added, "region"),
      core::count_of(saved.written, "file"), saved.unchanged);
  return kExitOk;
}

}  // namespace

void add_import_command(CLI::App& app, int& status) {
  auto* command = app.add_subcommand(
      "import",
      "Add or update guides' companies, roles, regions, bands and level mappings in a "
      "catalog");
  auto options = std::make_shared<Options>();
  command->add_option("GUIDE", options->guides, "Guide files (with or without front matter)")
      ->required();
  command->add_option("--catalog", options->catalog, "Catalog folder (created if missing)")
      ->required();
  command->callback([options, &status] { status = run_import(*options); });
}

}  // namespace negotiateup::cli
