#pragma once

#include <memory>
#include <optional>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "render/site_snapshot.hpp"
#include "web/http.hpp"

namespace negotiateup::web {

// /api/v1 (guides, bands, search, offers/evaluate, openapi.json) and the offer
// calculator's pages (/offer), from the snapshot.
// Holds what it rendered or indexed at load; reads `snapshot`, which outlives it.
class Api {
 public:
  static core::Result<std::unique_ptr<const Api>> load(const render::SiteSnapshot& snapshot,
                                                       std::size_t max_offer_paths);
  ~Api();

  // The answer at `request.target`, or nothing when no route lives there.
  std::optional<Response> handle(const Request& request) const;

 private:
  struct State;
  explicit Api(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace negotiateup::web
