#include "web/api.hpp"

namespace negotiateup::web {

// No route yet: the API is built in the web-API work (issue 16).
struct Api::State {};

Api::Api(std::unique_ptr<State> state) : state_(std::move(state)) {}
Api::~Api() = default;

core::Result<std::unique_ptr<const Api>> Api::load(const render::SiteSnapshot&, std::size_t) {
  return std::unique_ptr<const Api>(new Api(std::make_unique<State>()));
}

std::optional<Response> Api::handle(const Request&) const {
  return std::nullopt;
}

}  // namespace negotiateup::web
