#include "aggregate/aggregate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <numeric>
#include <thread>
#include <unordered_map>

#include "core/data_point.hpp"
#include "core/money.hpp"
#include "core/string_map.hpp"
#include "core/text.hpp"

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
};

struct Bucket {
  std::string company;
  std::string role;
  std::string region;
  bool in_catalog = false;
  core::Currency currency;
  std::vector<Figures> rows;
  core::Date newest{};
  std::vector<std::pair<std::uint32_t, std::size_t>> sources;  // source id, points
};

// Which catalog entries a stored name means: slugs, display names and aliases, in
// any case, as ingest may have kept them as the file spelled them.
class Names {
 public:
  explicit Names(const catalog::Catalog& catalog) : catalog_(catalog) {
    for (const auto& company : catalog.companies) {
      companies_.emplace(core::to_lower_ascii(company.slug), company.slug);
      companies_.emplace(core::to_lower_ascii(company.name), company.slug);
      for (const auto& alias : company.aliases)
        companies_.emplace(core::to_lower_ascii(alias), company.slug);
    }
    for (const auto& role : catalog.roles) {
      roles_.emplace(role.slug, role.slug);
      roles_.emplace(core::slugify(role.name), role.slug);
    }
  }

  const std::string* company(std::string_view name) const {
    const auto found = companies_.find(core::to_lower_ascii(core::trim(name)));
    return found == companies_.end() ? nullptr : &found->second;
  }
  const std::string* role(std::string_view name) const {
    const auto found = roles_.find(core::slugify(name));
    return found == roles_.end() ? nullptr : &found->second;
  }
  const catalog::Region* region(std::string_view name) const {
    return catalog_.find_region_named(name);
  }

 private:
  const catalog::Catalog& catalog_;
  std::unordered_map<std::string, std::string> companies_;
  std::unordered_map<std::string, std::string> roles_;
};

// Groups the window's points by the catalog entry they belong to.
class Grouping {
 public:
  Grouping(const catalog::Catalog& catalog, Aggregation& result)
      : catalog_(catalog), names_(catalog), result_(result) {}

  void add(const store::StoredFigures& row) {
    ++result_.points_read;
    if (row.base == 0) {
      ++result_.zero_base;
      return;
    }
    key_.assign(row.company).append("\x1f").append(row.role).append("\x1f").append(row.region);
    auto found = by_stored_name_.find(std::string_view(key_));
    if (found == by_stored_name_.end()) {
      found = by_stored_name_.emplace(key_, bucket_for(row)).first;
    }
    auto& bucket = buckets_[found->second];
    Figures figures{row.base, row.stock_per_year, row.bonus};
    if (row.currency != bucket.currency.code() && !convert(row.currency, bucket.currency, figures))
      return;
    bucket.rows.push_back(figures);
    if (row.date > bucket.newest) bucket.newest = row.date;
    const auto source = source_id(row.source);
    const auto counted = std::find_if(bucket.sources.begin(), bucket.sources.end(),
                                      [&](const auto& entry) { return entry.first == source; });
    if (counted == bucket.sources.end()) {
      bucket.sources.emplace_back(source, 1);
    } else {
      ++counted->second;
    }
  }

  std::vector<Bucket>& buckets() { return buckets_; }
  const std::vector<std::string>& source_names() const { return source_names_; }

 private:
  std::uint32_t bucket_for(const store::StoredFigures& row) {
    const auto* company = names_.company(row.company);
    const auto* role = names_.role(row.role);
    const auto* region = names_.region(row.region);
    // A region the catalog does not know keeps the currency its first point has.
    const auto currency =
        region ? std::optional(region->currency) : core::Currency::from_code(row.currency);
    Bucket bucket{company ? *company : std::string(row.company),
                  role ? *role : std::string(row.role),
                  region ? region->slug : std::string(row.region),
                  company && role && region,
                  currency.value_or(core::Currency::all().front()),
                  {},
                  {},
                  {}};
    const auto key = fmt::format("{}\x1f{}\x1f{}", bucket.company, bucket.role, bucket.region);
    const auto [found, added] =
        by_entry_.try_emplace(key, static_cast<std::uint32_t>(buckets_.size()));
    if (added) buckets_.push_back(std::move(bucket));
    return found->second;
  }

  bool convert(std::string_view code, core::Currency to, Figures& figures) {
    const auto from = core::Currency::from_code(code);
    if (!from || !catalog_.rates.has(*from) || !catalog_.rates.has(to)) {
      ++result_.no_rate[std::string(code)];
      return false;
    }
    for (auto* amount : {&figures.base, &figures.stock_per_year, &figures.bonus}) {
      *amount = catalog_.rates.convert(core::Money{*amount, *from}, to)->amount;
    }
    return true;
  }

  std::uint32_t source_id(std::string_view source) {
    if (last_source_ < source_names_.size() && source_names_[last_source_] == source)
      return last_source_;
    const auto [found, added] = source_ids_.try_emplace(
        std::string(source), static_cast<std::uint32_t>(source_names_.size()));
    if (added) source_names_.emplace_back(source);
    last_source_ = found->second;
    return last_source_;
  }

