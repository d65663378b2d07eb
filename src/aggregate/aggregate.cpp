#include "aggregate/aggregate.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <tuple>

#include "aggregate/grouping.hpp"
#include "aggregate/outlier_fence.hpp"
#include "aggregate/source_cap.hpp"
#include "core/data_point.hpp"
#include "core/money.hpp"
#include "core/parallel.hpp"

namespace negotiateup::aggregate {

core::Date Window::first_day() const {
  return core::first_day(core::add_quarters(last, 1 - quarters));
}
core::Date Window::last_day() const {
  return core::last_day(last);
}

namespace {

struct Figures {
  std::int64_t base;
  std::int64_t stock_per_year;
  std::int64_t bonus;
  std::int32_t days;
  std::uint32_t source;

  std::int64_t total() const { return base + stock_per_year + bonus; }
};

double fraction(core::Percent percent) {
  return static_cast<double>(percent.hundredths) / 10'000;
}

Percentiles percentiles(std::vector<std::int64_t>& values, bool tails) {
  std::sort(values.begin(), values.end());
  const auto tail = [&](double q) {
    return tails ? std::optional(core::percentile_cont(values, q)) : std::nullopt;
  };
  return {tail(0.10), core::percentile_cont(values, 0.25), core::percentile_cont(values, 0.50),
          core::percentile_cont(values, 0.75), tail(0.90)};
}

// Leaves out the points outside the policy's outlier fence; returns how many.
std::size_t fence(std::vector<Figures>& rows, const core::Policy::Aggregation& policy) {
  std::vector<std::int64_t> values;
  values.reserve(rows.size());
  for (const auto& row : rows) values.push_back(row.total());
  std::sort(values.begin(), values.end());
  const auto fence = outlier_fence(values, policy);
  if (!fence) return 0;
  const auto kept = std::remove_if(rows.begin(), rows.end(),
                                   [&](const Figures& f) { return fence->outside(f.total()); });
  const auto trimmed = static_cast<std::size_t>(rows.end() - kept);
  rows.erase(kept, rows.end());
  return trimmed;
}

// Caps each source at the policy's share of the points (source_cap.hpp): a source
// above it keeps the points at evenly spread ranks of its own, ranked by their
// figures. Returns the sources capped.
std::vector<GroupStats::CappedSource> cap_sources(std::vector<Figures>& rows,
                                                  const core::Policy::Aggregation& policy,
                                                  const Grouping& grouping) {
  const auto by_figures = [](const Figures& a, const Figures& b) {
    return std::tuple(a.source, a.total(), a.base, a.stock_per_year, a.bonus, a.days) <
           std::tuple(b.source, b.total(), b.base, b.stock_per_year, b.bonus, b.days);
  };
  std::sort(rows.begin(), rows.end(), by_figures);
  std::vector<std::size_t> counts;  // per run of one source, in order
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i == 0 || rows[i].source != rows[i - 1].source) counts.push_back(0);
    ++counts.back();
  }
  const auto cap = source_cap(counts, policy.max_source_share);
  std::vector<GroupStats::CappedSource> capped;
  std::size_t from = 0;
  std::size_t to = 0;  // rows kept are moved to the front
  for (const auto had : counts) {
    const auto kept = std::min(had, cap);
    for (std::size_t i = 0; i < kept; ++i) {
      rows[to++] = rows[from + (kept == had ? i : kept_rank(i, kept, had))];
    }
    if (kept < had)
      capped.push_back({std::string(grouping.source_name(rows[from].source)), had, kept});
    from += had;
  }
  rows.resize(to);
  std::sort(capped.begin(), capped.end(),
            [](const auto& a, const auto& b) { return a.source < b.source; });
  return capped;
}

