#include "ingest/ingest.hpp"

#include <fmt/format.h>
#include <utf8.h>
#include <xxhash.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "core/money.hpp"
#include "core/percent.hpp"
#include "core/string_map.hpp"
#include "core/text.hpp"
#include "ingest/records.hpp"
#include "io/atomic_files.hpp"

namespace negotiateup::ingest {
namespace {

// Rejections listed on the terminal; all of them are in the quarantine report.
constexpr std::size_t kRejectionsShown = 10;

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
  // Suspicious, not wrong: kept with a flag for the aggregate's outlier rule.
  if (point.base == 0) point.flags.emplace_back("zero-base");
  if (columns.extra.empty()) return point;  // attributes stay "{}"
  nlohmann::ordered_json attributes = nlohmann::ordered_json::object();
  for (const auto index : columns.extra) {
    if (index < record.fields.size() && !record.fields[index].empty()) {
      attributes[header[index]] = record.fields[index];
    }
  }
  point.attributes = attributes.dump();
  if (attributes.contains("total")) {
    const auto total = whole_amount(attributes["total"].get<std::string>(), "total");
    if (total && std::llabs(*total - point.total()) > 1'000)
      point.flags.emplace_back("total-mismatch");
  }
  return point;
}

// The hash of the point's fields joined by \x1f, as 32 hex digits. `text` and
// `hex` are the caller's buffers, reused from row to row.
std::string_view content_hash(const core::DataPoint& p, fmt::memory_buffer& text,
                              std::array<char, 32>& hex) {
  text.clear();
  fmt::format_to(std::back_inserter(text),
                 "{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}",
                 core::format_date(p.date), p.company, p.role, p.level.value_or(""), p.region,
                 p.currency.code(), p.base, p.stock_per_year, p.bonus, p.source, p.attributes);
  const auto hash = XXH3_128bits(text.data(), text.size());
  fmt::format_to(hex.data(), "{:016x}{:016x}", hash.high64, hash.low64);
  return {hex.data(), hex.size()};
}

// What the peer-outlier rule keeps of each stored point of the file: a figure ten
// times off the median of its company x role x region in the file is flagged.
class PeerOutliers {
 public:
  void add(const core::DataPoint& p, std::int64_t id) {
    if (p.base == 0) return;  // already flagged zero-base; its total says nothing
    key_.assign(p.company).append("\x1f").append(p.role).append("\x1f").append(p.region);
    auto group = groups_.find(std::string_view(key_));
    if (group == groups_.end()) {
      group = groups_.emplace(key_, static_cast<std::uint32_t>(groups_.size())).first;
    }
    points_.push_back({id, p.total(), group->second, !p.flags.empty()});
  }

  struct Outlier {
    std::int64_t id;
    bool already_flagged;  // counted as flagged before
  };
  std::vector<Outlier> outliers() const {
    std::vector<std::vector<std::int64_t>> totals(groups_.size());
    for (const auto& point : points_) totals[point.group].push_back(point.total);
    std::vector<std::int64_t> medians(groups_.size(), 0);
    for (std::size_t g = 0; g < totals.size(); ++g) {
      if (totals[g].size() < 5) continue;  // too few peers to call anything off
      std::sort(totals[g].begin(), totals[g].end());
      medians[g] = core::percentile_cont(totals[g], 0.5);
    }
    std::vector<Outlier> found;
    for (const auto& point : points_) {
      const auto median = medians[point.group];
      if (median > 0 && (point.total > 10 * median || 10 * point.total < median))
        found.push_back({point.id, point.flagged});
    }
    return found;
  }

