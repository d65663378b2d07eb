#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "cli/commands.hpp"
#include "cli/defaults.hpp"
#include "cli/jobs_option.hpp"
#include "core/text.hpp"
#include "render/catalog_build.hpp"

namespace negotiateup::cli {
namespace {

struct Options {
  std::string catalog = default_catalog();
  std::string templates = default_templates();
  std::string out;
  std::string today;
  core::Jobs jobs;
};

void draw_progress(std::size_t done, std::size_t total) {
  constexpr int kWidth = 30;
  const int filled = total == 0 ? kWidth : static_cast<int>(done * kWidth / total);
  fmt::print(stderr, "\r[{:=<{}}{: <{}}] {}/{}", "", filled, "", kWidth - filled, done, total);
  if (done == total) fmt::print(stderr, "\n");
}

int run_build(const Options& options) {
  const auto started = std::chrono::steady_clock::now();
  require_folder(options.catalog, "--catalog");
  render::BuildOptions build{options.out, parse_today(options.today), options.jobs, {}};
  if (::isatty(STDERR_FILENO)) build.progress = draw_progress;
  const auto done = checked(render::build_catalog(options.catalog, options.templates, build));
  const auto& summary = done.summary;
  // Only a rebuild is slower without the cache: not the build's failure.
  for (const auto& warning : summary.warnings) warn(warning);
  int status = kExitOk;
  for (const auto& failure : summary.failures) status = std::max(status, report(failure));
  const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - started;
  const auto partial_note = done.partial ? fmt::format("; only guide files changed: {} looked at",
                                                       core::count_of(done.looked_at, "guide"))
                                         : std::string();
  if (summary.failed > 0) {
    fmt::print("{} of {} failed: nothing written, {} is as it was\n", summary.failed,
               core::count_of(done.guides, "guide"), options.out);
    return status;
  }
  fmt::print(
      "built {} into {}: {} written, {} unchanged, {} failed in {:.2f} s ({} parsed, {} "
      "from the cache{})\n",
      core::count_of(done.guides, "guide"), options.out, summary.written, summary.unchanged,
      summary.failed, seconds.count(), core::count_of(done.parsed, "catalog file"), done.from_cache,
      partial_note);
  return status;
}

}  // namespace

void add_build_command(CLI::App& app, int& status) {
  auto* command = app.add_subcommand(
      "build", "Write every guide of a catalog (Markdown, HTML, JSON) and the site's index pages");
  auto options = std::make_shared<Options>();
  command->add_option("--catalog", options->catalog, "Catalog folder")->capture_default_str();
  command->add_option("--out", options->out, "Output folder")->required();
  command->add_option("--today", options->today,
                      "Date that stands in for a missing last_updated (YYYY-MM-DD; default: "
                      "today)");
  add_jobs_option(*command, options->jobs);
  command->add_option("--templates", options->templates, "Templates folder")->capture_default_str();
  command->callback([options, &status] { status = run_build(*options); });
}

}  // namespace negotiateup::cli
