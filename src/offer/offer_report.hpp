#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "offer/evaluation.hpp"

namespace negotiateup::offer {

// Every figure, amounts in the offer's currency as whole units (docs/offer.md).
nlohmann::ordered_json evaluation_json(const Evaluation& evaluation);
// A small table, the recommendation and the script, for a person.
std::string evaluation_text(const Evaluation& evaluation);

}  // namespace negotiateup::offer
