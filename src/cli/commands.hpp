#pragma once

#include <CLI/CLI.hpp>

#include "cli/report.hpp"

namespace negotiateup::cli {

// Each subcommand registers itself on `app`; when it is chosen and run, it stores
// its exit status in `status`, or throws core::Exception, which main reports
// (cli/report.hpp).
void add_parse_command(CLI::App& app, int& status);
void add_import_command(CLI::App& app, int& status);
void add_build_command(CLI::App& app, int& status);
void add_audit_command(CLI::App& app, int& status);
void add_offer_command(CLI::App& app, int& status);
void add_ingest_command(CLI::App& app, int& status);
void add_aggregate_command(CLI::App& app, int& status);
void add_serve_command(CLI::App& app, int& status);
void add_unresolved_command(CLI::App& app, int& status);
void add_review_command(CLI::App& app, int& status);

}  // namespace negotiateup::cli
