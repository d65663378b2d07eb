#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string_view>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "render/site_snapshot.hpp"
#include "web/http.hpp"

namespace negotiateup::web {

class Pages;   // web/pages.hpp: the HTML pages, rendered at load
class Api;     // web/api.hpp: /api/v1 and the offer calculator
class Submit;  // web/submit.hpp: /submit and /api/v1/submissions
class SubmissionInbox;

struct SiteOptions {
  std::filesystem::path catalog;
  std::filesystem::path templates;
  core::Jobs jobs;
  std::size_t max_offer_paths = 100'000;  // a cap on what one request may simulate
  bool live_reload = false;               // pages reload themselves after a rebuild (serve --watch)
  // Where submissions go; none: the site takes none (/submit is not found).
  std::shared_ptr<SubmissionInbox> submissions = nullptr;
};

// The whole site for one catalog snapshot: every fixed page rendered into memory
// at load, the dynamic routes answered from the snapshot. Immutable once loaded,
// so that any number of server threads may call handle() at once; a reload loads
// a new Site and swaps the pointer.
class Site {
 public:
  ~Site();
  Site(const Site&) = delete;
  Site& operator=(const Site&) = delete;

  // Bad input (the catalog, the templates) is reported with file and line, and
  // no site is made.
  static core::Result<std::shared_ptr<const Site>> load(const SiteOptions& options);

  // Never throws for bad input: a malformed request gets a 4xx.
  Response handle(const Request& request) const;
  // The answer to a client that must wait `wait` (the server's rate limit): a
  // JSON error under /api/, a page elsewhere; 429 with Retry-After either way.
  Response too_many_requests(const Request& request, std::chrono::seconds wait) const;

  const render::SiteSnapshot& snapshot() const { return *snapshot_; }

 private:
  Site() = default;

  std::shared_ptr<const render::SiteSnapshot> snapshot_;
  std::unique_ptr<const Pages> pages_;
  std::unique_ptr<const Api> api_;
  std::unique_ptr<const Submit> submit_;  // null without an inbox
};

}  // namespace negotiateup::web
