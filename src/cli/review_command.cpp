#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_files.hpp"
#include "cli/commands.hpp"
#include "cli/defaults.hpp"
#include "cli/jobs_option.hpp"
#include "core/enum_names.hpp"
#include "core/text.hpp"
#include "review/flags.hpp"
#include "review/report.hpp"
#include "store/store.hpp"

namespace negotiateup::cli {
namespace {

struct Options {
  std::string db = default_store();
  std::string catalog = default_catalog();
  std::string status = "pending";
  bool json = false;
  std::vector<std::int64_t> approve;
  std::vector<std::int64_t> reject;
  bool approve_unflagged = false;
  std::string reject_flagged;
  std::string reason;
  core::Jobs jobs;
};

std::string id_list(const std::vector<std::int64_t>& ids) {
  std::string text;
  for (const auto id : ids) text += (text.empty() ? "" : ", ") + std::to_string(id);
  return text;
}

std::optional<store::SubmissionStatus> status_option(const std::string& text) {
  if (text == "all") return std::nullopt;
  const auto status = core::parse_name<store::SubmissionStatus>(text);
  if (!status) {
    std::string choice;
    for (const auto& entry : store::kSubmissionStatusNames)
      choice += fmt::format("{}, ", entry.name);
    bad_option("--status",
               fmt::format("expected {}or all, not '{}'", choice, core::printable(text)));
  }
  return status;
}

catalog::Catalog load_catalog(const Options& options) {
  require_folder(options.catalog, "--catalog");
  return checked(catalog::load_catalog(options.catalog, options.jobs));
}

// The pending submissions a rule picks, by their flags.
std::vector<std::int64_t> chosen_by_rule(store::Store& store, const Options& options) {
  if (!options.reject_flagged.empty() &&
      std::ranges::find(review::kFlags, options.reject_flagged) == std::end(review::kFlags)) {
    std::string known;
    for (const auto flag : review::kFlags) known += (known.empty() ? "" : ", ") + std::string(flag);
    bad_option("--reject-flagged", fmt::format("unknown flag '{}'; expected one of: {}",
                                               core::printable(options.reject_flagged), known));
  }
  const auto flagged =
      review::flag_submissions(store, load_catalog(options), store::SubmissionStatus::pending);
  std::vector<std::int64_t> ids;
  for (const auto& entry : flagged) {
    const bool chosen =
        options.approve_unflagged ? entry.flags.empty() : entry.has_flag(options.reject_flagged);
    if (chosen) ids.push_back(entry.submission.id);
  }
  return ids;
}

int decide(store::Store& store, const Options& options) {
  const bool approving = !options.approve.empty() || options.approve_unflagged;
  const auto status =
      approving ? store::SubmissionStatus::approved : store::SubmissionStatus::rejected;
  const auto option = !options.approve.empty()    ? "--approve"
                      : !options.reject.empty()   ? "--reject"
                      : options.approve_unflagged ? "--approve-unflagged"
                                                  : "--reject-flagged";
  if (!approving && core::trim(options.reason).empty())
    bad_option(option, "a rejection needs --reason TEXT, kept with the decision");
  const bool by_rule = options.approve_unflagged || !options.reject_flagged.empty();
  const auto ids = by_rule                    ? chosen_by_rule(store, options)
                   : !options.approve.empty() ? options.approve
                                              : options.reject;
  if (ids.empty()) {
    fmt::print("no pending submission {}; nothing changed\n",
               options.approve_unflagged
                   ? std::string("is unflagged")
                   : fmt::format("is flagged {}", core::printable(options.reject_flagged)));
    return kExitOk;
  }
  const auto unknown = store.decide(ids, status, options.reason);
  if (!unknown.empty()) {
    bad_option(option, fmt::format("no submission has the id{} {}; nothing was changed",
                                   unknown.size() == 1 ? "" : "s", id_list(unknown)));
  }
  fmt::print(
      "{} {}: {}{}\n", core::name_of(status), core::count_of(ids.size(), "submission"),
      id_list(ids),
      options.reason.empty() ? "" : fmt::format(" (reason: {})", core::printable(options.reason)));
  return kExitOk;
}

int run_review(const Options& options) {
  const bool acting = !options.approve.empty() || !options.reject.empty() ||
                      options.approve_unflagged || !options.reject_flagged.empty();
  const auto status = status_option(options.status);
  auto store = checked(store::open_existing_store(options.db, options.jobs));
  if (acting) return decide(*store, options);
  const auto flagged = review::flag_submissions(*store, load_catalog(options), status);
  fmt::print("{}",
             options.json ? review::format_json(flagged) : review::format_text(flagged, status));
  return kExitOk;
}

}  // namespace

void add_review_command(CLI::App& app, int& status) {
  auto* command = app.add_subcommand(
      "review",
      "List submissions with the flags a moderator needs, oldest first; approve or reject them, "
      "by id or by rule (docs/submissions.md)");
  auto options = std::make_shared<Options>();
  command
      ->add_option("--db", options->db,
                   "The store: a file (SQLite), sqlite:PATH or postgresql://...")
      ->capture_default_str();
  command->add_option("--catalog", options->catalog, "Catalog the names are resolved against")
      ->capture_default_str();
  auto* listed_status = command
                            ->add_option("--status", options->status,
                                         "Which to list: pending, approved, rejected or all")
                            ->capture_default_str();
  auto* json = command->add_flag("--json", options->json, "List as JSON");
  // One action at a time, and the listing's options only without one.
  const std::vector<CLI::Option*> actions{
      command->add_option("--approve", options->approve, "Approve these submissions (ids)"),
      command->add_option("--reject", options->reject,
                          "Reject these submissions (ids); needs --reason"),
      command->add_flag("--approve-unflagged", options->approve_unflagged,
                        "Approve every pending submission without flags"),
      command->add_option("--reject-flagged", options->reject_flagged,
                          "Reject every pending submission with this flag; needs --reason")};
  for (auto* action : actions) {
    for (auto* other : actions) {
      if (other != action) action->excludes(other);
    }
    action->excludes(listed_status)->excludes(json);
  }
  command->add_option("--reason", options->reason, "Why: kept with the decision");
  add_jobs_option(*command, options->jobs);
  command->callback([options, &status] { status = run_review(*options); });
}

}  // namespace negotiateup::cli
