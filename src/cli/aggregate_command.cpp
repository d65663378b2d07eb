#include <fmt/format.h>

#include <string>

#include "aggregate/aggregate.hpp"
#include "aggregate/band_update.hpp"
#include "catalog/catalog_files.hpp"
#include "cli/commands.hpp"
#include "cli/defaults.hpp"
#include "cli/jobs_option.hpp"
#include "core/text.hpp"
#include "store/store.hpp"

namespace negotiateup::cli {
namespace {

struct Options {
  std::string catalog;  // required: aggregate writes into it
  std::string db = default_store();
  std::string quarter;
  int window = 4;
  std::string today;
  bool dry_run = false;
  core::Jobs jobs;
};

int run_aggregate(const Options& options) {
  require_folder(options.catalog, "--catalog");
  auto catalog = checked(catalog::load_catalog(options.catalog, options.jobs));
  aggregate::Window window{{}, options.window};
  if (options.quarter.empty()) {
    // The last quarter that has ended.
    window.last = core::add_quarters(core::quarter_of(parse_today(options.today)), -1);
  } else {
    const auto quarter = core::parse_quarter(options.quarter);
    if (!quarter) bad_option("--quarter", "expected " + quarter.error());
    window.last = *quarter;
  }
  auto store = checked(store::open_existing_store(options.db, options.jobs));
  const auto aggregation = aggregate::aggregate_points(*store, catalog, window, options.jobs);
  const auto update = aggregate::update_bands(aggregation, catalog);
  fmt::print("{}", aggregate::format_update(update, aggregation, catalog.policy.aggregation));
  if (options.dry_run) return kExitOk;
  const auto saved = checked(catalog::save_catalog(catalog, options.catalog));
  fmt::print("catalog {}: {} written, {} unchanged\n", options.catalog,
             core::count_of(saved.written, "file"), saved.unchanged);
  return kExitOk;
}

}  // namespace

void add_aggregate_command(CLI::App& app, int& status) {
  auto* command = app.add_subcommand(
      "aggregate", "Compute bands from the stored data points and write them into the catalog");
  auto options = std::make_shared<Options>();
  command->add_option("--catalog", options->catalog, "Catalog folder whose bands are updated")
      ->required();
  command
      ->add_option("--db", options->db,
                   "The store: a file (SQLite), sqlite:PATH or postgresql://...")
      ->capture_default_str();
  command->add_option("--quarter", options->quarter,
                      "Last quarter of the window, e.g. 2025-Q4 (default: the last quarter that "
                      "has ended)");
  command->add_option("--window", options->window, "Quarters in the window")
      ->capture_default_str()
      ->check(CLI::Range(1, 400));
  command->add_option("--today", options->today, "Today's date, YYYY-MM-DD (default: today)");
  command->add_flag("--dry-run", options->dry_run, "Report the changes, write nothing");
  add_jobs_option(*command, options->jobs);
  command->callback([options, &status] { status = run_aggregate(*options); });
}

}  // namespace negotiateup::cli
