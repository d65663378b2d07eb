#pragma once

#include <string>
#include <string_view>

#include "catalog/catalog.hpp"
#include "json/writer.hpp"

namespace negotiateup::catalog {

// A market band as the guide JSON, the web API and the offer report give it, one
// shape everywhere: {"region", "currency", "base": [low, high], "total": [low,
// high] or null, "points", "years": [first, last], "sources", "quarter"}.
// `region` is what the caller's other entries call a region (a name or a slug).
void write_market_band(json::Writer& writer, const MarketBand& band, std::string_view region);

// "aijobs.net 2024, n = 312" or "aijobs.net 2022–2024, n = 1204": where a market
// band's figures come from, as guides and reports cite it.
std::string market_band_provenance(const MarketBand& band);

}  // namespace negotiateup::catalog
