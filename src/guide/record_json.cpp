#include "guide/record_json.hpp"

namespace negotiateup::guide {
namespace {

template <typename T, typename Write>
void write_optional(JsonWriter& writer, const std::optional<T>& value, Write write) {
  if (value) {
    write(*value);
  } else {
    writer.Null();
  }
}

void write_amount(JsonWriter& writer, const std::optional<std::int64_t>& value) {
  write_optional(writer, value, [&](std::int64_t amount) { writer.Int64(amount); });
}

void write_optional_text(JsonWriter& writer, const std::optional<std::string>& value) {
  write_optional(writer, value, [&](const std::string& text) { write_text(writer, text); });
}

void write_date(JsonWriter& writer, const std::optional<core::Date>& value) {
  write_optional(writer, value,
                 [&](core::Date date) { write_text(writer, core::format_date(date)); });
}

// 15 stays an integer, 12.5 becomes a number with decimals.
void write_percent(JsonWriter& writer, const std::optional<core::Percent>& value) {
  write_optional(writer, value, [&](core::Percent percent) {
    if (percent.hundredths % 100 == 0) {
      writer.Int64(percent.hundredths / 100);
    } else {
      writer.Double(static_cast<double>(percent.hundredths) / 100.0);
    }
  });
}

}  // namespace

void write_text(JsonWriter& writer, std::string_view text) {
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void write_record_members(JsonWriter& writer, const core::GuideRecord& record) {
  writer.Key("company");
  write_text(writer, record.company);
  writer.Key("company_display");
  write_text(writer, record.company_display);
  writer.Key("role");
  write_text(writer, record.role);
  writer.Key("role_display");
  write_text(writer, record.role_display);
  writer.Key("role_type");
  write_optional(writer, record.role_type,
                 [&](core::RoleType type) { write_text(writer, core::to_string(type)); });
  writer.Key("last_updated");
  write_date(writer, record.last_updated);
  writer.Key("data_quality");
  write_optional(writer, record.data_quality,
                 [&](core::DataQuality quality) { write_text(writer, core::to_string(quality)); });
  writer.Key("salary_data_quarter");
  write_optional(writer, record.salary_data_quarter,
                 [&](core::Quarter quarter) { write_text(writer, core::format_quarter(quarter)); });
  writer.Key("next_review_due");
  write_date(writer, record.next_review_due);
  writer.Key("compensation");
  writer.StartArray();
  for (const auto& region : record.compensation) {
    writer.StartObject();
    writer.Key("region");
    write_text(writer, region.region);
    writer.Key("base_low");
    write_amount(writer, region.base_low);
    writer.Key("base_high");
    write_amount(writer, region.base_high);
    writer.Key("stock_low");
    write_amount(writer, region.stock_low);
    writer.Key("stock_high");
    write_amount(writer, region.stock_high);
    writer.Key("bonus_pct");
    write_percent(writer, region.bonus_pct);
    writer.Key("total_comp_low");
    write_amount(writer, region.total_comp_low);
    writer.Key("total_comp_high");
    write_amount(writer, region.total_comp_high);
    writer.Key("currency");
    write_optional(writer, region.currency,
                   [&](core::Currency currency) { write_text(writer, currency.code()); });
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("level_mapping");
  write_optional(writer, record.level_mapping, [&](const core::LevelMapping& mapping) {
    writer.StartObject();
    writer.Key("internal");
    write_optional_text(writer, mapping.internal);
    writer.Key("raw");
    write_optional_text(writer, mapping.raw);
    writer.EndObject();
  });
  writer.Key("data_sources");
  write_optional(writer, record.data_sources, [&](const std::vector<std::string>& sources) {
    writer.StartArray();
    for (const auto& source : sources) write_text(writer, source);
    writer.EndArray();
  });
  writer.Key("negotiation_dna_summary");
  write_optional_text(writer, record.negotiation_dna_summary);
}

std::string record_json(const core::GuideRecord& record) {
  JsonText json;
  json.writer().StartObject();
  write_record_members(json.writer(), record);
  json.writer().EndObject();
  return json.str();
}

}  // namespace negotiateup::guide
