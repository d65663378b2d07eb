// The offer request: its JSON read and checked, then, when it is an offer, evaluated
// against the demo catalog with a short simulation.

#include <string>

#include "catalog/catalog_files.hpp"
#include "fuzz_target.hpp"
#include "offer/evaluation.hpp"
#include "offer/offer_request.hpp"

namespace negotiateup::fuzz {

void run_one(std::string_view input) {
  const auto request = offer::parse_offer_request(input, "fuzz.json");
  if (!request) return;
  const auto catalog = catalog::load_catalog(repository() / "catalog", core::Jobs(1));
  if (!catalog) std::abort();  // the demo catalog is good: a broken checkout
  offer::SimulationSettings settings;
  settings.paths = 200;
  settings.jobs = core::Jobs(1);
  (void)offer::evaluate_offer(*request, *catalog, settings, "fuzz.json");
}

}  // namespace negotiateup::fuzz
