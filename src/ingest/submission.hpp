#pragma once

// A submission's fields, as the site's form and JSON API send them, turned into a
// data point by the same code as ingest (docs/submissions.md).

#include <array>
#include <cstddef>
#include <expected>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/name_resolver.hpp"
#include "core/data_point.hpp"
#include "core/date.hpp"

namespace negotiateup::ingest {

enum class SubmissionFieldKind { text, amount, whole_number, date, currency, choice };

// One field: its name, whether it must be given, and what it may hold.
struct SubmissionField {
  std::string_view name;
  bool required = false;
  SubmissionFieldKind kind = SubmissionFieldKind::text;
  std::size_t max_bytes = 0;                  // text
  int min = 0;                                // whole_number
  int max = 0;                                // whole_number
  std::span<const std::string_view> choices;  // choice
};

inline constexpr std::array<std::string_view, 2> kSubmissionKinds{"offer", "current"};
inline constexpr std::array<std::string_view, 3> kEquityTypes{"none", "rsu", "options"};

constexpr SubmissionField text_field(std::string_view name, bool required, std::size_t max_bytes) {
  return {name, required, SubmissionFieldKind::text, max_bytes, 0, 0, {}};
}
constexpr SubmissionField field_of(std::string_view name, bool required, SubmissionFieldKind kind) {
  return {name, required, kind, 0, 0, 0, {}};
}
constexpr SubmissionField number_field(std::string_view name, int min, int max) {
  return {name, false, SubmissionFieldKind::whole_number, 0, min, max, {}};
}
constexpr SubmissionField choice_field(std::string_view name, bool required,
                                       std::span<const std::string_view> choices) {
  return {name, required, SubmissionFieldKind::choice, 0, 0, 0, choices};
}

// Every field a submission may have, in the order the form shows them.
inline constexpr std::array<SubmissionField, 15> kSubmissionFields{
    choice_field("kind", true, kSubmissionKinds),
    text_field("company", true, 120),
    text_field("role", true, 120),
    text_field("level", false, 60),
    text_field("location", true, 120),
    number_field("years_experience", 0, 60),
    field_of("date", true, SubmissionFieldKind::date),
    field_of("currency", true, SubmissionFieldKind::currency),
    field_of("base", true, SubmissionFieldKind::amount),
    field_of("bonus", false, SubmissionFieldKind::amount),
    field_of("signing_bonus", false, SubmissionFieldKind::amount),
    choice_field("equity_type", false, kEquityTypes),
    field_of("equity_grant", false, SubmissionFieldKind::amount),
    number_field("vesting_years", 1, 10),
    field_of("total", false, SubmissionFieldKind::amount),
};

struct FieldError {
  std::string field;
  std::string message;
  friend bool operator==(const FieldError&, const FieldError&) = default;
};

using SubmissionFields = std::vector<std::pair<std::string, std::string>>;

// Checks every field (each problem named by its field, all of them at once), then
// makes the point with ingest's PointParser: the same checks and flags as a file's
// row ("total-mismatch" when `total` is not base + equity a year + bonus). The
// company, role and location are resolved to the catalog's slugs where the
// catalog knows them, and kept as written otherwise; the other fields are kept as
// the point's attributes. `today`: no date after it.
std::expected<core::DataPoint, std::vector<FieldError>> parse_submission(
    const SubmissionFields& fields, const catalog::NameResolver& names, core::Date today);

}  // namespace negotiateup::ingest
