#include "catalog/market_band_json.hpp"

#include <fmt/format.h>

#include "core/date.hpp"

namespace negotiateup::catalog {

void write_market_band(json::Writer& writer, const MarketBand& market, std::string_view region) {
  writer.StartObject();
  json::write_member(writer, "region", region);
  json::write_member(writer, "currency", market.currency.code());
  json::write_range(writer, "base", market.base);
  json::write_range(writer, "total", market.total);
  json::write_member(writer, "points", market.points);
  writer.Key("years");
  writer.StartArray();
  writer.Int64(market.first_year);
  writer.Int64(market.last_year);
  writer.EndArray();
  writer.Key("sources");
  writer.StartArray();
  for (const auto& source : market.sources) writer.String(source);
  writer.EndArray();
  json::write_nullable(
      writer, "quarter",
      market.quarter ? std::optional(core::format_quarter(*market.quarter)) : std::nullopt);
  writer.EndObject();
}

std::string market_band_provenance(const MarketBand& band) {
  std::string sources;
  for (const auto& source : band.sources) {
    if (!sources.empty()) sources += ", ";
    sources += source;
  }
  if (sources.empty()) sources = "no source recorded";
  const auto years = band.first_year == band.last_year
                         ? fmt::format("{}", band.first_year)
                         : fmt::format("{}–{}", band.first_year, band.last_year);
  return fmt::format("{} {}, n = {}", sources, years, band.points);
}

}  // namespace negotiateup::catalog
