// The submission body as the site takes it: the first line says the route, "json"
// (POST /api/v1/submissions) or "form" (POST /submit/send, with a valid stamp put
// before the fuzzed fields); the rest is the body. Accepted ones are stored.

#include <string>

#include "fuzz_site.hpp"
#include "web/http.hpp"

namespace negotiateup::fuzz {

void run_one(std::string_view input) {
  const auto [route, body] = first_line(input);
  if (route != "json" && route != "form") return;
  const auto loaded = load_test_site();
  if (route == "json") {
    (void)loaded.site->handle({"POST", "/api/v1/submissions", "application/json", body});
    return;
  }
  const auto form =
      "form_started=" + web::url_encode(loaded.inbox->form_stamp()) + "&" + std::string(body);
  (void)loaded.site->handle({"POST", "/submit/send", "application/x-www-form-urlencoded", form});
}

}  // namespace negotiateup::fuzz
