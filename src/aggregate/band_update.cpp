#include "aggregate/band_update.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "core/money.hpp"
#include "core/text.hpp"

namespace negotiateup::aggregate {
namespace {

core::DataQuality quality_of(const GroupStats& stats, const core::Policy::Aggregation& policy,
                             const Window& window) {
  const auto recent_from = core::add_quarters(window.last, 1 - policy.recent_quarters);
  if (stats.points >= static_cast<std::size_t>(policy.high_points) &&
      stats.sources.size() >= static_cast<std::size_t>(policy.high_sources) &&
      stats.newest >= recent_from) {
    return core::DataQuality::high;
  }
  if (stats.points >= static_cast<std::size_t>(policy.medium_points))
    return core::DataQuality::medium;
  return core::DataQuality::low;
}

// "$195K–$240K"
std::string format_band(const std::optional<core::Band>& band, core::Currency currency) {
  if (!band) return "none";
  return core::format_compact_range(core::Money{band->low, currency},
                                    core::Money{band->high, currency});
}

// "+4.2%": how far `now` moved from `before`, to a tenth of a percent.
std::string change(std::int64_t before, std::int64_t now) {
  if (before == 0) return now == 0 ? "0%" : "new";
  const auto tenths =
      core::divide((now - before) * 1000, before, core::Rounding::half_away_from_zero);
  return fmt::format("{}{}.{}%", tenths < 0 ? "-" : "+", std::llabs(tenths) / 10,
                     std::llabs(tenths) % 10);
}

std::string band_line(std::string_view name, const std::optional<core::Band>& before,
                      const std::optional<core::Band>& now, core::Currency currency) {
  if (!now || before == now)
    return fmt::format("  {:<6} {} (unchanged)\n", name, format_band(before, currency));
  if (!before) return fmt::format("  {:<6} none -> {}\n", name, format_band(now, currency));
  return fmt::format("  {:<6} {} -> {}  (low {}, high {})\n", name, format_band(before, currency),
                     format_band(now, currency), change(before->low, now->low),
                     change(before->high, now->high));
}

// "  capped levels.fyi: 10 of its 30 points used (at most 25% of a band)"
std::string capped_lines(const std::vector<GroupStats::CappedSource>& capped, core::Percent share) {
  std::string out;
  for (const auto& source : capped) {
    out +=
        fmt::format("  capped {}: {} of its {} used (at most {}% of a band)\n", source.source,
                    source.kept, core::count_of(source.had, "point"), core::format_percent(share));
  }
  return out;
}

}  // namespace

CatalogUpdate update_bands(const Aggregation& aggregation, catalog::Catalog& catalog) {
  CatalogUpdate update;
  const auto& policy = catalog.policy.aggregation;
  std::size_t bands_with_data = 0;
  // Guides by company and role, once: a scan per group took most of an aggregate of
  // a 60,000-guide catalog.
  std::unordered_map<std::string, catalog::CompanyRole*> guides;
  guides.reserve(catalog.guides.size());
  for (auto& guide : catalog.guides) guides.emplace(guide.company + '/' + guide.role, &guide);
  for (const auto& stats : aggregation.groups) {
    if (stats.market_wide) continue;
    const auto found =
        stats.in_catalog ? guides.find(stats.company + '/' + stats.role) : guides.end();
    auto* guide = found == guides.end() ? nullptr : found->second;
    auto band = guide ? std::find_if(guide->bands.begin(), guide->bands.end(),
                                     [&](const catalog::RegionBand& b) {
                                       return b.region == stats.region && b.has_figures();
                                     })
                      : std::vector<catalog::RegionBand>::iterator{};
    if (!guide || band == guide->bands.end()) {
      update.groups_without_band.push_back({stats.company, stats.role, stats.region, stats.points});
      continue;
    }
    ++bands_with_data;
    BandChange entry{stats.company,         stats.role,   stats.region, stats.currency,
                     BandStatus::unchanged, stats.points, band->base,   std::nullopt,
                     band->stock,           std::nullopt, std::nullopt, stats.capped};
    if (stats.points < static_cast<std::size_t>(policy.min_points)) {
      entry.status = BandStatus::not_enough_data;
      // A band made from data that has fewer points now (a submission withdrawn,
      // rejected or past the window) records how few: the site then withholds it
      // (catalog/thin_bands.hpp). A band set by hand keeps its figures.
      if (band->points) band->points = static_cast<std::int64_t>(stats.points);
      update.bands.push_back(std::move(entry));
      continue;
    }
    entry.new_base = band_at_step(stats.base_band, policy.band_step);
    // A group whose points report no stock says nothing about the grant.
    if (stats.stock_per_year_band.high > 0) {
      entry.new_stock =
          band_at_step(stats.stock_per_year_band, policy.band_step, catalog.policy.vesting_years);
    } else {
      entry.new_stock = band->stock;
    }
    entry.quality = quality_of(stats, policy, aggregation.window);
    entry.status = entry.new_base == entry.old_base && entry.new_stock == entry.old_stock
                       ? BandStatus::unchanged
                       : BandStatus::changed;
    band->base = entry.new_base;
    band->stock = entry.new_stock;
    if (stats.bonus_pct) band->bonus_pct = stats.bonus_pct;
    band->quarter = stats.newest;
    band->quality = entry.quality;
    band->sources = stats.sources;
    band->points = static_cast<std::int64_t>(stats.points);
    update.bands.push_back(std::move(entry));
  }
  std::size_t bands_with_figures = 0;
  for (const auto& guide : catalog.guides) {
    bands_with_figures += static_cast<std::size_t>(std::count_if(
        guide.bands.begin(), guide.bands.end(), [](const auto& b) { return b.has_figures(); }));
  }
  update.bands_without_data = bands_with_figures - bands_with_data;
  update.market = update_market_bands(aggregation, catalog);
  return update;
}

std::string format_update(const CatalogUpdate& update, const Aggregation& aggregation,
                          const core::Policy::Aggregation& policy) {
  std::string out;
  std::size_t changed = 0;
  std::size_t unchanged = 0;
  std::size_t thin = 0;
  for (const auto& band : update.bands) {
    out += fmt::format("{} / {} / {}: {}", band.company, band.role, band.region,
                       core::count_of(band.points, "point"));
    switch (band.status) {
      case BandStatus::not_enough_data:
        ++thin;
        out += fmt::format(", fewer than {}: kept\n", policy.min_points);
        out += band_line("base", band.old_base, std::nullopt, band.currency);
        out += band_line("stock", band.old_stock, std::nullopt, band.currency);
        out += capped_lines(band.capped, policy.max_source_share);
        continue;
      case BandStatus::changed:
        ++changed;
        break;
      case BandStatus::unchanged:
        ++unchanged;
        break;
    }
    out += fmt::format(", quality {}\n", core::to_string(*band.quality));
    out += band_line("base", band.old_base, band.new_base, band.currency);
    out += band_line("stock", band.old_stock, band.new_stock, band.currency);
    out += capped_lines(band.capped, policy.max_source_share);
  }
  std::size_t market_changed = 0;
  std::size_t market_thin = 0;
  for (const auto& band : update.market) {
    out += fmt::format("market / {} / {}: {}", band.role, band.region,
                       core::count_of(band.points, "point"));
    if (band.status == MarketBandStatus::not_enough_data) {
      ++market_thin;
      out += fmt::format(", fewer than {}: {}\n", policy.min_points,
                         band.old_base ? "kept" : "no band");
      if (band.old_base) out += band_line("base", band.old_base, std::nullopt, band.currency);
    } else {
      if (band.status != MarketBandStatus::unchanged) ++market_changed;
      out += "\n";
      out += band_line("base", band.old_base, band.new_base, band.currency);
      if (band.old_total || band.new_total)
        out += band_line("total", band.old_total, band.new_total, band.currency);
    }
    out += capped_lines(band.capped, policy.max_source_share);
  }
  std::size_t used = 0;
  std::size_t trimmed = 0;
  std::size_t over_share = 0;
  for (const auto& group : aggregation.groups) {
    used += group.points;
    trimmed += group.trimmed;
    for (const auto& source : group.capped) over_share += source.had - source.kept;
  }
  out += fmt::format(
      "{} to {}: {} read, {} used in {}, {} outside the outlier fence, {} over a source's share, "
      "{} with a base of 0 left out\n",
      core::format_date(aggregation.window.first_day()),
      core::format_date(aggregation.window.last_day()),
      core::count_of(aggregation.points_read, "point"), used,
      core::count_of(aggregation.groups.size(), "group"), trimmed, over_share,
      aggregation.zero_base);
  for (const auto& [code, count] : aggregation.no_rate) {
    out += fmt::format("{} in {} left out: the catalog has no exchange rate for it\n",
                       core::count_of(count, "point"), code);
  }
  const auto& unplaced = update.groups_without_band;
  out += fmt::format(
      "bands: {} changed, {} unchanged, {} kept for lack of data, {} without data in the window; "
      "{} no band in the catalog{}\n",
      changed, unchanged, thin, update.bands_without_data,
      core::count_of(unplaced.size(), "group has", "groups have"), unplaced.empty() ? "" : ":");
  if (!update.market.empty()) {
    out += fmt::format("market bands: {} added or changed, {} unchanged, {} without enough data\n",
                       market_changed, update.market.size() - market_changed - market_thin,
                       market_thin);
  }
  // The groups with the most points first: the bands the data could support next.
  std::vector<const CatalogUpdate::Unplaced*> by_points;
  for (const auto& group : unplaced) by_points.push_back(&group);
  std::stable_sort(by_points.begin(), by_points.end(),
                   [](const auto* a, const auto* b) { return a->points > b->points; });
  constexpr std::size_t kUnplacedShown = 20;
  for (std::size_t i = 0; i < by_points.size() && i < kUnplacedShown; ++i) {
    out += fmt::format("  {} / {} / {}: {}\n", by_points[i]->company, by_points[i]->role,
                       by_points[i]->region, core::count_of(by_points[i]->points, "point"));
  }
  if (by_points.size() > kUnplacedShown) {
    out +=
        fmt::format("  and {} more\n", core::count_of(by_points.size() - kUnplacedShown, "group"));
  }
  return out;
}

}  // namespace negotiateup::aggregate
