#pragma once

#include <string>

#include "json/writer.hpp"
#include "offer/evaluation.hpp"

namespace negotiateup::offer {

// Every figure, amounts in the offer's currency as whole units (docs/offer.md):
// one JSON object, as a document of its own or as a value in a larger one.
std::string evaluation_json(const Evaluation& evaluation);
void write_evaluation(json::Writer& writer, const Evaluation& evaluation);
// A small table, the recommendation and the script, for a person.
std::string evaluation_text(const Evaluation& evaluation);

}  // namespace negotiateup::offer
