#include "guide/front_matter.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/text.hpp"
#include "yaml/yaml_reader.hpp"
#include "yaml/yaml_writer.hpp"

namespace negotiateup::guide {
namespace {

using core::GuideRecord;
using core::RegionCompensation;

constexpr std::string_view kFence = "---";

bool is_fence(std::string_view line) {
  return core::trim(line) == kFence;
}

RegionCompensation read_region(const yaml::Reader& reader, const yaml::Node& node) {
  reader.require_map(node, "a region record");
  reader.check_keys(node,
                    {"region", "base_low", "base_high", "stock_low", "stock_high", "bonus_pct",
                     "total_comp_low", "total_comp_high", "currency"},
                    "a region record");
  RegionCompensation region;
  region.region = reader.string(reader.required(node, "region", "a region record"), "region");
  region.base_low = reader.optional_amount(node["base_low"], "base_low");
  region.base_high = reader.optional_amount(node["base_high"], "base_high");
  region.stock_low = reader.optional_amount(node["stock_low"], "stock_low");
  region.stock_high = reader.optional_amount(node["stock_high"], "stock_high");
  region.bonus_pct = reader.optional_percent(node["bonus_pct"], "bonus_pct");
  region.total_comp_low = reader.optional_amount(node["total_comp_low"], "total_comp_low");
  region.total_comp_high = reader.optional_amount(node["total_comp_high"], "total_comp_high");
  const auto currency_node = reader.required(node, "currency", "a region record");
  const auto code = reader.string(currency_node, "currency");
  region.currency = core::Currency::from_code(code);
  if (!region.currency) {
    reader.fail(currency_node,
                fmt::format("expected 'currency' to be an ISO 4217 code such as EUR or USD, not "
                            "'{}'",
                            code));
  }
  return region;
}

GuideRecord read_record(const yaml::Reader& reader, const yaml::Node& root) {
  constexpr std::string_view kWhat = "the front matter";
  reader.require_map(root, kWhat);
  reader.check_keys(root,
                    {"company", "company_display", "role", "role_display", "role_type",
                     "last_updated", "data_quality", "salary_data_quarter", "next_review_due",
                     "compensation", "level_mapping", "data_sources", "negotiation_dna_summary"},
                    kWhat);
  GuideRecord record;
  const auto slug = [&](std::string_view key) {
    const auto node = reader.required(root, key, kWhat);
    auto value = reader.string(node, key);
    if (!core::is_slug(value)) {
      reader.fail(node, fmt::format("expected '{}' to be a slug of a-z, 0-9 and '-', not '{}'", key,
                                    value));
    }
    return value;
  };
  record.company = slug("company");
  record.company_display =
      reader.string(reader.required(root, "company_display", kWhat), "company_display");
  record.role = slug("role");
  record.role_display = reader.string(reader.required(root, "role_display", kWhat), "role_display");

  const auto role_type_node = reader.required(root, "role_type", kWhat);
  record.role_type = core::parse_role_type(reader.string(role_type_node, "role_type"));
  if (!record.role_type) {
    reader.fail(role_type_node, "expected 'role_type' to be 'standard' or 'manager'");
  }
  record.last_updated = reader.optional_date(root["last_updated"], "last_updated");
  if (const auto node = root["data_quality"]; !yaml::is_null(node)) {
    record.data_quality = core::parse_data_quality(reader.string(node, "data_quality"));
    if (!record.data_quality) {
      reader.fail(node, "expected 'data_quality' to be high, medium, low or illustrative");
    }
  }
  if (const auto node = root["salary_data_quarter"]; !yaml::is_null(node)) {
    const auto quarter = core::parse_quarter(reader.string(node, "salary_data_quarter"));
    if (!quarter)
      reader.fail(node, fmt::format("expected 'salary_data_quarter' to be {}", quarter.error()));
    record.salary_data_quarter = *quarter;
  }
  record.next_review_due = reader.optional_date(root["next_review_due"], "next_review_due");

  const auto compensation = reader.required(root, "compensation", kWhat);
  reader.require_sequence(compensation, "'compensation' (one record per region)");
  for (const auto& region : compensation.items()) {
    record.compensation.push_back(read_region(reader, region));
  }

  if (const auto node = root["level_mapping"]; !yaml::is_null(node)) {
    reader.require_map(node, "'level_mapping'");
    reader.check_keys(node, {"internal", "raw"}, "'level_mapping'");
    record.level_mapping = core::LevelMapping{reader.optional_string(node["internal"], "internal"),
                                              reader.optional_string(node["raw"], "raw")};
  }
  if (const auto node = root["data_sources"]; !yaml::is_null(node)) {
    record.data_sources = reader.string_list(node, "data_sources");
  }
  record.negotiation_dna_summary =
      reader.optional_string(root["negotiation_dna_summary"], "negotiation_dna_summary");
  return record;
}

template <typename T, typename Emit>
void emit_optional(YAML::Emitter& out, const std::optional<T>& value, Emit emit) {
  if (value) {
    emit(*value);
  } else {
    out << YAML::Null;
  }
}

void emit_amount(YAML::Emitter& out, std::string_view key, const std::optional<std::int64_t>& v) {
  out << YAML::Key << std::string(key) << YAML::Value;
  emit_optional(out, v, [&](std::int64_t amount) { out << amount; });
}

}  // namespace

std::expected<GuideLayout, core::Diagnostic> split_guide(std::string_view text,
                                                         const std::string& file) {
  GuideLayout layout;
  const auto first_end = text.find('\n');
  const auto first_line = text.substr(0, first_end);
  if (!is_fence(first_line)) {
    layout.body = text;
    return layout;
  }
  std::size_t offset = first_end == std::string_view::npos ? text.size() : first_end + 1;
  std::size_t line = 2;
  while (offset < text.size()) {
    const auto end = text.find('\n', offset);
    const auto current = text.substr(offset, end == std::string_view::npos ? end : end - offset);
    if (is_fence(current)) {
      layout.has_front_matter = true;
      layout.front_matter = text.substr(first_end + 1, offset - first_end - 1);
      layout.front_matter_first_line = 2;
      layout.body = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
      layout.body_first_line = line + 1;
      return layout;
    }
    if (end == std::string_view::npos) break;
    offset = end + 1;
    ++line;
  }
  return std::unexpected(core::Diagnostic{
      file, 1, "front matter opened with '---' is never closed; expected a line '---' after it"});
}

std::expected<core::GuideRecord, core::Diagnostic> parse_front_matter(const GuideLayout& layout,
                                                                      const std::string& file) {
  const yaml::Reader reader(file, layout.front_matter_first_line);
  try {
    const auto document = reader.load(layout.front_matter);
    const auto root = document.root();
    if (yaml::is_null(root)) {
      reader.fail_at(1, "front matter is empty; expected the guide's keys (company, role, ...)");
    }
    return read_record(reader, root);
  } catch (const yaml::ReadError& error) {
    return std::unexpected(error.diagnostic());
  }
}

std::string emit_front_matter(const core::GuideRecord& record) {
  YAML::Emitter out;
  out.SetNullFormat(YAML::LowerNull);
  out << YAML::BeginMap;
  const auto string_key = [&](std::string_view key, const std::string& value) {
    out << YAML::Key << std::string(key) << YAML::Value;
    yaml::emit_string(out, value);
  };
  const auto optional_string_key = [&](std::string_view key,
                                       const std::optional<std::string>& value) {
    out << YAML::Key << std::string(key) << YAML::Value;
    emit_optional(out, value, [&](const std::string& text) { yaml::emit_string(out, text); });
  };
  string_key("company", record.company);
  string_key("company_display", record.company_display);
  string_key("role", record.role);
  string_key("role_display", record.role_display);
  optional_string_key(
      "role_type", record.role_type ? std::optional<std::string>(core::to_string(*record.role_type))
                                    : std::nullopt);
  out << YAML::Key << "last_updated" << YAML::Value;
  emit_optional(out, record.last_updated, [&](core::Date d) { out << core::format_date(d); });
  optional_string_key("data_quality",
                      record.data_quality
                          ? std::optional<std::string>(core::to_string(*record.data_quality))
                          : std::nullopt);
  out << YAML::Key << "salary_data_quarter" << YAML::Value;
  emit_optional(out, record.salary_data_quarter,
                [&](core::Quarter q) { out << core::format_quarter(q); });
  out << YAML::Key << "next_review_due" << YAML::Value;
  emit_optional(out, record.next_review_due, [&](core::Date d) { out << core::format_date(d); });

  out << YAML::Key << "compensation" << YAML::Value << YAML::BeginSeq;
  for (const auto& region : record.compensation) {
    out << YAML::BeginMap;
    string_key("region", region.region);
    emit_amount(out, "base_low", region.base_low);
    emit_amount(out, "base_high", region.base_high);
    emit_amount(out, "stock_low", region.stock_low);
    emit_amount(out, "stock_high", region.stock_high);
    out << YAML::Key << "bonus_pct" << YAML::Value;
    emit_optional(out, region.bonus_pct, [&](core::Percent p) { out << core::format_percent(p); });
    emit_amount(out, "total_comp_low", region.total_comp_low);
    emit_amount(out, "total_comp_high", region.total_comp_high);
    out << YAML::Key << "currency" << YAML::Value;
    emit_optional(out, region.currency, [&](core::Currency c) { out << std::string(c.code()); });
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;

  out << YAML::Key << "level_mapping" << YAML::Value;
  if (record.level_mapping) {
    out << YAML::BeginMap;
    optional_string_key("internal", record.level_mapping->internal);
    optional_string_key("raw", record.level_mapping->raw);
    out << YAML::EndMap;
  } else {
    out << YAML::Null;
  }
  out << YAML::Key << "data_sources" << YAML::Value;
  if (record.data_sources) {
    out << YAML::BeginSeq;
    for (const auto& source : *record.data_sources) yaml::emit_string(out, source);
    out << YAML::EndSeq;
  } else {
    out << YAML::Null;
  }
  optional_string_key("negotiation_dna_summary", record.negotiation_dna_summary);
  out << YAML::EndMap;
  return fmt::format("---\n{}\n---\n", out.c_str());
}

}  // namespace negotiateup::guide
