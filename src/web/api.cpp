#include "web/api.hpp"

#include <fmt/format.h>

#include <charconv>

#include "offer/evaluation.hpp"
#include "offer/offer_report.hpp"
#include "offer/offer_request.hpp"
#include "web/api_catalog.hpp"
#include "web/api_support.hpp"
#include "web/calculator.hpp"
#include "web/openapi_document.hpp"

namespace negotiateup::web {
namespace {

constexpr std::uint64_t kDefaultSeed = 42;  // as `negotiateup offer`
constexpr std::size_t kDefaultPaths = 100'000;

}  // namespace

struct Api::State {
  const render::SiteSnapshot& snapshot;
  std::size_t max_paths;
  GuideBodies guides;
  std::shared_ptr<const Body> openapi;
  std::shared_ptr<const Body> offer_script;
  Calculator calculator;

  Response evaluate(const Request& request, const Target& target) const;
};

Api::Api(std::unique_ptr<State> state) : state_(std::move(state)) {}
Api::~Api() = default;

core::Result<std::unique_ptr<const Api>> Api::load(const render::SiteSnapshot& snapshot,
                                                   std::size_t max_offer_paths) {
  for (const auto* name : {"site/offer.html", "site/offer_result.html", "site/offer.js"}) {
    if (!snapshot.templates().find(name)) {
      return std::unexpected(core::Error::bad_input(
          "templates", fmt::format("missing {}.mustache: the offer calculator needs it", name)));
    }
  }
  const std::size_t paths = std::max<std::size_t>(1, std::min(kDefaultPaths, max_offer_paths));
  auto state = std::unique_ptr<State>(new State{
      snapshot, std::max<std::size_t>(1, max_offer_paths),
      GuideBodies::build(snapshot, core::Jobs{}), make_body(std::string(kOpenApiDocument)),
      make_body(snapshot.templates().render("site/offer.js", render::object_value())),
      Calculator(snapshot, paths)});
  return std::unique_ptr<const Api>(new Api(std::move(state)));
}

Response Api::State::evaluate(const Request& request, const Target& target) const {
  const auto type = request.content_type.substr(0, request.content_type.find(';'));
  if (type != "application/json") {
    return json_error(415, "expected a body of Content-Type application/json");
  }
  if (request.body.size() > offer::kMaxOfferBytes) {
    return json_error(413, fmt::format("the body is larger than {} bytes", offer::kMaxOfferBytes));
  }
  std::uint64_t seed = kDefaultSeed;
  std::size_t paths = std::min(kDefaultPaths, max_paths);
  const auto number = [&](std::string_view name, auto& value, std::uint64_t max) -> bool {
    const auto text = target.get(name);
    if (!text) return true;
    std::uint64_t parsed = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), parsed);
    if (error != std::errc{} || end != text->data() + text->size() || parsed > max) return false;
    value = static_cast<std::remove_reference_t<decltype(value)>>(parsed);
    return true;
  };
  if (!number("seed", seed, std::numeric_limits<std::uint64_t>::max())) {
    return json_error(400, "expected a whole number of 0 or more", "seed");
  }
  if (const auto text = target.get("paths");
      !number("paths", paths, max_paths) || (text && paths == 0)) {
    return json_error(
        400, fmt::format("expected a whole number from 1 to {}, this server's cap", max_paths),
        "paths");
  }
  const auto parsed = offer::parse_offer_request(request.body, "body");
  if (!parsed) return error_response(core::Error(parsed.error()));
  const offer::SimulationSettings settings{seed, paths, core::Jobs(1)};
  const auto evaluation = offer::evaluate_offer(*parsed, snapshot.catalog(), settings, "body");
  if (!evaluation) return error_response(evaluation.error());
  return json_response(offer::evaluation_json(*evaluation));
}

std::optional<Response> Api::handle(const Request& request) const {
  const auto target = Target::parse(request.target);
  const auto path = target.path;
  const bool get = request.method == "GET" || request.method == "HEAD";
  const auto only_get = [&](auto answer) -> Response {
    if (!get) return method_not_allowed("GET, HEAD");
    return answer();
  };
  const auto& s = *state_;
  if (path == "/api/v1/openapi.json") return only_get([&] { return json_response(s.openapi); });
  if (path == "/api/v1/guides") {
    return only_get([&] { return guides_response(s.snapshot.lookup(), s.guides, target); });
  }
  if (path.starts_with("/api/v1/guides/")) {
    const auto found = s.guides.by_path.find(std::string(path.substr(15)));
    if (found == s.guides.by_path.end()) return json_error(404, "no such guide", "path");
    return only_get([&] { return json_response(found->second); });
  }
  if (path == "/api/v1/bands") {
    return only_get([&] { return bands_response(s.snapshot.lookup(), target); });
  }
  if (path == "/api/v1/search") {
    return only_get([&] { return search_response(s.snapshot.lookup(), target); });
  }
  if (path == "/api/v1/offers/evaluate") {
    if (request.method != "POST") return method_not_allowed("POST");
    return s.evaluate(request, target);
  }
  const auto page = [&](auto answer) -> Response {
    if (!get) return page_method_not_allowed();
    return answer();
  };
  if (path == "/offer") return page([&] { return s.calculator.form(target); });
  if (path == "/offer/result") return page([&] { return s.calculator.result(request, target); });
  if (path == "/assets/offer.js") {
    return page([&] {
      Response response;
      response.content_type = "text/javascript; charset=utf-8";
      response.body = s.offer_script;
      response.cache_control = "public, max-age=300";
      return response;
    });
  }
  return std::nullopt;
}

}  // namespace negotiateup::web
