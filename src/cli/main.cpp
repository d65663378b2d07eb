#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <string_view>

#include "cli/commands.hpp"
#include "cli/report.hpp"
#include "core/text.hpp"

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

namespace {

using namespace negotiateup;

// `negotiateup help [COMMAND]` as `--help`; a word that is no subcommand is refused
// with the nearest one, before CLI11 would call it "not expected".
int check_subcommand(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return -1;
  const std::string_view word = argv[1];
  const auto commands = app.get_subcommands([](const CLI::App*) { return true; });
  const CLI::App* nearest = nullptr;
  const CLI::App* asked_about = nullptr;
  std::size_t best = std::string::npos;
  for (const auto* command : commands) {
    if (command->get_name() == word) return -1;
    if (argc > 2 && command->get_name() == argv[2]) asked_about = command;
    const auto distance = core::edit_distance(word, command->get_name());
    if (distance < best) best = distance, nearest = command;
  }
  if (word == "help") {
    fmt::print("{}", asked_about ? asked_about->help() : app.help());
    return cli::kExitOk;
  }
  const auto suggestion = nearest && best <= 2
                              ? fmt::format("; did you mean '{}'?", nearest->get_name())
                              : std::string();
  return cli::report(core::Error::bad_input(
      {}, fmt::format("unknown command '{}'{} (negotiateup --help lists them)", word, suggestion)));
}

}  // namespace

// Wires the command line to the modules; every subcommand lives in its own file.
int main(int argc, char** argv) {
  using namespace negotiateup::cli;
  CLI::App app{"negotiateup: salary-negotiation guides, computed from a catalog of pay bands"};
  app.name("negotiateup");
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
  add_unresolved_command(app, status);
  add_review_command(app, status);
  add_serve_command(app, status);
  try {
    if (const int early = check_subcommand(app, argc, argv); early >= 0) return early;
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --version are "errors" with status 0; usage errors are ours: 2.
    return app.exit(error) == 0 ? kExitOk : kExitBadInput;
  } catch (const negotiateup::core::Exception& error) {
    return report(error.error());
  } catch (const std::exception& error) {
    return report(negotiateup::core::Error::internal(error.what()));
  }
  return status;
}
