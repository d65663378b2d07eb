#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog_files.hpp"
#include "cli/commands.hpp"
#include "cli/defaults.hpp"
#include "cli/jobs_option.hpp"
#include "ingest/ingest.hpp"
#include "ingest/profile.hpp"
#include "store/store.hpp"

namespace negotiateup::cli {
namespace {

struct Options {
  std::vector<std::string> files;
  std::string db;  // default: negotiateup.db beside the catalog folder
  std::string rejects;
  std::string profile;
  std::string catalog = default_catalog();
  core::Jobs jobs;
};

int run_ingest(const Options& options) {
  // A profile and its catalog are read and checked before the store is touched.
  std::optional<catalog::Catalog> catalog;
  std::unique_ptr<ingest::RowMapper> mapper;
  if (!options.profile.empty()) {
    const auto profile = ingest::find_profile(options.profile, default_profiles());
    if (!profile) {
      fmt::print(stderr, "negotiateup: {}\n", profile.error().to_string());
      return kExitBadInput;
    }
    auto loaded = catalog::load_catalog(options.catalog, options.jobs);
    if (!loaded) {
      fmt::print(stderr, "negotiateup: {}\n", loaded.error().to_string());
      return kExitBadInput;
    }
    catalog = std::move(*loaded);
    auto made = ingest::make_row_mapper(*profile, *catalog);
    if (!made) {
      fmt::print(stderr, "negotiateup: {}\n", made.error().to_string());
      return kExitBadInput;
    }
    mapper = std::move(*made);
  }
  auto store = store::open_store(options.db.empty() ? default_store(options.catalog) : options.db,
                                 options.jobs);
  if (!store) {
    fmt::print(stderr, "negotiateup: {}\n", store.error());
    return kExitBadInput;
  }
  int status = kExitOk;
  ingest::IngestOptions ingest_options;
  if (!options.rejects.empty()) ingest_options.rejects = options.rejects;
  ingest_options.mapper = mapper.get();
  for (const auto& file : options.files) {
    // One file, one transaction: a bad file is reported and the next one goes on.
    const auto summary = ingest::ingest_file(file, **store, ingest_options);
    if (!summary) {
      fmt::print(stderr, "negotiateup: {}\n", summary.error());
      status = kExitBadInput;
      continue;
    }
    for (const auto& rejection : summary->first_rejections) {
      fmt::print(stderr, "{}:{}: {}\n", file, rejection.record, rejection.reason);
    }
    if (summary->rejected > summary->first_rejections.size()) {
      fmt::print(stderr, "{}: {} more rejected rows, each with its reason in {}\n", file,
                 summary->rejected - summary->first_rejections.size(), summary->rejects.string());
    }
    fmt::print("{}: read {}, stored {}, duplicate {}, flagged {}, rejected {}{}\n", file,
               summary->read, summary->stored, summary->duplicate, summary->flagged,
               summary->rejected,
               summary->rejected ? fmt::format(" (see {})", summary->rejects.string()) : "");
  }
  return status;
}

}  // namespace

void add_ingest_command(CLI::App& app, int& status) {
  auto* command = app.add_subcommand(
      "ingest",
      "Load raw pay data points (CSV or JSON Lines; canonical columns, or another layout "
      "through a profile) into the store");
  auto options = std::make_shared<Options>();
  command->add_option("FILE", options->files, "Data files (.csv, .jsonl)")->required();
  command->add_option("--db", options->db,
                      "sqlite:PATH or postgresql://... (default: negotiateup.db beside the "
                      "catalog folder)");
  command->add_option("--rejects", options->rejects,
                      "Quarantine report for rejected rows (default FILE.rejects.csv)");
  command->add_option("--profile", options->profile,
                      "Layout of the files: a profile name (levels-fyi, aijobs; from " +
                          default_profiles() + ") or a profile file");
  command
      ->add_option("--catalog", options->catalog,
                   "Catalog whose companies, level mappings and regions a profile maps to")
      ->capture_default_str();
  add_jobs_option(*command, options->jobs);
  command->callback([options, &status] { status = run_ingest(*options); });
}

}  // namespace negotiateup::cli
