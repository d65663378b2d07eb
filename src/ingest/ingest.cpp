#include "ingest/ingest.hpp"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "core/money.hpp"
#include "core/percent.hpp"
#include "core/text.hpp"
#include "ingest/records.hpp"
#include "io/atomic_files.hpp"

namespace negotiateup::ingest {
namespace {

// The canonical columns; any other column is kept as an attribute.
constexpr std::array kColumns{"date",           "company",   "role",  "level",
                              "region",         "currency",  "base",  "stock",
                              "stock_per_year", "bonus_pct", "bonus", "source"};

struct Columns {
  std::map<std::string, std::size_t, std::less<>> index;
  std::vector<std::size_t> extra;  // indexes of the other columns

  std::string_view get(const Record& record, std::string_view name) const {
    const auto found = index.find(name);
    if (found == index.end() || found->second >= record.fields.size()) return {};
    return core::trim(record.fields[found->second]);
  }
  bool has(std::string_view name) const { return index.contains(name); }
};

std::expected<std::int64_t, std::string> whole_amount(std::string_view text,
                                                      std::string_view column) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    return std::unexpected(
        fmt::format("{} is '{}'; expected a whole amount such as 120000", column, text));
  }
  if (value < 0) return std::unexpected(fmt::format("{} is {}; expected 0 or more", column, value));
  if (value > 1'000'000'000'000)
    return std::unexpected(fmt::format("{} is {}; expected a pay figure", column, value));
  return value;
}

std::expected<core::DataPoint, std::string> to_point(const Columns& columns, const Record& record,
                                                     const std::vector<std::string>& header,
                                                     const IngestOptions& options) {
  const auto required = [&](std::string_view name) -> std::expected<std::string, std::string> {
    const auto value = columns.get(record, name);
    if (value.empty()) return std::unexpected(fmt::format("{} is empty; expected a value", name));
    return std::string(value);
  };
  const auto date_text = required("date");
  if (!date_text) return std::unexpected(date_text.error());
  const auto date = core::parse_date(*date_text);
  if (!date) return std::unexpected(fmt::format("date: expected {}", date.error()));
  std::string fields[4];
  const char* names[4] = {"company", "role", "region", "source"};
  for (int i = 0; i < 4; ++i) {
    auto value = required(names[i]);
    if (!value) return std::unexpected(value.error());
    fields[i] = std::move(*value);
  }
  const auto code = required("currency");
  if (!code) return std::unexpected(code.error());
  const auto currency = core::Currency::from_code(*code);
  if (!currency)
    return std::unexpected(fmt::format("currency is '{}'; expected an ISO 4217 code", *code));
  const auto base_text = required("base");
  if (!base_text) return std::unexpected(base_text.error());
  const auto base = whole_amount(*base_text, "base");
  if (!base) return std::unexpected(base.error());

  core::DataPoint point{*date, fields[0], fields[1], std::nullopt, fields[2], *currency,
                        *base, 0,         0,         fields[3],    "{}",      {}};
  if (const auto level = columns.get(record, "level"); !level.empty())
    point.level = std::string(level);
  const auto stock = columns.get(record, "stock");
  const auto stock_per_year = columns.get(record, "stock_per_year");
  if (!stock.empty() && !stock_per_year.empty()) {
    return std::unexpected("both stock and stock_per_year are given; expected one of them");
  }
  if (!stock.empty()) {
    const auto grant = whole_amount(stock, "stock");
    if (!grant) return std::unexpected(grant.error());
    point.stock_per_year =
        core::divide(*grant, options.vesting_years, core::Rounding::half_away_from_zero);
  } else if (!stock_per_year.empty()) {
    const auto yearly = whole_amount(stock_per_year, "stock_per_year");
    if (!yearly) return std::unexpected(yearly.error());
    point.stock_per_year = *yearly;
  }
  const auto bonus_pct = columns.get(record, "bonus_pct");
  const auto bonus = columns.get(record, "bonus");
  if (!bonus_pct.empty() && !bonus.empty()) {
    return std::unexpected("both bonus_pct and bonus are given; expected one of them");
  }
  if (!bonus_pct.empty()) {
    const auto percent = core::parse_percent(bonus_pct);
    if (!percent) return std::unexpected(fmt::format("bonus_pct: expected {}", percent.error()));
    point.bonus =
        core::divide(point.base * percent->hundredths, 10'000, core::Rounding::half_away_from_zero);
  } else if (!bonus.empty()) {
    const auto amount = whole_amount(bonus, "bonus");
    if (!amount) return std::unexpected(amount.error());
    point.bonus = *amount;
  }
  nlohmann::ordered_json attributes = nlohmann::ordered_json::object();
  for (const auto index : columns.extra) {
    if (index < record.fields.size() && !record.fields[index].empty()) {
      attributes[header[index]] = record.fields[index];
    }
  }
  point.attributes = attributes.dump();
  // Suspicious, not wrong: kept with a flag for the aggregate's outlier rule.
  if (point.base == 0) point.flags.emplace_back("zero-base");
  if (attributes.contains("total")) {
    const auto total = whole_amount(attributes["total"].get<std::string>(), "total");
    if (total && std::llabs(*total - point.total()) > 1'000)
      point.flags.emplace_back("total-mismatch");
  }
  return point;
}

std::string content_hash(const core::DataPoint& p) {
  const auto text =
      fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}",
                  core::format_date(p.date), p.company, p.role, p.level.value_or(""), p.region,
                  p.currency.code(), p.base, p.stock_per_year, p.bonus, p.source, p.attributes);
  const auto hash = XXH3_128bits(text.data(), text.size());
  return fmt::format("{:016x}{:016x}", hash.high64, hash.low64);
}

