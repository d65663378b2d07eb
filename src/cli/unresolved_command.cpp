#include <fmt/format.h>

#include <memory>
#include <string>

#include "aggregate/unresolved.hpp"
#include "catalog/catalog_files.hpp"
#include "cli/commands.hpp"
#include "cli/defaults.hpp"
#include "cli/jobs_option.hpp"
#include "core/text.hpp"
#include "store/store.hpp"

namespace negotiateup::cli {
namespace {

struct Options {
  std::string db = default_store();
  std::string catalog = default_catalog();
  std::size_t top = 20;
  core::Jobs jobs;
};

int run_unresolved(const Options& options) {
  require_folder(options.catalog, "--catalog");
  const auto catalog = checked(catalog::load_catalog(options.catalog, options.jobs));
  auto store = checked(store::open_existing_store(options.db, options.jobs));
  const auto unresolved = aggregate::unresolved_companies(*store, catalog, options.top);
  if (unresolved.companies == 0) {
    fmt::print("every company of the stored points is in the catalog\n");
    return kExitOk;
  }
  for (const auto& company : unresolved.most)
    fmt::print("{:>14}  {}\n", core::count_of(company.points, "point"),
               core::printable(company.name));
  fmt::print("{} the catalog does not know, {}{}\n",
             core::count_of(unresolved.companies, "company", "companies"),
             core::count_of(unresolved.points, "point"),
             unresolved.most.size() < unresolved.companies
                 ? fmt::format("; the {} with the most points above", unresolved.most.size())
                 : std::string());
  return kExitOk;
}

}  // namespace

void add_unresolved_command(CLI::App& app, int& status) {
  auto* command = app.add_subcommand(
      "unresolved",
      "List the companies the stored data points name and the catalog does not know, most "
      "points first: the guides the data could support next");
  auto options = std::make_shared<Options>();
  command
      ->add_option("--db", options->db,
                   "The store: a file (SQLite), sqlite:PATH or postgresql://...")
      ->capture_default_str();
  command->add_option("--catalog", options->catalog, "Catalog whose companies are known")
      ->capture_default_str();
  command->add_option("--top", options->top, "How many companies to list")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
  add_jobs_option(*command, options->jobs);
  command->callback([options, &status] { status = run_unresolved(*options); });
}

}  // namespace negotiateup::cli