 private:
  struct Point {
    std::int64_t id;
    std::int64_t total;
    std::uint32_t group;
    bool flagged;
  };
  std::string key_;  // reused from point to point
  core::StringMap<std::uint32_t> groups_;
  std::vector<Point> points_;
};

}  // namespace

std::expected<IngestSummary, std::string> ingest_file(const std::filesystem::path& path,
                                                      store::Store& store,
                                                      const IngestOptions& options) {
  IngestSummary summary;
  std::vector<std::string> header;     // the file's
  std::vector<std::string> canonical;  // after the mapper, if any
  Columns columns;
  bool columns_ready = false;
  std::string setup_error;
  std::string rejects;  // the quarantine report: record, reason, then the row as read
  PeerOutliers peers;
  // One transaction for the whole file: rolled back unless the whole file is read.
  auto batch = store.begin();
  const auto prepare = [&]() -> std::expected<void, std::string> {
    if (options.mapper) {
      auto mapped = options.mapper->columns(header);
      if (!mapped) return std::unexpected(mapped.error());
      canonical = std::move(*mapped);
    } else {
      canonical = header;
    }
    for (std::size_t i = 0; i < canonical.size(); ++i) {
      const auto name = core::to_lower_ascii(core::trim(canonical[i]));
      if (std::find(kColumns.begin(), kColumns.end(), name) != kColumns.end()) {
        columns.index[name] = i;
      } else {
        columns.extra.push_back(i);
      }
    }
    std::string missing;
    for (const char* name : {"date", "company", "role", "region", "currency", "base", "source"}) {
      if (!columns.has(name)) missing += (missing.empty() ? "" : ", ") + std::string(name);
    }
    if (!missing.empty()) {
      return std::unexpected(fmt::format(
          "missing columns {}; expected the canonical columns of docs/data-points.md", missing));
    }
    return {};
  };
  const auto reject = [&](const Record& record, const std::string& reason) {
    ++summary.rejected;
    if (summary.first_rejections.size() < kRejectionsShown) {
      summary.first_rejections.push_back({record.number, reason});
    }
    if (rejects.empty()) {
      std::vector<std::string> names{"record", "reason"};
      names.insert(names.end(), header.begin(), header.end());
      rejects = csv_line(names);
    }
    std::vector<std::string> row{std::to_string(record.number), reason};
    row.insert(row.end(), record.fields.begin(), record.fields.end());
    rejects += csv_line(row);
  };
  Record mapped;
  fmt::memory_buffer hash_text;
  std::array<char, 32> hash_hex{};
  const auto read = read_records(path, header, [&](Record& record) {
    if (!columns_ready) {
      columns_ready = true;
      if (auto ready = prepare(); !ready) setup_error = ready.error();
    }
    if (!setup_error.empty()) return;
    ++summary.read;
    // Text a store cannot keep (PostgreSQL refuses both) is the row's fault, not the file's.
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
      const auto& field = record.fields[i];
      if (!utf8::is_valid(field.begin(), field.end()) || field.find('\0') != std::string::npos) {
        return reject(record, fmt::format("{} is not UTF-8 text without NUL characters",
                                          i < header.size() ? header[i] : "a column"));
      }
    }
    const Record* canonical_record = &record;
    if (options.mapper) {
      auto fields = options.mapper->map(record);
      if (!fields) return reject(record, fields.error());
      mapped.number = record.number;
      mapped.fields = std::move(*fields);
      canonical_record = &mapped;
    }
    auto point = to_point(columns, *canonical_record, canonical, options);
    if (!point) return reject(record, point.error());
    if (!point->flags.empty()) ++summary.flagged;
    if (const auto id = batch->add(*point, content_hash(*point, hash_text, hash_hex))) {
      ++summary.stored;
      peers.add(*point, *id);
    } else {
      ++summary.duplicate;
    }
  });
  if (!read) return std::unexpected(fmt::format("{}: {}", path.string(), read.error()));
  if (!setup_error.empty())
    return std::unexpected(fmt::format("{}: {}", path.string(), setup_error));
  for (const auto& outlier : peers.outliers()) {
    batch->flag(outlier.id, "peer-outlier");
    if (!outlier.already_flagged) ++summary.flagged;
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
