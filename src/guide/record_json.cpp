#include "guide/record_json.hpp"

namespace negotiateup::guide {
namespace {

template <typename T, typename Convert>
nlohmann::ordered_json optional_json(const std::optional<T>& value, Convert convert) {
  if (!value) return nullptr;
  return convert(*value);
}

nlohmann::ordered_json amount(const std::optional<std::int64_t>& value) {
  return optional_json(value, [](std::int64_t v) { return nlohmann::ordered_json(v); });
}

// 15 stays an integer, 12.5 becomes a number with decimals.
nlohmann::ordered_json percent(const std::optional<core::Percent>& value) {
  return optional_json(value, [](core::Percent p) {
    if (p.hundredths % 100 == 0) return nlohmann::ordered_json(p.hundredths / 100);
    return nlohmann::ordered_json(static_cast<double>(p.hundredths) / 100.0);
  });
}

nlohmann::ordered_json text(const std::optional<std::string>& value) {
  return optional_json(value, [](const std::string& v) { return nlohmann::ordered_json(v); });
}

}  // namespace

nlohmann::ordered_json to_json(const core::GuideRecord& record) {
  nlohmann::ordered_json json;
  json["company"] = record.company;
  json["company_display"] = record.company_display;
  json["role"] = record.role;
  json["role_display"] = record.role_display;
  json["role_type"] = optional_json(record.role_type, [](core::RoleType t) {
    return nlohmann::ordered_json(std::string(core::to_string(t)));
  });
  const auto date = [](core::Date d) { return nlohmann::ordered_json(core::format_date(d)); };
  json["last_updated"] = optional_json(record.last_updated, date);
  json["data_quality"] = optional_json(record.data_quality, [](core::DataQuality q) {
    return nlohmann::ordered_json(std::string(core::to_string(q)));
  });
  json["salary_data_quarter"] = optional_json(record.salary_data_quarter, [](core::Quarter q) {
    return nlohmann::ordered_json(core::format_quarter(q));
  });
  json["next_review_due"] = optional_json(record.next_review_due, date);
  json["compensation"] = nlohmann::ordered_json::array();
  for (const auto& region : record.compensation) {
    nlohmann::ordered_json entry;
    entry["region"] = region.region;
    entry["base_low"] = amount(region.base_low);
    entry["base_high"] = amount(region.base_high);
    entry["stock_low"] = amount(region.stock_low);
    entry["stock_high"] = amount(region.stock_high);
    entry["bonus_pct"] = percent(region.bonus_pct);
    entry["total_comp_low"] = amount(region.total_comp_low);
    entry["total_comp_high"] = amount(region.total_comp_high);
    entry["currency"] = optional_json(region.currency, [](core::Currency c) {
      return nlohmann::ordered_json(std::string(c.code()));
    });
    json["compensation"].push_back(std::move(entry));
  }
  json["level_mapping"] = optional_json(record.level_mapping, [](const core::LevelMapping& m) {
    nlohmann::ordered_json mapping;
    mapping["internal"] = text(m.internal);
    mapping["raw"] = text(m.raw);
    return mapping;
  });
  json["data_sources"] = optional_json(record.data_sources, [](const std::vector<std::string>& s) {
    return nlohmann::ordered_json(s);
  });
  json["negotiation_dna_summary"] = text(record.negotiation_dna_summary);
  return json;
}

}  // namespace negotiateup::guide
