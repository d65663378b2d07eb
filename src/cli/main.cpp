#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/commands.hpp"

// jemalloc's options, read when it starts: its large extents on transparent huge
// pages, so that memory filled once (SQLite's cache, an ingest's hashes, a build's
// guides) costs a page fault per 2 MiB rather than per 4 KiB. Page faults were a
// fifth of an ingest on this virtual machine. One arena: the program starts short
// threads phase after phase, and with an arena per thread each phase faulted in
// huge pages of its own; a one-band rebuild of 100,000 guides took 0.30 s with
// the default eight arenas and 0.26 s with one (medians of six), while full
// builds, ingests and aggregates on two cores took the same time
// (docs/benchmarks.md).
extern "C" const char* malloc_conf;
const char* malloc_conf = "thp:always,narenas:1";

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
