#include "web/pages.hpp"

namespace negotiateup::web {

// A first page only: the pages are built in the web-pages work (issue 16).
struct Pages::State {
  std::shared_ptr<const Body> home;
  std::shared_ptr<const Body> missing;
};

Pages::Pages(std::unique_ptr<State> state) : state_(std::move(state)) {}
Pages::~Pages() = default;

core::Result<std::unique_ptr<const Pages>> Pages::load(const render::SiteSnapshot& snapshot,
                                                       core::Jobs) {
  auto state = std::make_unique<State>();
  state->home = make_body("<!doctype html><title>Negotiate Up</title><p>" +
                          std::to_string(snapshot.catalog().guides.size()) + " guides</p>\n");
  state->missing = make_body("<!doctype html><title>Not found</title><p>Not found</p>\n");
  return std::unique_ptr<const Pages>(new Pages(std::move(state)));
}

std::optional<Response> Pages::handle(const Request& request) const {
  if (request.target != "/") return std::nullopt;
  Response response;
  response.content_type = "text/html; charset=utf-8";
  response.body = state_->home;
  response.cache_control = "public, max-age=60";
  return response;
}

Response Pages::not_found() const {
  Response response;
  response.status = 404;
  response.content_type = "text/html; charset=utf-8";
  response.body = state_->missing;
  return response;
}

}  // namespace negotiateup::web
