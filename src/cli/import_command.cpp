#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <vector>

#include "catalog/catalog_files.hpp"
#include "catalog/import.hpp"
#include "cli/commands.hpp"
#include "guide/guide_parser.hpp"

namespace negotiateup::cli {
namespace {

struct Options {
  std::vector<std::string> guides;
  std::string catalog;
};

int run_import(const Options& options) {
  // Everything is read and checked before anything is written.
  auto catalog = catalog::load_catalog(options.catalog);
  if (!catalog) {
    fmt::print(stderr, "negotiateup: {}\n", catalog.error().to_string());
    return kExitBadInput;
  }
  catalog::ImportReport report;
  for (const auto& path : options.guides) {
    const auto parsed = guide::parse_guide_file(path);
    if (!parsed) {
      fmt::print(stderr, "negotiateup: {}\n", parsed.error().to_string());
      return kExitBadInput;
    }
    if (auto imported = catalog::import_guide(*catalog, *parsed, path, report); !imported) {
      fmt::print(stderr, "negotiateup: {}\n", imported.error().to_string());
      return kExitBadInput;
    }
  }
  if (auto valid = catalog::validate_catalog(*catalog); !valid) {
    fmt::print(stderr, "negotiateup: {}\n", valid.error().to_string());
    return kExitBadInput;
  }
  for (const auto& warning : report.warnings) {
    fmt::print(stderr, "negotiateup: warning: {}\n", warning.to_string());
  }
  const auto saved = catalog::save_catalog(*catalog, options.catalog);
  if (!saved) {
    fmt::print(stderr, "negotiateup: cannot write the catalog: {}\n", saved.error());
    return kExitFailed;
  }
  fmt::print(
      "imported {} guide(s) into {}: {} guide(s) added, {} updated; {} company(ies), {} role(s), "
      "{} region(s) added; {} file(s) written, {} unchanged\n",
      options.guides.size(), options.catalog, report.guides_added, report.guides_updated,
      report.companies_added, report.roles_added, report.regions_added, saved->written,
      saved->unchanged);
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
