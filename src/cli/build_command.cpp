#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "catalog/catalog_files.hpp"
#include "cli/commands.hpp"
#include "cli/defaults.hpp"
#include "render/site_builder.hpp"
#include "render/template_set.hpp"

namespace negotiateup::cli {
namespace {

struct Options {
  std::string catalog = default_catalog();
  std::string templates = default_templates();
  std::string out;
  std::string today;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
};

void draw_progress(std::size_t done, std::size_t total) {
  constexpr int kWidth = 30;
  const int filled = total == 0 ? kWidth : static_cast<int>(done * kWidth / total);
  fmt::print(stderr, "\r[{:=<{}}{: <{}}] {}/{}", "", filled, "", kWidth - filled, done, total);
  if (done == total) fmt::print(stderr, "\n");
}

int run_build(const Options& options) {
  const auto started = std::chrono::steady_clock::now();
  const auto today = parse_today(options.today);
  if (!today) {
    fmt::print(stderr, "negotiateup: --today: expected {}\n", today.error());
    return kExitBadInput;
  }
  // Everything is checked before anything is written.
  const auto catalog = catalog::load_catalog(options.catalog);
  if (!catalog) {
    fmt::print(stderr, "negotiateup: {}\n", catalog.error().to_string());
    return kExitBadInput;
  }
  if (auto buildable = render::check_buildable(*catalog); !buildable) {
    fmt::print(stderr, "negotiateup: {}\n", buildable.error().to_string());
    return kExitBadInput;
  }
  const auto templates = render::TemplateSet::load(options.templates);
  if (!templates) {
    fmt::print(stderr, "negotiateup: {}\n", templates.error().to_string());
    return kExitBadInput;
  }
  render::BuildOptions build{options.out, *today, options.jobs, {}};
  if (::isatty(STDERR_FILENO)) build.progress = draw_progress;
  const auto summary = render::build_site(*catalog, *templates, build);
  if (!summary) {
    fmt::print(stderr, "negotiateup: cannot write the site: {}\n", summary.error());
    return kExitFailed;
  }
  for (const auto& failure : summary->failures) {
    fmt::print(stderr, "negotiateup: {}\n", failure.to_string());
  }
  const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - started;
  fmt::print("built {} guide(s) into {}: {} written, {} unchanged, {} failed in {:.2f} s\n",
             catalog->guides.size(), options.out, summary->written, summary->unchanged,
             summary->failed, seconds.count());
  return summary->failed == 0 ? kExitOk : kExitFailed;
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
  command->add_option("--jobs", options->jobs, "Guides built at once")
      ->check(CLI::Range(1u, 256u))
      ->capture_default_str();
  command->add_option("--templates", options->templates, "Templates folder")->capture_default_str();
  command->callback([options, &status] { status = run_build(*options); });
}

}  // namespace negotiateup::cli
