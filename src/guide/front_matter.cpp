#include "guide/front_matter.hpp"

#include <fmt/format.h>

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

  record.role_type =
      reader.name<core::RoleType>(reader.required(root, "role_type", kWhat), "role_type");
  record.last_updated = reader.optional_date(root["last_updated"], "last_updated");
  if (const auto node = root["data_quality"]; !yaml::is_null(node)) {
    record.data_quality = reader.name<core::DataQuality>(node, "data_quality");
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

namespace {

void collect_lines(const yaml::Reader& reader, const yaml::Node& root, FrontMatterLines& lines) {
  for (const auto& [key, value] : root.entries()) {
    lines.set(key.Scalar(), reader.line_of(key));
    if (key.Scalar() == "compensation") {
      const auto items = value.items();
      for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string prefix = "compensation." + std::to_string(i);
        lines.set(prefix, reader.line_of(items[i]));
        for (const auto& [field, ignored] : items[i].entries()) {
          lines.set(prefix + "." + field.Scalar(), reader.line_of(field));
        }
      }
    } else if (value.IsMap()) {
      for (const auto& [field, ignored] : value.entries()) {
        lines.set(key.Scalar() + "." + field.Scalar(), reader.line_of(field));
      }
    }
  }
}

}  // namespace

std::expected<core::GuideRecord, core::Diagnostic> parse_front_matter(const GuideLayout& layout,
                                                                      const std::string& file,
                                                                      FrontMatterLines* lines) {
  const yaml::Reader reader(file, layout.front_matter_first_line);
  try {
    const auto document = reader.load(layout.front_matter);
    const auto root = document.root();
    if (yaml::is_null(root)) {
      reader.fail_at(1, "front matter is empty; expected the guide's keys (company, role, ...)");
    }
    auto record = read_record(reader, root);
    if (lines) collect_lines(reader, root, *lines);
    return record;
  } catch (const yaml::ReadError& error) {
    return std::unexpected(error.diagnostic());
  }
}

namespace {

// Writes each optional value with `write`, or null when it is missing.
template <typename T, typename Write>
void optional(yaml::Writer& out, std::string_view key, const std::optional<T>& value, Write write) {
  out.key(key);
  if (value) {
    write(*value);
  } else {
    out.null();
  }
}

}  // namespace

std::string emit_front_matter(const core::GuideRecord& record) {
  yaml::Writer out;
  // Strings in the house quoting; dates, enums, percents and codes are always plain.
  const auto text = [&](const std::string& value) { out.text(value, yaml::Quoting::front_matter); };
  const auto plain = [&](std::string_view value) { out.text(value); };
  const auto amount = [&](std::int64_t value) { out.number(value); };
  out.begin_map();
  out.key("company");
  text(record.company);
  out.key("company_display");
  text(record.company_display);
  out.key("role");
  text(record.role);
  out.key("role_display");
  text(record.role_display);
  optional(out, "role_type", record.role_type,
           [&](core::RoleType type) { plain(core::to_string(type)); });
  optional(out, "last_updated", record.last_updated,
           [&](core::Date date) { plain(core::format_date(date)); });
  optional(out, "data_quality", record.data_quality,
           [&](core::DataQuality quality) { plain(core::to_string(quality)); });
  optional(out, "salary_data_quarter", record.salary_data_quarter,
           [&](core::Quarter quarter) { plain(core::format_quarter(quarter)); });
  optional(out, "next_review_due", record.next_review_due,
           [&](core::Date date) { plain(core::format_date(date)); });
  out.key("compensation");
  // An empty list stays on the key's line, as "[]".
  record.compensation.empty() ? out.begin_flow_list() : out.begin_list();
  for (const auto& region : record.compensation) {
    out.begin_map();
    out.key("region");
    text(region.region);
    optional(out, "base_low", region.base_low, amount);
    optional(out, "base_high", region.base_high, amount);
    optional(out, "stock_low", region.stock_low, amount);
    optional(out, "stock_high", region.stock_high, amount);
    optional(out, "bonus_pct", region.bonus_pct,
             [&](core::Percent percent) { plain(core::format_percent(percent)); });
    optional(out, "total_comp_low", region.total_comp_low, amount);
    optional(out, "total_comp_high", region.total_comp_high, amount);
    optional(out, "currency", region.currency,
             [&](core::Currency currency) { plain(currency.code()); });
    out.end_map();
  }
  out.end_list();
  optional(out, "level_mapping", record.level_mapping, [&](const core::LevelMapping& mapping) {
    out.begin_map();
    optional(out, "internal", mapping.internal, text);
    optional(out, "raw", mapping.raw, text);
    out.end_map();
  });
  optional(out, "data_sources", record.data_sources, [&](const std::vector<std::string>& sources) {
    sources.empty() ? out.begin_flow_list() : out.begin_list();
    for (const auto& source : sources) text(source);
    out.end_list();
  });
  optional(out, "negotiation_dna_summary", record.negotiation_dna_summary, text);
  out.end_map();
  return "---\n" + out.document() + "---\n";
}

}  // namespace negotiateup::guide
