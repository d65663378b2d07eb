#include "web/site.hpp"

#include <fmt/format.h>

#include "web/api.hpp"
#include "web/pages.hpp"
#include "web/submit.hpp"

namespace negotiateup::web {

Site::~Site() = default;

core::Result<std::shared_ptr<const Site>> Site::load(const SiteOptions& options) {
  auto snapshot = render::SiteSnapshot::load(options.catalog, options.templates, options.jobs);
  if (!snapshot) return std::unexpected(snapshot.error());
  std::shared_ptr<Site> site(new Site());
  site->snapshot_ = std::move(*snapshot);
  auto pages = Pages::load(*site->snapshot_, options.jobs, options.live_reload,
                           options.submissions != nullptr);
  if (!pages) return std::unexpected(pages.error());
  site->pages_ = std::move(*pages);
  auto api = Api::load(*site->snapshot_, options.max_offer_paths);
  if (!api) return std::unexpected(api.error());
  site->api_ = std::move(*api);
  if (options.submissions) {
    for (const auto* name : {"site/serve/submit.html", "site/serve/submit_done.html",
                             "site/serve/submit_delete.html"}) {
      if (!site->snapshot_->templates().find(name)) {
        return std::unexpected(core::Error::bad_input(
            "templates", fmt::format("missing {}.mustache: submissions need it", name)));
      }
    }
    site->submit_ = std::make_unique<const Submit>(*site->snapshot_, options.submissions);
  }
  return site;
}

Response Site::handle(const Request& request) const {
  const bool api = request.target.starts_with("/api/");
  if (auto answer = api_->handle(request)) return std::move(*answer);
  if (submit_) {
    if (auto answer = submit_->handle(request)) return std::move(*answer);
  }
  if (!api) {
    if (auto answer = pages_->handle(request)) return std::move(*answer);
    return pages_->not_found();
  }
  return json_error(404, "no such API route; see /api/v1/openapi.json");
}

Response Site::too_many_requests(const Request& request, std::chrono::seconds wait) const {
  auto response =
      request.target.starts_with("/api/")
          ? json_error(429, fmt::format("too many requests from your address; try again in {} s",
                                        wait.count()))
          : pages_->too_many_requests(wait, request.target.starts_with("/submit"));
  response.headers.emplace_back("Retry-After", std::to_string(wait.count()));
  return response;
}

}  // namespace negotiateup::web
