#pragma once

#include <cstddef>

#include "catalog/catalog.hpp"
#include "core/policy.hpp"

namespace negotiateup::catalog {

// Whether a band's figures are data derived from fewer points than the policy
// allows to be shown: it records its `points` (aggregate writes them) and is not
// marked illustrative. A band without `points` was written by hand and is taken
// as it stands.
bool too_few_points(const RegionBand& band, const core::Policy::Aggregation& policy);

// Drops the figures (base, stock, bonus) of every band with too few points and
// keeps what says where they came from (points, sources, quarter, quality), so
// that no page or API response shows them and a guide can say why. The site
// (build and serve) and the offer evaluator run this on the catalog they read;
// the catalog files keep the figures. A market band that records too few points
// (fewer remain since aggregate made it) is dropped. Returns the number of bands withheld.
std::size_t withhold_thin_bands(Catalog& catalog);

}  // namespace negotiateup::catalog
