#include "audit/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

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

nlohmann::ordered_json summary(const AuditResult& result) {
  std::array<std::size_t, 3> counts{};
  for (const auto& finding : result.findings) ++counts[static_cast<std::size_t>(finding.severity)];
  return nlohmann::ordered_json{{"error", counts[0]}, {"warning", counts[1]}, {"info", counts[2]}};
}

}  // namespace

std::string text_report(const AuditResult& result) {
  std::string text;
  for (const auto& f : result.findings) {
    text += fmt::format("{}:{}: {}: {}: {}\n", f.file, f.line, to_string(f.severity), f.rule,
                        f.message);
  }
  return text;
}

std::string json_report(const AuditResult& result) {
  nlohmann::ordered_json json;
  json["findings"] = nlohmann::ordered_json::array();
  for (const auto& f : result.findings) {
    json["findings"].push_back(
        nlohmann::ordered_json{{"file", f.file},
                               {"line", f.line},
                               {"rule", std::string(f.rule)},
                               {"severity", std::string(to_string(f.severity))},
                               {"message", f.message}});
  }
  json["summary"] = summary(result);
  // How many arithmetic statements were recomputed, and how many could be read two
  // ways and were right under one reading (not reported).
  json["arithmetic"] = {{"checked", result.arithmetic.checked},
                        {"ambiguous", result.arithmetic.ambiguous}};
  return json.dump(2) + "\n";
}

std::string sarif_report(const AuditResult& result) {
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  for (const auto& [id, description] : kRules) {
    rules.push_back({{"id", std::string(id)}, {"shortDescription", {{"text", description}}}});
  }
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const auto& f : result.findings) {
    nlohmann::ordered_json location = {
        {"physicalLocation", {{"artifactLocation", {{"uri", f.file}}}}}};
    // SARIF lines start at 1; a finding about the whole file has no region.
    if (f.line > 0) location["physicalLocation"]["region"] = {{"startLine", f.line}};
    const auto index =
        static_cast<std::size_t>(std::find_if(kRules.begin(), kRules.end(),
                                              [&](const auto& r) { return r.first == f.rule; }) -
                                 kRules.begin());
    results.push_back(
        {{"ruleId", std::string(f.rule)},
         {"ruleIndex", index},
         {"level", f.severity == Severity::info ? "note" : std::string(to_string(f.severity))},
         {"message", {{"text", f.message}}},
         {"locations", nlohmann::ordered_json::array({location})}});
  }
  nlohmann::ordered_json sarif = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", nlohmann::ordered_json::array(
                   {{{"tool",
                      {{"driver",
                        {{"name", "negotiateup"},
                         {"informationUri", "https://negotiateup.example/docs/audit"},
                         {"version", "0.1.0"},
                         {"rules", rules}}}}},
                     {"results", results}}})}};
  return sarif.dump(2) + "\n";
}

}  // namespace negotiateup::audit
