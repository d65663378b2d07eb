#pragma once

#include <string>
#include <vector>

#include "audit/finding.hpp"
#include "guide/guide_parser.hpp"

namespace negotiateup::audit {

// ask-outside-band: the asks, targets, floors and premium asks that the levers and
// the strategy state, each against the band of its region, and every floor against
// its ask. Figures are matched to regions by position ("€100K / $225K": the first
// and second regions with figures) or, alone, by currency or by the lever's
// "(Region)"; figures that cannot be matched for certain are left alone, and so
// are the competing offers' and the signing bonus's.
void check_asks(const guide::ParsedGuide& guide, const std::string& file,
                std::vector<Finding>& findings);

}  // namespace negotiateup::audit
