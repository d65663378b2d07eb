#include "catalog/catalog_field_reader.hpp"

#include <limits>

#include "core/text.hpp"

namespace negotiateup::catalog::detail {

namespace {

// A whole number within the field's limits, or else its type's.
template <typename Integer>
Integer whole_number(const yaml::Reader& reader, const yaml::Node& node, const Field& field) {
  const auto limits = field.limits.value_or(
      fields::Limits{std::numeric_limits<Integer>::min(), std::numeric_limits<Integer>::max()});
  return static_cast<Integer>(reader.integer(node, field.key, limits.min, limits.max));
}

// The amounts of a band: money in a currency's units, never below zero.
constexpr std::int64_t kMaxAmount = 1'000'000'000'000;

}  // namespace

void read_value(const yaml::Reader& reader, const yaml::Node& node, const Field& field,
                std::string& value) {
  value = reader.string(node, field.key);
  // A literal block (|) keeps its last line break; prose is joined into
  // sentences, so it is trimmed.
  if (field.style == fields::Style::prose) value = std::string(core::trim(value));
}

void read_value(const yaml::Reader& reader, const yaml::Node& node, const Field& field,
                bool& value) {
  if (node.Scalar() != "true" && node.Scalar() != "false") {
    reader.fail(node, fmt::format("expected '{}' to be true or false", field.key));
  }
  value = node.Scalar() == "true";
}

void read_value(const yaml::Reader& reader, const yaml::Node& node, const Field& field,
                int& value) {
  value = whole_number<int>(reader, node, field);
}

void read_value(const yaml::Reader& reader, const yaml::Node& node, const Field& field,
                std::int64_t& value) {
  value = whole_number<std::int64_t>(reader, node, field);
}

void read_value(const yaml::Reader& reader, const yaml::Node& node, const Field& field,
                core::Percent& value) {
  const auto percent = reader.optional_percent(node, field.key);
  if (!percent) reader.fail(node, fmt::format("expected '{}' to be a percentage", field.key));
  if (field.limits && (*percent < core::Percent::whole(field.limits->min) ||
                       *percent > core::Percent::whole(field.limits->max))) {
    reader.fail(node,
                fmt::format("expected '{}' between {} and {} percent, not {}", field.key,
                            field.limits->min, field.limits->max, core::format_percent(*percent)));
  }
  value = *percent;
}

void read_value(const yaml::Reader& reader, const yaml::Node& node, const Field& field,
                core::Band& value) {
  const auto [low, high] = read_pair(reader, node, field.key, "[78000, 105000]");
  value = core::Band{reader.integer(low, field.key, 0, kMaxAmount),
                     reader.integer(high, field.key, 0, kMaxAmount)};
}

void read_value(const yaml::Reader& reader, const yaml::Node& node, const Field& field,
                core::Date& value) {
  const auto date = reader.optional_date(node, field.key);
  if (!date) reader.fail(node, fmt::format("expected '{}' to be a date", field.key));
  value = *date;
}

void read_value(const yaml::Reader& reader, const yaml::Node& node, const Field& field,
                core::Quarter& value) {
  const auto quarter = core::parse_quarter(reader.string(node, field.key));
  if (!quarter)
    reader.fail(node, fmt::format("expected '{}' to be {}", field.key, quarter.error()));
  value = *quarter;
}

void read_value(const yaml::Reader& reader, const yaml::Node& node, const Field& field,
                core::Currency& value) {
  const auto code = reader.string(node, field.key);
  const auto currency = core::Currency::from_code(code);
  if (!currency) {
    reader.fail(node, fmt::format("expected '{}' to be an ISO 4217 currency code such as EUR, "
                                  "not '{}'",
                                  field.key, code));
  }
  value = *currency;
}

void read_value(const yaml::Reader& reader, const yaml::Node& node, const Field& field,
                std::vector<std::string>& value) {
  value = reader.string_list(node, field.key);
}

std::pair<yaml::Node, yaml::Node> read_pair(const yaml::Reader& reader, const yaml::Node& node,
                                            std::string_view key, std::string_view shape) {
  if (!node.IsSequence() || node.size() != 2) {
    reader.fail(node, fmt::format("expected '{}' as [low, high], e.g. {}", key, shape));
  }
  return {node[std::size_t{0}], node[std::size_t{1}]};
}

}  // namespace negotiateup::catalog::detail
