#include "guide/record_json.hpp"

namespace negotiateup::guide {

using json::write_member;
using json::write_nullable;
using json::write_optional;

namespace {

void write_nullable(json::Writer& writer, std::string_view key,
                    const std::optional<core::Date>& date) {
  write_optional(writer, key, date,
                 [&](core::Date value) { writer.String(core::format_date(value)); });
}

// 15 stays an integer, 12.5 becomes a number with decimals.
void write_nullable(json::Writer& writer, std::string_view key,
                    const std::optional<core::Percent>& percent) {
  write_optional(writer, key, percent, [&](core::Percent value) {
    if (value.hundredths % 100 == 0) {
      writer.Int64(value.hundredths / 100);
    } else {
      writer.Double(static_cast<double>(value.hundredths) / 100.0);
    }
  });
}

// An enumeration's or a code's name.
template <typename T, typename Name>
std::optional<std::string> name_of(const std::optional<T>& value, Name name) {
  if (!value) return std::nullopt;
  return std::string(name(*value));
}

}  // namespace

void write_record_members(json::Writer& writer, const core::GuideRecord& record) {
  write_member(writer, "company", record.company);
  write_member(writer, "company_display", record.company_display);
  write_member(writer, "role", record.role);
  write_member(writer, "role_display", record.role_display);
  write_nullable(writer, "role_type", name_of(record.role_type, [](core::RoleType type) {
                   return core::to_string(type);
                 }));
  write_nullable(writer, "last_updated", record.last_updated);
  write_nullable(writer, "data_quality",
                 name_of(record.data_quality,
                         [](core::DataQuality quality) { return core::to_string(quality); }));
  write_nullable(writer, "salary_data_quarter",
                 name_of(record.salary_data_quarter, core::format_quarter));
  write_nullable(writer, "next_review_due", record.next_review_due);
  writer.Key("compensation");
  writer.StartArray();
  for (const auto& region : record.compensation) {
    writer.StartObject();
    write_member(writer, "region", region.region);
    write_nullable(writer, "base_low", region.base_low);
    write_nullable(writer, "base_high", region.base_high);
    write_nullable(writer, "stock_low", region.stock_low);
    write_nullable(writer, "stock_high", region.stock_high);
    write_nullable(writer, "bonus_pct", region.bonus_pct);
    write_nullable(writer, "total_comp_low", region.total_comp_low);
    write_nullable(writer, "total_comp_high", region.total_comp_high);
    write_nullable(writer, "currency", name_of(region.currency, [](core::Currency currency) {
                     return currency.code();
                   }));
    writer.EndObject();
  }
  writer.EndArray();
  write_optional(writer, "level_mapping", record.level_mapping,
                 [&](const core::LevelMapping& mapping) {
                   writer.StartObject();
                   write_nullable(writer, "internal", mapping.internal);
                   write_nullable(writer, "raw", mapping.raw);
                   writer.EndObject();
                 });
  write_optional(writer, "data_sources", record.data_sources,
                 [&](const std::vector<std::string>& sources) {
                   writer.StartArray();
                   for (const auto& source : sources) writer.String(source);
                   writer.EndArray();
                 });
  write_nullable(writer, "negotiation_dna_summary", record.negotiation_dna_summary);
}

std::string record_json(const core::GuideRecord& record) {
  json::Writer writer(json::Layout::indented);
  writer.StartObject();
  write_record_members(writer, record);
  writer.EndObject();
  return writer.text();
}

}  // namespace negotiateup::guide
