#include <fmt/format.h>

#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "ingest/ingest.hpp"
#include "store/store.hpp"

namespace negotiateup::cli {
namespace {

struct Options {
  std::vector<std::string> files;
  std::string db = "sqlite:negotiateup.db";
  std::string rejects;
};

int run_ingest(const Options& options) {
  auto store = store::open_store(options.db);
  if (!store) {
    fmt::print(stderr, "negotiateup: {}\n", *store ? "" : store.error());
    return kExitBadInput;
  }
  int status = kExitOk;
  ingest::IngestOptions ingest_options;
  if (!options.rejects.empty()) ingest_options.rejects = options.rejects;
  for (const auto& file : options.files) {
    // One file, one transaction: a bad file is reported and the next one goes on.
    const auto summary = ingest::ingest_file(file, **store, ingest_options);
    if (!summary) {
      fmt::print(stderr, "negotiateup: {}\n", summary.error());
      status = kExitBadInput;
      continue;
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
      "ingest", "Load raw pay data points (CSV or JSON Lines, canonical columns) into the store");
  auto options = std::make_shared<Options>();
  command->add_option("FILE", options->files, "Data files (.csv, .jsonl)")->required();
  command->add_option("--db", options->db, "sqlite:PATH")->capture_default_str();
  command->add_option("--rejects", options->rejects,
                      "Quarantine report for rejected rows (default FILE.rejects.csv)");
  command->callback([options, &status] { status = run_ingest(*options); });
}

}  // namespace negotiateup::cli
