#pragma once

#include <chrono>
#include <memory>
#include <optional>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "render/site_snapshot.hpp"
#include "web/http.hpp"

namespace negotiateup::web {

// The HTML pages (home, search, company, role across companies, guide, 404) and
// /assets: rendered once from the snapshot, answered by lookup.
// Holds what it rendered or indexed at load; reads `snapshot`, which outlives it.
class Pages {
 public:
  // `live_reload`: every page loads /assets/reload.js, which reloads it after the
  // server rebuilt the site (serve --watch). `submissions`: the site takes them
  // (/submit), and the pages say so.
  static core::Result<std::unique_ptr<const Pages>> load(const render::SiteSnapshot& snapshot,
                                                         core::Jobs jobs, bool live_reload = false,
                                                         bool submissions = false);
  ~Pages();

  // The answer at `request.target`, or nothing when no route lives there.
  std::optional<Response> handle(const Request& request) const;
  // The 404 page, with its search box.
  Response not_found() const;
  // The page for a client over the evaluations' rate limit (429).
  // `submissions`: the submission form's limit, not the calculator's.
  Response too_many_requests(std::chrono::seconds wait, bool submissions) const;

 private:
  struct State;
  explicit Pages(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace negotiateup::web
