#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "json/writer.hpp"
#include "offer/evaluation.hpp"

namespace negotiateup::offer {

// Every figure, amounts in the offer's currency as whole units (docs/offer.md):
// one JSON object, as a document of its own or as a value in a larger one.
std::string evaluation_json(const Evaluation& evaluation);
void write_evaluation(json::Writer& writer, const Evaluation& evaluation);
// "position 44", "below the band by €5K", "above the band by €1.2M"; "no band":
// a position in words, as the reports and the web calculator say it.
std::string position_wording(const std::optional<double>& position,
                             const std::optional<std::int64_t>& outside, core::Currency currency);
// "market, all employers (aijobs.net 2024, n = 27): base position 40 (band
// £57K–£108K)", and the yearly total's position when the band has a total;
// nothing without a market band.
std::optional<std::string> market_line(const Evaluation& evaluation);
// A small table, the recommendation and the script, for a person.
std::string evaluation_text(const Evaluation& evaluation);

}  // namespace negotiateup::offer