  const catalog::Catalog& catalog_;
  Names names_;
  Aggregation& result_;
  std::string key_;
  core::StringMap<std::uint32_t> by_stored_name_;
  core::StringMap<std::uint32_t> by_entry_;
  std::vector<Bucket> buckets_;
  core::StringMap<std::uint32_t> source_ids_;
  std::vector<std::string> source_names_;
  std::uint32_t last_source_ = ~0u;
};

double fraction(core::Percent percent) {
  return static_cast<double>(percent.hundredths) / 10'000;
}

Percentiles percentiles(std::vector<std::int64_t>& values) {
  std::sort(values.begin(), values.end());
  return {core::percentile_cont(values, 0.10), core::percentile_cont(values, 0.25),
          core::percentile_cont(values, 0.50), core::percentile_cont(values, 0.75),
          core::percentile_cont(values, 0.90)};
}

GroupStats statistics(Bucket& bucket, const core::Policy::Aggregation& policy,
                      const std::vector<std::string>& source_names) {
  GroupStats stats{std::move(bucket.company),
                   std::move(bucket.role),
                   std::move(bucket.region),
                   bucket.in_catalog,
                   bucket.currency,
                   0,
                   0,
                   {},
                   {},
                   {},
                   {},
                   {},
                   std::nullopt,
                   {},
                   {}};
  auto& rows = bucket.rows;
  const auto total = [](const Figures& f) { return f.base + f.stock_per_year + f.bonus; };
  std::vector<std::int64_t> values;
  values.reserve(rows.size());
  if (rows.size() >= 4) {
    for (const auto& row : rows) values.push_back(total(row));
    std::sort(values.begin(), values.end());
    const auto q1 = static_cast<double>(core::percentile_cont(values, 0.25));
    const auto q3 = static_cast<double>(core::percentile_cont(values, 0.75));
    // The fence is kept as a Percent: 3 (300 hundredths) means three times the range.
    const double reach = static_cast<double>(policy.outlier_fence.hundredths) / 100 * (q3 - q1);
    const auto outside = [&](const Figures& f) {
      const auto t = static_cast<double>(total(f));
      return t < q1 - reach || t > q3 + reach;
    };
    const auto kept = std::remove_if(rows.begin(), rows.end(), outside);
    stats.trimmed = static_cast<std::size_t>(rows.end() - kept);
    rows.erase(kept, rows.end());
  }
  stats.points = rows.size();
  if (rows.empty()) return stats;
  const auto column = [&](auto pick) -> Percentiles {
    values.clear();
    for (const auto& row : rows) values.push_back(pick(row));
    return percentiles(values);
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
  stats.total = column(total);
  if (std::any_of(rows.begin(), rows.end(), [](const Figures& f) { return f.bonus > 0; })) {
    // In hundredths of a percent of the base, then to whole percent.
    const auto median_share =
        column([](const Figures& f) {
          return core::divide(f.bonus * 10'000, f.base, core::Rounding::half_away_from_zero);
        }).p50;
    stats.bonus_pct =
        core::Percent::whole(core::divide(median_share, 100, core::Rounding::half_away_from_zero));
  }
  stats.newest = core::quarter_of(bucket.newest);
  std::stable_sort(bucket.sources.begin(), bucket.sources.end(), [&](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second
                                : source_names[a.first] < source_names[b.first];
  });
  for (const auto& [id, count] : bucket.sources) stats.sources.push_back(source_names[id]);
  return stats;
}

}  // namespace

Aggregation aggregate_points(store::Store& store, const catalog::Catalog& catalog, Window window) {
  Aggregation result;
  result.window = window;
  Grouping grouping(catalog, result);
  store.scan_figures(window.first_day(), window.last_day(),
                     [&](const store::StoredFigures& row) { grouping.add(row); });
  auto& buckets = grouping.buckets();
  // The order of the result, decided on the buckets' names: sorting indexes moves
  // no statistics around.
  std::vector<std::uint32_t> order(buckets.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const auto& x = buckets[a];
    const auto& y = buckets[b];
    return std::tie(x.company, x.role, x.region) < std::tie(y.company, y.role, y.region);
  });
  std::vector<std::optional<GroupStats>> groups(buckets.size());
  // Groups are independent: split them between the cores.
  const auto workers = std::max(1u, std::min(std::thread::hardware_concurrency(), 8u));
  {
    std::vector<std::jthread> threads;
    for (unsigned w = 0; w < workers; ++w) {
      threads.emplace_back([&, w] {
        for (std::size_t i = w; i < buckets.size(); i += workers) {
          groups[i] = statistics(buckets[i], catalog.policy.aggregation, grouping.source_names());
          std::vector<Figures>().swap(buckets[i].rows);
        }
      });
    }
  }
  result.groups.reserve(groups.size());
  for (const auto i : order) result.groups.push_back(std::move(*groups[i]));
  return result;
}

}  // namespace negotiateup::aggregate
