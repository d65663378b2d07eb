#include "ingest/point_parser.hpp"

#include <fmt/format.h>
#include <utf8.h>

#include <algorithm>
#include <charconv>

#include "core/money.hpp"
#include "core/percent.hpp"
#include "core/text.hpp"
#include "json/writer.hpp"

namespace negotiateup::ingest {
namespace {

// The canonical columns, in the order of PointParser::Column.
constexpr std::array<std::string_view, 12> kNames{"date",           "company",   "role",  "level",
                                                  "region",         "currency",  "base",  "stock",
                                                  "stock_per_year", "bonus_pct", "bonus", "source"};

}  // namespace

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

bool storable_text(std::string_view field) {
  // Most fields are plain ASCII, checked a byte at a time before the full decode.
  if (std::all_of(field.begin(), field.end(),
                  [](char c) { return static_cast<unsigned char>(c) - 1u < 0x7Fu; })) {
    return true;
  }
  return utf8::is_valid(field.begin(), field.end()) && field.find('\0') == std::string::npos;
}

std::expected<PointParser, std::string> PointParser::for_columns(std::vector<std::string> columns,
                                                                 int vesting_years) {
  PointParser parser;
  parser.vesting_years_ = vesting_years;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const auto name = core::to_lower_ascii(core::trim(columns[i]));
    const auto known = std::find(kNames.begin(), kNames.end(), name);
    if (known != kNames.end()) {
      parser.index_[static_cast<std::size_t>(known - kNames.begin())] = i;
    } else {
      parser.extra_.push_back(i);
    }
  }
  std::string missing;
  for (const auto column : {date, company, role, region, currency, base, source}) {
    if (parser.index_[column]) continue;
    missing += fmt::format("{}{}", missing.empty() ? "" : ", ", kNames[column]);
  }
  if (!missing.empty()) {
    return std::unexpected(fmt::format(
        "missing columns {}; expected the canonical columns of docs/data-points.md", missing));
  }
  parser.names_ = std::move(columns);
  return parser;
}

std::string_view PointParser::get(const Record& record, Column column) const {
  const auto index = index_[column];
  if (!index || *index >= record.fields.size()) return {};
  return core::trim(record.fields[*index]);
}

std::expected<core::DataPoint, std::string> PointParser::parse(const Record& record) const {
  std::array<std::string_view, count> value;
  for (std::size_t i = 0; i < value.size(); ++i) value[i] = get(record, static_cast<Column>(i));
  const auto empty = [&](Column column) -> std::optional<std::string> {
    if (!value[column].empty()) return std::nullopt;
    return fmt::format("{} is empty; expected a value", kNames[column]);
  };
  if (auto error = empty(date)) return std::unexpected(std::move(*error));
  const auto day = core::parse_date(value[date]);
  if (!day) return std::unexpected(fmt::format("date: expected {}", day.error()));
  for (const auto column : {company, role, region, source, currency}) {
    if (auto error = empty(column)) return std::unexpected(std::move(*error));
  }
  const auto money = core::Currency::from_code(value[currency]);
  if (!money) {
    return std::unexpected(
        fmt::format("currency is '{}'; expected an ISO 4217 code", value[currency]));
  }
  if (auto error = empty(base)) return std::unexpected(std::move(*error));
  const auto base_amount = whole_amount(value[base], "base");
  if (!base_amount) return std::unexpected(base_amount.error());

  core::DataPoint point{*day,
                        std::string(value[company]),
                        std::string(value[role]),
                        std::nullopt,
                        std::string(value[region]),
                        *money,
                        *base_amount,
                        0,
                        0,
                        std::string(value[source]),
                        "{}",
                        {}};
  if (!value[level].empty()) point.level = std::string(value[level]);
  if (!value[stock].empty() && !value[stock_per_year].empty()) {
    return std::unexpected("both stock and stock_per_year are given; expected one of them");
  }
  if (!value[stock].empty()) {
    const auto grant = whole_amount(value[stock], "stock");
    if (!grant) return std::unexpected(grant.error());
    point.stock_per_year =
        core::divide(*grant, vesting_years_, core::Rounding::half_away_from_zero);
  } else if (!value[stock_per_year].empty()) {
    const auto yearly = whole_amount(value[stock_per_year], "stock_per_year");
    if (!yearly) return std::unexpected(yearly.error());
    point.stock_per_year = *yearly;
  }
  if (!value[bonus_pct].empty() && !value[bonus].empty()) {
    return std::unexpected("both bonus_pct and bonus are given; expected one of them");
  }
  if (!value[bonus_pct].empty()) {
    const auto percent = core::parse_percent(value[bonus_pct]);
    if (!percent) return std::unexpected(fmt::format("bonus_pct: expected {}", percent.error()));
    point.bonus =
        core::divide(point.base * percent->hundredths, 10'000, core::Rounding::half_away_from_zero);
  } else if (!value[bonus].empty()) {
    const auto amount = whole_amount(value[bonus], "bonus");
    if (!amount) return std::unexpected(amount.error());
    point.bonus = *amount;
  }
  // Suspicious, not wrong: kept with a flag for the aggregate's outlier rule.
  if (point.base == 0) point.flags.emplace_back("zero-base");
  if (extra_.empty()) return point;  // attributes stay "{}"
  // A column named twice keeps its first place and its last value.
  std::vector<std::pair<std::string_view, std::string_view>> attributes;
  for (const auto index : extra_) {
    if (index >= record.fields.size() || record.fields[index].empty()) continue;
    const auto named = std::ranges::find(attributes, std::string_view(names_[index]),
                                         &std::pair<std::string_view, std::string_view>::first);
    if (named != attributes.end()) {
      named->second = record.fields[index];
    } else {
      attributes.emplace_back(names_[index], record.fields[index]);
    }
  }
  json::Writer writer(json::Layout::compact);
  writer.StartObject();
  for (const auto& [name, text] : attributes) json::write_member(writer, name, text);
  writer.EndObject();
  point.attributes = writer.text();
  const auto total = std::ranges::find(attributes, std::string_view("total"),
                                       &std::pair<std::string_view, std::string_view>::first);
  if (total != attributes.end()) {
    const auto amount = whole_amount(total->second, "total");
    if (amount && std::llabs(*amount - point.total()) > 1'000)
      point.flags.emplace_back("total-mismatch");
  }
  return point;
}

}  // namespace negotiateup::ingest
