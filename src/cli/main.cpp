#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/commands.hpp"

// Wires the command line to the modules; every subcommand lives in its own file.
int main(int argc, char** argv) {
  using namespace negotiateup::cli;
  CLI::App app{"negotiateup: salary-negotiation guides, computed from a catalog of pay bands"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "negotiateup 0.1.0");
  int status = kExitOk;
  add_parse_command(app, status);
  add_import_command(app, status);
  add_build_command(app, status);
  add_audit_command(app, status);
  add_offer_command(app, status);
  add_ingest_command(app, status);
  add_aggregate_command(app, status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --version are "errors" with status 0; usage errors are ours: 2.
    return app.exit(error) == 0 ? kExitOk : kExitBadInput;
  } catch (const std::exception& error) {
    fmt::print(stderr, "negotiateup: internal error: {}\n", error.what());
    return kExitFailed;
  }
  return status;
}
