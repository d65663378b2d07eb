#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "audit/auditor.hpp"
#include "audit/report.hpp"
#include "catalog/catalog_files.hpp"
#include "cli/commands.hpp"
#include "cli/defaults.hpp"
#include "cli/jobs_option.hpp"

namespace negotiateup::cli {
namespace {

struct Options {
  std::vector<std::string> paths;
  std::string today;
  std::string format = "text";
  std::string catalog;  // only for its policy
  core::Jobs jobs;
};

int run_audit(const Options& options) {
  audit::AuditSettings settings{{}, parse_today(options.today)};
  if (!options.catalog.empty()) {
    require_folder(options.catalog, "--catalog");
    settings.policy = checked(catalog::load_catalog(options.catalog, options.jobs)).policy;
  }
  const std::vector<std::filesystem::path> paths(options.paths.begin(), options.paths.end());
  const auto files = checked(audit::collect_guides(paths));
  const auto result = audit::audit_files(files, settings, options.jobs);
  if (options.format == "json") {
    fmt::print("{}", audit::json_report(result));
  } else if (options.format == "sarif") {
    fmt::print("{}", audit::sarif_report(result));
  } else {
    fmt::print("{}", audit::text_report(result));
  }
  const bool any_error =
      std::any_of(result.findings.begin(), result.findings.end(),
                  [](const auto& f) { return f.severity == audit::Severity::error; });
  return any_error ? kExitFailed : kExitOk;
}

}  // namespace

void add_audit_command(CLI::App& app, int& status) {
  auto* command = app.add_subcommand(
      "audit",
      "Check guides (files or folders) for wrong arithmetic, inconsistent tables and "
      "stale figures");
  auto options = std::make_shared<Options>();
  command->add_option("PATH", options->paths, "Guide files or folders (walked for .md files)")
      ->required();
  command->add_option("--today", options->today,
                      "Date for review-overdue (YYYY-MM-DD; default: today)");
  command->add_option("--format", options->format, "Output: text, json or sarif")
      ->check(CLI::IsMember({"text", "json", "sarif"}))
      ->capture_default_str();
  command->add_option("--catalog", options->catalog,
                      "Catalog whose policy.yaml sets the review interval and tolerances");
  add_jobs_option(*command, options->jobs);
  command->callback([options, &status] { status = run_audit(*options); });
}

}  // namespace negotiateup::cli