// A figure ten times off the median of its company x role x region in the file.
void flag_outliers(std::vector<core::DataPoint>& points) {
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<std::int64_t>> groups;
  for (const auto& p : points) {
    if (p.base > 0) groups[{p.company, p.role, p.region}].push_back(p.total());
  }
  std::map<std::tuple<std::string, std::string, std::string>, std::int64_t> medians;
  for (auto& [key, totals] : groups) {
    if (totals.size() < 5) continue;
    std::sort(totals.begin(), totals.end());
    medians[key] = core::percentile_cont(totals, 0.5);
  }
  for (auto& p : points) {
    const auto found = medians.find({p.company, p.role, p.region});
    if (found == medians.end() || p.base == 0) continue;
    if (p.total() > 10 * found->second || 10 * p.total() < found->second)
      p.flags.emplace_back("peer-outlier");
  }
}

}  // namespace

std::expected<IngestSummary, std::string> ingest_file(const std::filesystem::path& path,
                                                      store::Store& store,
                                                      const IngestOptions& options) {
  IngestSummary summary;
  std::vector<std::string> header;
  Columns columns;
  bool columns_ready = false;
  std::vector<core::DataPoint> points;
  std::string rejects;  // the quarantine report: record, reason, then the row as read
  const auto prepare = [&] {
    for (std::size_t i = 0; i < header.size(); ++i) {
      const auto name = core::to_lower_ascii(core::trim(header[i]));
      if (std::find(kColumns.begin(), kColumns.end(), name) != kColumns.end()) {
        columns.index[name] = i;
      } else {
        columns.extra.push_back(i);
      }
    }
    columns_ready = true;
  };
  std::string missing;
  const auto read = read_records(path, header, [&](Record& record) {
    if (!columns_ready) {
      prepare();
      for (const char* name : {"date", "company", "role", "region", "currency", "base", "source"}) {
        if (!columns.has(name)) missing += (missing.empty() ? "" : ", ") + std::string(name);
      }
    }
    ++summary.read;
    auto point = to_point(columns, record, header, options);
    if (!point) {
      ++summary.rejected;
      if (rejects.empty()) {
        std::vector<std::string> names{"record", "reason"};
        names.insert(names.end(), header.begin(), header.end());
        rejects = csv_line(names);
      }
      std::vector<std::string> row{std::to_string(record.number), point.error()};
      row.insert(row.end(), record.fields.begin(), record.fields.end());
      rejects += csv_line(row);
      return;
    }
    points.push_back(std::move(*point));
  });
  if (!read) return std::unexpected(fmt::format("{}: {}", path.string(), read.error()));
  if (!missing.empty()) {
    return std::unexpected(
        fmt::format("{}: missing columns {}; expected the canonical columns of "
                    "docs/data-points.md",
                    path.string(), missing));
  }
  flag_outliers(points);
  // One transaction for the whole file.
  auto batch = store.begin();
  for (const auto& point : points) {
    if (!point.flags.empty()) ++summary.flagged;
    if (batch->add(point, content_hash(point))) {
      ++summary.stored;
    } else {
      ++summary.duplicate;
    }
  }
  batch->commit();
  if (summary.rejected > 0) {
    summary.rejects = options.rejects.value_or(std::filesystem::path(path).concat(".rejects.csv"));
    if (auto written = io::write_files_atomically({{summary.rejects, rejects}}); !written) {
      return std::unexpected(written.error());
    }
  }
  return summary;
}

}  // namespace negotiateup::ingest
