#pragma once

#include "core/policy.hpp"
#include "offer/evaluation.hpp"

namespace negotiateup::offer {

// What to ask for, from an evaluation whose bands are both known: the guide's
// figures (core::negotiation_figures, so the two never disagree), with the equity
// ask raised to a competing offer's break-even grant and capped at the band's high,
// and the signing bonus that evens the first year, less the one offered; only
// competing offers in the offer's region count (docs/offer.md).
Recommendation recommend(const Evaluation& evaluation, const core::Policy& policy);

}  // namespace negotiateup::offer
