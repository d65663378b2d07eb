#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog_files.hpp"
#include "cli/commands.hpp"
#include "cli/defaults.hpp"
#include "cli/jobs_option.hpp"
#include "core/text.hpp"
#include "ingest/ingest.hpp"
#include "ingest/profile.hpp"
#include "store/store.hpp"

namespace negotiateup::cli {
namespace {

struct Options {
  std::vector<std::string> files;
  std::string db = default_store();
  std::string rejects;  // default: FILE.rejects.csv beside the store
  std::string profile;
  std::string catalog = default_catalog();
  core::Jobs jobs;
};

// "  unresolved companies, 20 most frequent of 1,631:" and a line per name.
void print_unresolved(std::string_view kind, const ingest::NameCounts& counts) {
  if (counts.names == 0) return;
  fmt::print("  unresolved {}{}:\n", kind,
             counts.names > counts.most.size()
                 ? fmt::format(", {} most frequent of {}", counts.most.size(), counts.names)
                 : std::string());
  for (const auto& [name, points] : counts.most)
    fmt::print("  {:>12}  {}\n", core::count_of(points, "point"), core::printable(name));
}

// `with_catalog`: the file went through a profile, which tells which names the
// catalog does not know.
// The file's name, the names and the values reasons quote come from the input:
// their control characters are shown escaped.
void print_summary(const std::string& name, const ingest::IngestSummary& summary,
                   bool with_catalog) {
  const auto file = core::printable(name);
  for (const auto& rejection : summary.first_rejections) {
    fmt::print(stderr, "{}:{}: {}\n", file, rejection.record, core::printable(rejection.reason));
  }
  if (summary.rejected > summary.first_rejections.size()) {
    fmt::print(stderr, "{}: {} more, each with its reason in {}\n", file,
               core::count_of(summary.rejected - summary.first_rejections.size(), "rejected row"),
               core::printable(summary.rejects.string()));
  }
  fmt::print(
      "{}: read {}, stored {}, duplicate {}, flagged {}, {}rejected {}{}\n", file, summary.read,
      summary.stored, summary.duplicate, summary.flagged,
      with_catalog ? fmt::format("unresolved {}, ", summary.unresolved) : std::string(),
      summary.rejected,
      summary.rejected ? fmt::format(" (see {})", core::printable(summary.rejects.string())) : "");
  // The reasons, most rows first.
  std::vector<std::pair<std::size_t, std::string>> reasons;
  for (const auto& [reason, count] : summary.rejected_by_reason)
    reasons.emplace_back(count, reason);
  std::stable_sort(reasons.begin(), reasons.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [count, reason] : reasons) {
    fmt::print("  {:>9}  {}\n", core::count_of(count, "row"), core::printable(reason));
  }
  // Stored, and used by aggregate once the catalog knows these names.
  print_unresolved("companies", summary.unresolved_companies);
  print_unresolved("levels", summary.unresolved_roles);
  print_unresolved("regions", summary.unresolved_regions);
}

int run_ingest(const Options& options) {
  // The files, a profile and its catalog are checked before the store is touched.
  for (const auto& file : options.files) {
    require_input_file(file, "a data file (.csv, .jsonl)");
  }
  if (!options.rejects.empty() && options.files.size() > 1) {
    bad_option("--rejects", "names one report; expected one input file with it");
  }
  std::optional<catalog::Catalog> catalog;
  std::unique_ptr<ingest::RowMapper> mapper;
  if (!options.profile.empty()) {
    const auto profile = checked(ingest::find_profile(options.profile, default_profiles()));
    require_folder(options.catalog, "--catalog");
    catalog = checked(catalog::load_catalog(options.catalog, options.jobs));
    mapper = checked(ingest::make_row_mapper(profile, *catalog));
  }
  auto store = checked(store::open_store(options.db, options.jobs));
  int status = kExitOk;
  ingest::IngestOptions ingest_options;
  ingest_options.mapper = mapper.get();
  for (const auto& file : options.files) {
    ingest_options.rejects = options.rejects.empty() ? default_rejects(options.db, file)
                                                     : std::filesystem::path(options.rejects);
    // One file, one transaction: a bad file is reported and the next one goes on.
    const auto summary = ingest::ingest_file(file, *store, ingest_options);
    if (!summary) {
      status = std::max(status, report(summary.error()));
      continue;
    }
    print_summary(file, *summary, mapper != nullptr);
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
  command
      ->add_option("--db", options->db,
                   "The store: a file (SQLite), sqlite:PATH or postgresql://...")
      ->capture_default_str();
  command->add_option(
      "--rejects", options->rejects,
      "Quarantine report of the rejected rows (default: FILE.rejects.csv beside the store)");
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
