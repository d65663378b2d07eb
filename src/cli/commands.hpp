#pragma once

#include <CLI/CLI.hpp>

namespace negotiateup::cli {

// Exit statuses (../shared/spec/cli.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitBadInput = 2;

// Each subcommand registers itself on `app`; when it is chosen and run, it stores
// its exit status in `status`.
void add_parse_command(CLI::App& app, int& status);
void add_import_command(CLI::App& app, int& status);
void add_build_command(CLI::App& app, int& status);
void add_audit_command(CLI::App& app, int& status);
void add_offer_command(CLI::App& app, int& status);
void add_ingest_command(CLI::App& app, int& status);
void add_aggregate_command(CLI::App& app, int& status);

}  // namespace negotiateup::cli
