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

// The front matter has a fixed shape, so it is written directly: a general YAML
// emitter cost most of a site build's time (docs/benchmarks.md).
class FrontMatterWriter {
 public:
  explicit FrontMatterWriter(std::string& out) : out_(out) {}

  void key(std::string_view indent, std::string_view name) {
    out_.append(indent).append(name).append(":");
  }
  void null() { out_.append(" null\n"); }
  void text(const std::string& value) {
    out_.push_back(' ');
    if (!yaml::needs_double_quotes(value)) {
      out_.append(value);
    } else {
      out_.push_back('"');
      for (const char c : value) {
        switch (c) {
          case '"':
            out_.append("\\\"");
            break;
          case '\\':
            out_.append("\\\\");
            break;
          case '\n':
            out_.append("\\n");
            break;
          case '\t':
            out_.append("\\t");
            break;
          default:
            if (static_cast<unsigned char>(c) < 0x20) {
              out_.append(fmt::format("\\x{:02X}", static_cast<unsigned char>(c)));
            } else {
              out_.push_back(c);
            }
        }
      }
      out_.push_back('"');
    }
    out_.push_back('\n');
  }
  void plain(std::string_view value) { out_.append(" ").append(value).append("\n"); }
  void amount(std::int64_t value) { out_.append(fmt::format(" {}\n", value)); }

  template <typename T, typename Write>
  void optional(std::string_view indent, std::string_view name, const std::optional<T>& value,
                Write write) {
    key(indent, name);
    if (value) {
      write(*value);
    } else {
      null();
    }
  }

 private:
  std::string& out_;
};

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

std::string emit_front_matter(const core::GuideRecord& record) {
  std::string out = "---\n";
  out.reserve(2048);
  FrontMatterWriter w(out);
  const auto text = [&](const std::string& value) { w.text(value); };
  const auto plain = [&](std::string_view value) { w.plain(value); };
  const auto amount = [&](std::int64_t value) { w.amount(value); };
  w.key("", "company");
  w.text(record.company);
  w.key("", "company_display");
  w.text(record.company_display);
  w.key("", "role");
  w.text(record.role);
  w.key("", "role_display");
  w.text(record.role_display);
  w.optional("", "role_type", record.role_type,
             [&](core::RoleType type) { plain(core::to_string(type)); });
  w.optional("", "last_updated", record.last_updated,
             [&](core::Date date) { plain(core::format_date(date)); });
  w.optional("", "data_quality", record.data_quality,
             [&](core::DataQuality quality) { plain(core::to_string(quality)); });
  w.optional("", "salary_data_quarter", record.salary_data_quarter,
             [&](core::Quarter quarter) { plain(core::format_quarter(quarter)); });
  w.optional("", "next_review_due", record.next_review_due,
             [&](core::Date date) { plain(core::format_date(date)); });
  w.key("", "compensation");
  if (record.compensation.empty()) out.append(" []");
  out.push_back('\n');
  for (const auto& region : record.compensation) {
    w.key("  - ", "region");
    w.text(region.region);
    constexpr std::string_view kIndent = "    ";
    w.optional(kIndent, "base_low", region.base_low, amount);
    w.optional(kIndent, "base_high", region.base_high, amount);
    w.optional(kIndent, "stock_low", region.stock_low, amount);
    w.optional(kIndent, "stock_high", region.stock_high, amount);
    w.optional(kIndent, "bonus_pct", region.bonus_pct,
               [&](core::Percent percent) { plain(core::format_percent(percent)); });
    w.optional(kIndent, "total_comp_low", region.total_comp_low, amount);
    w.optional(kIndent, "total_comp_high", region.total_comp_high, amount);
    w.optional(kIndent, "currency", region.currency,
               [&](core::Currency currency) { plain(currency.code()); });
  }
  w.key("", "level_mapping");
  if (record.level_mapping) {
    out.push_back('\n');
    w.optional("  ", "internal", record.level_mapping->internal, text);
    w.optional("  ", "raw", record.level_mapping->raw, text);
  } else {
    w.null();
  }
  w.key("", "data_sources");
  if (!record.data_sources) {
    w.null();
  } else if (record.data_sources->empty()) {
    out.append(" []\n");
  } else {
    out.push_back('\n');
    for (const auto& source : *record.data_sources) {
      out.append("  -");
      w.text(source);
    }
  }
  w.optional("", "negotiation_dna_summary", record.negotiation_dna_summary, text);
  out.append("---\n");
  return out;
}

}  // namespace negotiateup::guide
