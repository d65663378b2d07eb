#include <fmt/format.h>
#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <limits>
#include <string>

#include "cli/commands.hpp"
#include "cli/defaults.hpp"
#include "cli/jobs_option.hpp"
#include "core/text.hpp"
#include "server/server.hpp"
#include "store/store.hpp"
#include "web/site.hpp"
#include "web/submission_inbox.hpp"

namespace negotiateup::cli {
namespace {

struct Options {
  std::string catalog = default_catalog();
  std::string templates = default_templates();
  std::string listen = "127.0.0.1:8080";
  bool watch = false;
  std::string db = default_store();
  bool no_rate_limit = false;
  core::Jobs jobs;
};

// Signals are taken by this thread alone, with sigwait: blocked here before the
// server's threads start, so that they inherit the mask and a reload runs as
// ordinary code rather than in a signal handler.
sigset_t block_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&signals, signal);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

int run_serve(const Options& options) {
  require_folder(options.catalog, "--catalog");
  require_folder(options.templates, "--templates");
  server::ServerOptions serving;
  checked(server::parse_listen(options.listen, "--listen", serving));
  serving.threads = options.jobs.threads_for(std::numeric_limits<std::size_t>::max());
  if (options.watch) serving.watch = {options.catalog, options.templates};
  if (options.no_rate_limit) serving.rate_limits.clear();
  web::SiteOptions site_options{options.catalog, options.templates, options.jobs};
  site_options.live_reload = options.watch;
  site_options.submissions =
      std::make_shared<web::SubmissionInbox>(checked(store::open_store(options.db, options.jobs)));
  const auto signals = block_signals();
  auto site = checked(web::Site::load(site_options));
  const auto guides = site->snapshot().catalog().guides.size();
  auto server = checked(server::Server::start(
      serving, std::move(site), [site_options] { return web::Site::load(site_options); }));
  fmt::print("serving {} on {} ({}Ctrl-C stops)\n", core::count_of(guides, "guide"),
             server->address(), options.watch ? "watching for changes; " : "");
  std::fflush(stdout);
  for (;;) {
    int signal = 0;
    if (sigwait(&signals, &signal) != 0) continue;
    if (signal != SIGHUP) break;
    if (server->reload()) {
      fmt::print(stderr, "negotiateup serve: reloaded on SIGHUP\n");
    }
  }
  server.reset();
  return kExitOk;
}

}  // namespace

void add_serve_command(CLI::App& app, int& status) {
  auto* command = app.add_subcommand(
      "serve", "Serve the site (guides, search, the offer calculator, the API) over HTTP");
  auto options = std::make_shared<Options>();
  command->add_option("--catalog", options->catalog, "Catalog folder")->capture_default_str();
  command->add_option("--templates", options->templates, "Templates folder")->capture_default_str();
  command
      ->add_option("--listen", options->listen,
                   "Address to listen on, HOST:PORT (port 0: any free port)")
      ->capture_default_str();
  command
      ->add_option("--db", options->db,
                   "Store that keeps the submissions: a SQLite file, or postgresql://...")
      ->capture_default_str();
  command->add_flag("--watch", options->watch,
                    "Reload when a catalog or template file changes (SIGHUP always reloads)");
  command->add_flag("--no-rate-limit", options->no_rate_limit,
                    "Let any client evaluate offers and send submissions as fast as it asks "
                    "(a benchmark, or behind a proxy that limits)");
  add_jobs_option(*command, options->jobs);
  command->callback([options, &status] { status = run_serve(*options); });
}

}  // namespace negotiateup::cli