// One group's statistics; `rows` is scratch space, reused from group to group.
GroupStats statistics(const Grouping& grouping, const Grouping::Run& run,
                      const core::Policy::Aggregation& policy, std::vector<Figures>& rows) {
  const auto& all = grouping.rows();
  const auto& order = grouping.order();
  rows.clear();
  for (auto i = run.begin; i < run.end; ++i) {
    const auto& row = all[order[i]];
    rows.push_back({row.base, row.stock_per_year, row.bonus, row.days, row.source});
  }
  const auto& companies = grouping.companies();
  const bool role_known = grouping.roles().in_catalog[run.role];
  const bool region_known = grouping.regions().in_catalog[run.region];
  GroupStats stats{.company = companies.names[run.company],
                   .role = grouping.roles().names[run.role],
                   .region = grouping.regions().names[run.region],
                   .in_catalog = companies.in_catalog[run.company] && role_known && region_known,
                   .market_wide = !companies.in_catalog[run.company] &&
                                  companies.names[run.company] == kMarketCompany && role_known &&
                                  region_known,
                   .currency = *grouping.region_currency(run.region)};
  stats.trimmed = fence(rows, policy);
  stats.capped = cap_sources(rows, policy, grouping);
  stats.points = rows.size();
  if (rows.empty()) return stats;
  const bool tails = rows.size() >= static_cast<std::size_t>(policy.tail_points);
  std::vector<std::int64_t> values;
  values.reserve(rows.size());
  const auto column = [&](auto pick) -> Percentiles {
    values.clear();
    for (const auto& row : rows) values.push_back(pick(row));
    return percentiles(values, tails);
  };
  // At the policy's band percentiles, from the values `column` left sorted.
  const auto band = [&] {
    return core::Band{core::percentile_cont(values, fraction(policy.band_low)),
                      core::percentile_cont(values, fraction(policy.band_high))};
  };
  stats.base = column([](const Figures& f) { return f.base; });
  stats.base_band = band();
  stats.stock_per_year = column([](const Figures& f) { return f.stock_per_year; });
  stats.stock_per_year_band = band();
  stats.total = column([](const Figures& f) { return f.total(); });
  stats.total_band = band();
  stats.reports_pay_beyond_base = std::any_of(rows.begin(), rows.end(), [](const Figures& f) {
    return f.stock_per_year > 0 || f.bonus > 0;
  });
  if (std::any_of(rows.begin(), rows.end(), [](const Figures& f) { return f.bonus > 0; })) {
    // In hundredths of a percent of the base, then to whole percent.
    const auto median_share =
        column([](const Figures& f) {
          return core::divide(f.bonus * 10'000, f.base, core::Rounding::half_away_from_zero);
        }).p50;
    stats.bonus_pct =
        core::Percent::whole(core::divide(median_share, 100, core::Rounding::half_away_from_zero));
  }
  std::int32_t newest = std::numeric_limits<std::int32_t>::min();
  std::int32_t oldest = std::numeric_limits<std::int32_t>::max();
  // Source names and their points; the submissions' many ids are one name. The
  // rows are sorted by source id, so a provider's rows, and the submissions'
  // (their ids come after every provider's), are each one run.
  std::vector<std::pair<std::string_view, std::size_t>> sources;
  for (const auto& row : rows) {
    newest = std::max(newest, row.days);
    oldest = std::min(oldest, row.days);
    const auto name = grouping.source_name(row.source);
    if (sources.empty() || sources.back().first != name) sources.emplace_back(name, 0);
    ++sources.back().second;
  }
  const auto date_of = [](std::int32_t days) {
    return core::Date{std::chrono::sys_days{std::chrono::days{days}}};
  };
  stats.newest = core::quarter_of(date_of(newest));
  stats.first_year = static_cast<int>(date_of(oldest).year());
  stats.last_year = static_cast<int>(date_of(newest).year());
  std::stable_sort(sources.begin(), sources.end(), [&](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  for (const auto& [name, count] : sources) stats.sources.emplace_back(name);
  return stats;
}

}  // namespace

core::Band band_at_step(core::Band band, std::int64_t step, std::int64_t factor) {
  return {core::round_to_step(band.low * factor, step, core::Rounding::half_away_from_zero),
          core::round_to_step(band.high * factor, step, core::Rounding::half_away_from_zero)};
}

Aggregation aggregate_points(store::Store& store, const catalog::Catalog& catalog, Window window,
                             core::Jobs jobs) {
  Grouping grouping(catalog);
  store.scan_figures(window.first_day(), window.last_day(),
                     [&](const store::StoredFigures& row) { grouping.add(row); });
  const auto runs = grouping.runs();
  std::vector<std::optional<GroupStats>> groups(runs.size());
  // Groups are independent; a chunk of them shares one scratch vector.
  constexpr std::size_t kGroupsPerChunk = 16;
  core::parallel_for_chunks(
      runs.size(), kGroupsPerChunk, jobs, [&](std::size_t from, std::size_t to) {
        std::vector<Figures> scratch;
        for (std::size_t i = from; i < to; ++i) {
          groups[i] = statistics(grouping, runs[i], catalog.policy.aggregation, scratch);
        }
      });
  grouping.release_rows();
  Aggregation result{window, {}, grouping.points_read, grouping.zero_base, grouping.no_rate};
  result.groups.reserve(groups.size());
  for (auto& group : groups) result.groups.push_back(std::move(*group));
  return result;
}

}  // namespace negotiateup::aggregate
