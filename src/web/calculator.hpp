#pragma once

// The offer calculator's pages: GET /offer (the form) and GET /offer/result (the
// evaluation). The whole input lives in the query string, so that a result is a
// link to bookmark or share and nothing is stored; they work without JavaScript.

#include <cstddef>
#include <memory>

#include "render/site_snapshot.hpp"
#include "web/api_support.hpp"
#include "web/http.hpp"

namespace negotiateup::web {

class Calculator {
 public:
  Calculator(const render::SiteSnapshot& snapshot, std::size_t paths);

  // GET /offer: the empty form (made once), or the form filled from the query.
  Response form(const Target& target) const;
  // GET /offer/result: the evaluation, or the form again with each error beside
  // its field (400).
  Response result(const Request& request, const Target& target) const;

 private:
  Response form_page(const Target& target, std::string_view field, std::string_view message,
                     int status) const;

  const render::SiteSnapshot& snapshot_;
  std::size_t paths_;
  std::shared_ptr<const Body> empty_form_;
};

// The form fields' names; competing offers prefix theirs with c1_, c2_, c3_.
inline constexpr std::size_t kMaxCompeting = 3;

}  // namespace negotiateup::web
