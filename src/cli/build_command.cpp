#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "catalog/cached_load.hpp"
#include "catalog/catalog_files.hpp"
#include "cli/commands.hpp"
#include "cli/defaults.hpp"
#include "cli/jobs_option.hpp"
#include "core/text.hpp"
#include "io/folder.hpp"
#include "render/site_builder.hpp"
#include "render/template_set.hpp"

namespace negotiateup::cli {
namespace {

// Beside the build manifest: the parsed catalog, so that a rebuild reads only the
// catalog files written since.
constexpr std::string_view kCatalogCache = ".negotiateup-catalog.cache";

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
  const auto today = parse_today(options.today);
  require_folder(options.catalog, "--catalog");
  // Everything is checked before anything is written.
  const std::filesystem::path out(options.out);
  // The last build's manifest (5 MB for 100,000 guides) is read while the
  // catalog is listed.
  auto reading =
      core::in_background(options.jobs, [&out] { return render::BuildManifest::read(out); });
  const auto templates = render::TemplateSet::load(options.templates);
  render::BuildManifest manifest;
  const catalog::OutputsPresent outputs_present = [&](std::string_view company,
                                                      std::string_view role) {
    return manifest.outputs_present(company, role);
  };
  const catalog::LastBuild last_build = [&]() -> const catalog::OutputsPresent* {
    manifest = reading.get();
    // Other templates or another date change every guide: nothing to gain.
    const bool same_inputs =
        templates && manifest.inputs() == render::build_inputs(*templates, today);
    return same_inputs ? &outputs_present : nullptr;
  };
  auto loaded =
      catalog::load_catalog_cached(options.catalog, out / kCatalogCache, last_build, options.jobs);
  if (reading.valid()) manifest = reading.get();
  auto load = checked(std::move(loaded));
  const auto& catalog = load.catalog;
  if (load.all_guides.empty()) {
    bad_option("--catalog", fmt::format("'{}' holds no guide; expected guides/COMPANY/ROLE.yaml "
                                        "files (docs/catalog.md)",
                                        options.catalog));
  }
  checked(render::check_buildable(catalog, &load.all_guides));
  checked(templates);
  render::BuildOptions build{out, today, options.jobs, {}};
  if (::isatty(STDERR_FILENO)) build.progress = draw_progress;
  // The cache goes in only with a complete site: its stamps would otherwise hide
  // the changes this build did not record in the manifest.
  std::vector<io::NamedContent> cache;
  if (load.cache) cache.push_back({std::string(kCatalogCache), std::move(*load.cache)});
  const auto summary = checked(render::build_site(
      catalog, *templates, build, {load.to_build, load.all_guides, manifest, load.partial, cache}));
  // Only a rebuild is slower without the cache: not the build's failure.
  for (const auto& warning : summary.warnings) warn(warning);
  int status = kExitOk;
  for (const auto& failure : summary.failures) status = std::max(status, report(failure));
  const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - started;
  const auto partial_note = load.partial
                                ? fmt::format("; only guide files changed: {} looked at",
                                              core::count_of(load.to_build.size(), "guide"))
                                : std::string();
  fmt::print(
      "built {} into {}: {} written, {} unchanged, {} failed in {:.2f} s ({} parsed, {} "
      "from the cache{})\n",
      core::count_of(load.all_guides.size(), "guide"), options.out, summary.written,
      summary.unchanged, summary.failed, seconds.count(),
      core::count_of(load.parsed, "catalog file"), load.from_cache, partial_note);
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
