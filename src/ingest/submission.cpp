#include "ingest/submission.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>

#include "core/currency.hpp"
#include "core/text.hpp"
#include "ingest/point_parser.hpp"
#include "ingest/records.hpp"
#include "store/store.hpp"

namespace negotiateup::ingest {
namespace {

constexpr int kDefaultVestingYears = 4;
const core::Date kFirstDate = std::chrono::year{2000} / std::chrono::January / 1;

std::string choice_list(std::span<const std::string_view> choices) {
  std::string list;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) list += i + 1 == choices.size() ? " or " : ", ";
    list += choices[i];
  }
  return list;
}

// "2026-10-01", or "2026-10" (a month input) as its first day.
std::expected<core::Date, std::string> submission_date(std::string_view text) {
  if (text.size() == 7) return core::parse_date(std::string(text) + "-01");
  return core::parse_date(text);
}

// The problem with one field's value, or nothing.
std::optional<std::string> check(const SubmissionField& field, std::string_view value,
                                 core::Date today) {
  switch (field.kind) {
    case SubmissionFieldKind::text:
      if (value.size() > field.max_bytes)
        return fmt::format("is {} bytes long; expected at most {}", value.size(), field.max_bytes);
      return std::nullopt;
    case SubmissionFieldKind::amount: {
      const auto amount = whole_amount(value, field.name);
      if (!amount) return amount.error().substr(field.name.size() + 1);  // without the name
      return std::nullopt;
    }
    case SubmissionFieldKind::whole_number: {
      int number = 0;
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
      if (error != std::errc() || end != value.data() + value.size() || number < field.min ||
          number > field.max) {
        return fmt::format("is '{}'; expected a whole number from {} to {}", value, field.min,
                           field.max);
      }
      return std::nullopt;
    }
    case SubmissionFieldKind::date: {
      const auto date = submission_date(value);
      if (!date) return fmt::format("is '{}'; expected {} or YYYY-MM", value, date.error());
      if (*date < kFirstDate || *date > today) {
        return fmt::format("is {}; expected a date from {} to today ({})", value,
                           core::format_date(kFirstDate), core::format_date(today));
      }
      return std::nullopt;
    }
    case SubmissionFieldKind::currency:
      if (!core::Currency::from_code(value))
        return fmt::format("is '{}'; expected an ISO 4217 code such as EUR", value);
      return std::nullopt;
    case SubmissionFieldKind::choice:
      if (std::ranges::find(field.choices, value) == field.choices.end())
        return fmt::format("is '{}'; expected {}", value, choice_list(field.choices));
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::expected<core::DataPoint, std::vector<FieldError>> parse_submission(
    const SubmissionFields& fields, const catalog::NameResolver& names, core::Date today) {
  std::vector<FieldError> errors;
  std::array<std::optional<std::string>, kSubmissionFields.size()> values;
  for (const auto& [name, raw] : fields) {
    const auto known =
        std::ranges::find(kSubmissionFields, std::string_view(name), &SubmissionField::name);
    if (known == kSubmissionFields.end()) {
      errors.push_back({name, "is not a field of a submission (docs/submissions.md)"});
      continue;
    }
    auto& value = values[static_cast<std::size_t>(known - kSubmissionFields.begin())];
    if (value) {
      errors.push_back({name, "is given twice; expected it once"});
      continue;
    }
    if (!storable_text(raw)) {
      errors.push_back({name, "is not UTF-8 text without NUL characters"});
      value = "";
      continue;
    }
    value = std::string(core::trim(raw));
  }
  const auto value_of = [&](std::string_view name) -> std::string_view {
    const auto at = std::ranges::find(kSubmissionFields, name, &SubmissionField::name);
    const auto& value = values[static_cast<std::size_t>(at - kSubmissionFields.begin())];
    return value ? std::string_view(*value) : std::string_view();
  };
  for (std::size_t i = 0; i < kSubmissionFields.size(); ++i) {
    const auto& field = kSubmissionFields[i];
    const std::string_view value = values[i] ? std::string_view(*values[i]) : "";
    if (value.empty()) {
      if (field.required) errors.push_back({std::string(field.name), "is empty; expected a value"});
      continue;
    }
    if (std::ranges::any_of(errors, [&](const auto& e) { return e.field == field.name; })) continue;
    if (auto problem = check(field, value, today))
      errors.push_back({std::string(field.name), std::move(*problem)});
  }
  // Market-wide data is stored under this name: a submission never joins it.
  if (core::to_lower_ascii(value_of("company")) == store::kMarketCompany) {
    errors.push_back({"company",
                      "is the name market-wide data is kept under; expected an "
                      "employer's name"});
  }
  const auto equity = value_of("equity_type");
  if (!value_of("equity_grant").empty() && (equity.empty() || equity == "none")) {
    errors.push_back({"equity_grant", "is given without an equity type; expected rsu or options"});
  } else if (value_of("equity_grant").empty() && !equity.empty() && equity != "none") {
    errors.push_back({"equity_grant", "is empty; expected the whole grant's value"});
  }
  if (!errors.empty()) return std::unexpected(std::move(errors));

  // Names the catalog knows become its slugs; the rest stay as written. A name
  // resolved to another spelling is kept as written too, as an attribute.
  std::vector<std::string> columns{"date",     "company", "role",  "level", "region",
                                   "currency", "base",    "stock", "bonus", "source"};
  std::vector<std::pair<std::string, std::string>> as_written;  // column, name
  const auto resolved = [&](const auto* entry, std::string_view written, std::string_view field) {
    if (entry == nullptr || entry->slug == written) return std::string(written);
    as_written.emplace_back(fmt::format("{}_as_written", field), written);
    return entry->slug;
  };
  const auto company = value_of("company");
  const auto role = value_of("role");
  const auto location = value_of("location");
  Record record;
  record.fields = {core::format_date(*submission_date(value_of("date"))),
                   resolved(names.company(company), company, "company"),
                   resolved(names.role(role), role, "role"),
                   std::string(value_of("level")),
                   resolved(names.region(location), location, "location"),
                   std::string(value_of("currency")),
                   std::string(value_of("base")),
                   std::string(value_of("equity_grant")),
                   std::string(value_of("bonus")),
                   std::string(store::kSubmissionSource)};
  for (auto& [column, text] : as_written) {
    columns.push_back(std::move(column));
    record.fields.push_back(std::move(text));
  }
  for (const auto name :
       {"kind", "years_experience", "equity_type", "vesting_years", "signing_bonus", "total"}) {
    columns.emplace_back(name);
    record.fields.emplace_back(value_of(name));
  }
  int vesting_years = kDefaultVestingYears;
  if (const auto years = value_of("vesting_years"); !years.empty())
    std::from_chars(years.data(), years.data() + years.size(), vesting_years);
  auto parser = PointParser::for_columns(std::move(columns), vesting_years);
  if (!parser) return std::unexpected(std::vector<FieldError>{{"", parser.error()}});
  auto point = parser->parse(record);
  if (!point) return std::unexpected(std::vector<FieldError>{{"", point.error()}});
  return std::move(*point);
}

}  // namespace negotiateup::ingest
