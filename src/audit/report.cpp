#include "audit/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/text.hpp"
#include "json/writer.hpp"

namespace negotiateup::audit {
namespace {

constexpr std::array kRules{
    std::pair{rule::multi_year_arithmetic,
              "A stated multi-year total, guaranteed total or sum that does not follow from the "
              "parts stated beside it"},
    std::pair{rule::total_comp_mismatch,
              "A total comp that is not base + stock / vesting years (+ bonus), beyond rounding"},
    std::pair{rule::band_order, "A low above its high, or a negative or zero figure"},
    std::pair{rule::table_mismatch, "A body table cell that disagrees with the front matter"},
    std::pair{rule::ask_outside_band,
              "An ask, target or floor outside its band, or a floor above its ask"},
    std::pair{rule::review_overdue, "next_review_due is before today"},
    std::pair{rule::review_date,
              "next_review_due is not last_updated + the review interval, or the data quarter "
              "is later than last_updated"},
    std::pair{rule::missing_data, "A region with no figures that does not state a geo rule"},
    std::pair{rule::format,
              "Front matter that is not valid or lacks a required key, or a section "
              "missing or out of order"},
};

// A count: audits count findings and statements as sizes.
void write_count(json::Writer& writer, std::string_view key, std::size_t count) {
  writer.Key(key);
  writer.Uint64(count);
}

void write_summary(json::Writer& writer, const AuditResult& result) {
  std::array<std::size_t, 3> counts{};
  for (const auto& finding : result.findings) ++counts[static_cast<std::size_t>(finding.severity)];
  writer.StartObject();
  write_count(writer, "error", counts[0]);
  write_count(writer, "warning", counts[1]);
  write_count(writer, "info", counts[2]);
  writer.EndObject();
}

void write_text_object(json::Writer& writer, std::string_view key, std::string_view text) {
  writer.Key(key);
  writer.StartObject();
  json::write_member(writer, "text", text);
  writer.EndObject();
}

void write_rules(json::Writer& writer) {
  writer.StartArray();
  for (const auto& [id, description] : kRules) {
    writer.StartObject();
    json::write_member(writer, "id", id);
    write_text_object(writer, "shortDescription", description);
    writer.EndObject();
  }
  writer.EndArray();
}

void write_result(json::Writer& writer, const Finding& f) {
  const auto index = static_cast<std::size_t>(
      std::find_if(kRules.begin(), kRules.end(), [&](const auto& r) { return r.first == f.rule; }) -
      kRules.begin());
  writer.StartObject();
  json::write_member(writer, "ruleId", f.rule);
  write_count(writer, "ruleIndex", index);
  json::write_member(writer, "level",
                     f.severity == Severity::info ? "note" : to_string(f.severity));
  write_text_object(writer, "message", f.message);
  writer.Key("locations");
  writer.StartArray();
  writer.StartObject();
  writer.Key("physicalLocation");
  writer.StartObject();
  writer.Key("artifactLocation");
  writer.StartObject();
  json::write_member(writer, "uri", f.file);
  writer.EndObject();
  // SARIF lines start at 1; a finding about the whole file has no region.
  if (f.line > 0) {
    writer.Key("region");
    writer.StartObject();
    write_count(writer, "startLine", f.line);
    writer.EndObject();
  }
  writer.EndObject();
  writer.EndObject();
  writer.EndArray();
  writer.EndObject();
}

}  // namespace

std::string text_report(const AuditResult& result) {
  std::string text;
  // For a terminal: a file's name and the text a message quotes come from the
  // input, and their control characters are shown escaped.
  for (const auto& f : result.findings) {
    text += fmt::format("{}:{}: {}: {}: {}\n", core::printable(f.file), f.line,
                        to_string(f.severity), f.rule, core::printable(f.message));
  }
  return text;
}

std::string json_report(const AuditResult& result) {
  json::Writer writer;
  writer.StartObject();
  writer.Key("findings");
  writer.StartArray();
  for (const auto& f : result.findings) {
    writer.StartObject();
    json::write_member(writer, "file", f.file);
    write_count(writer, "line", f.line);
    json::write_member(writer, "rule", f.rule);
    json::write_member(writer, "severity", to_string(f.severity));
    json::write_member(writer, "message", f.message);
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("summary");
  write_summary(writer, result);
  // How many arithmetic statements were recomputed, and how many could be read two
  // ways and were right under one reading (not reported).
  writer.Key("arithmetic");
  writer.StartObject();
  write_count(writer, "checked", result.arithmetic.checked);
  write_count(writer, "ambiguous", result.arithmetic.ambiguous);
  writer.EndObject();
  writer.EndObject();
  return writer.text();
}

std::string sarif_report(const AuditResult& result) {
  json::Writer writer;
  writer.StartObject();
  json::write_member(writer, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  json::write_member(writer, "version", "2.1.0");
  writer.Key("runs");
  writer.StartArray();
  writer.StartObject();
  writer.Key("tool");
  writer.StartObject();
  writer.Key("driver");
  writer.StartObject();
  json::write_member(writer, "name", "negotiateup");
  json::write_member(writer, "informationUri", "https://negotiateup.example/docs/audit");
  json::write_member(writer, "version", "0.1.0");
  writer.Key("rules");
  write_rules(writer);
  writer.EndObject();
  writer.EndObject();
  writer.Key("results");
  writer.StartArray();
  for (const auto& f : result.findings) write_result(writer, f);
  writer.EndArray();
  writer.EndObject();
  writer.EndArray();
  writer.EndObject();
  return writer.text();
}

}  // namespace negotiateup::audit
