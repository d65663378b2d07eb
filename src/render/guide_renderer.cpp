#include "render/guide_renderer.hpp"

#include <fmt/format.h>

#include "catalog/catalog.hpp"
#include "core/money.hpp"
#include "guide/front_matter.hpp"
#include "guide/record_json.hpp"
#include "json/writer.hpp"
#include "render/html.hpp"

namespace negotiateup::render {
namespace {

using core::format_compact;
using core::Money;

std::string joined(const std::vector<std::string>& parts, std::string_view separator = " / ") {
  std::string text;
  for (const auto& part : parts) {
    if (!text.empty()) text += separator;
    text += part;
  }
  return text;
}

std::string money(std::int64_t amount, core::Currency currency) {
  return format_compact(Money{amount, currency});
}

std::string range(core::Band band, core::Currency currency) {
  return core::format_compact_range(Money{band.low, currency}, Money{band.high, currency});
}

core::Currency currency_of(const RegionView& region) {
  return region.region->currency;
}

// Numbers are printed as text: kainjow has no number values.
TemplateData number_value(int number) {
  return TemplateData(std::to_string(number));
}

// The cells of one table row: figures, or the region's geo rule in words.
TemplateData table_row(const RegionView& view, const std::vector<RegionView>& all) {
  const auto currency = currency_of(view);
  const auto& figures = view.figures;
  const auto& rule = view.region->geo_rule;
  std::string reference_name;
  if (rule) {
    reference_name = rule->reference_region;
    for (const auto& other : all) {
      if (other.region->slug == rule->reference_region) reference_name = other.region->name;
    }
  }
  const auto cell = [&](const std::optional<core::Band>& band, std::string rule_text) {
    if (band) return range(*band, currency);
    return rule ? rule_text : std::string("—");
  };
  std::optional<core::Band> total;
  if (figures.total_comp_low && figures.total_comp_high) {
    total = core::Band{*figures.total_comp_low, *figures.total_comp_high};
  }
  const std::string share =
      rule ? fmt::format("{}–{}% of {}", core::format_percent(rule->low_share),
                         core::format_percent(rule->high_share), reference_name)
           : std::string();
  auto row = object_value();
  row["region"] = text_value(view.region->name);
  row["base"] = text_value(cell(view.base, "Varies by location (" + share + ")"));
  row["equity"] = text_value(
      cell(view.stock, rule && rule->same_equity ? "Same equity grant" : "Varies by geo band"));
  row["bonus"] = text_value(figures.bonus_pct ? core::format_percent(*figures.bonus_pct) + "%"
                                              : std::string("—"));
  row["total"] = text_value(cell(total, "Varies by geo band"));
  return row;
}

struct PerMainRegion {
  std::vector<std::string> base_asks, equity_asks, base_floors, equity_floors, equity_targets,
      premium_asks, upper_bands, signing_bonuses, equity_bands, base_bands, names;
};

PerMainRegion per_main_region(const GuideModel& model) {
  PerMainRegion lists;
  for (const auto* region : model.main_regions) {
    const auto currency = currency_of(*region);
    const auto& asks = *region->asks;
    lists.names.push_back(region->region->name);
    lists.base_asks.push_back(money(asks.base_ask, currency));
    lists.equity_asks.push_back(money(asks.equity_ask, currency));
    lists.base_floors.push_back(money(asks.base_floor, currency));
    lists.equity_floors.push_back(money(asks.equity_floor, currency));
    lists.equity_targets.push_back(money(asks.equity_target, currency));
    lists.premium_asks.push_back(money(asks.equity_premium_ask, currency));
    lists.upper_bands.push_back(range(asks.upper_equity_band, currency));
    lists.signing_bonuses.push_back(money(asks.signing_bonus, currency));
    lists.equity_bands.push_back(range(*region->stock, currency));
    lists.base_bands.push_back(range(*region->base, currency));
  }
  return lists;
}

TemplateData guide_context(const GuideModel& model, const core::Policy& policy) {
  const auto& record = model.record;
  const auto& company = *model.company;
  const auto& narrative = company.narrative;
  const auto lists = per_main_region(model);

  auto rows = list_value();
  for (const auto& region : model.regions) rows.push_back(table_row(region, model.regions));

  auto competing = list_value();
  std::vector<std::string> competing_names;
  std::vector<std::string> competing_bases;
  int number = 2;  // lever 1 is the equity target
  for (const auto& offer : model.competing) {
    const auto currency = currency_of(*offer.region);
    const bool peer_public = offer.peer->stage == catalog::CompanyStage::public_company;
    auto lever = object_value();
    lever["number"] = number_value(number++);
    lever["region"] = text_value(offer.region->region->name);
    lever["peer"] = text_value(offer.peer->name);
    lever["level"] = text_value(offer.level);
    lever["peer_base_band"] = text_value(range(offer.peer_base, currency));
    lever["base"] = text_value(money(offer.offer.base, currency));
    lever["stock_per_year"] = text_value(money(offer.offer.stock_per_year, currency));
    lever["multi_year_total"] = text_value(money(offer.offer.multi_year_total, currency));
    lever["years"] = number_value(policy.vesting_years);
    lever["equity_word"] = text_value(peer_public ? "RSUs" : "equity");
    lever["equity_ask"] = text_value(money(offer.region->asks->equity_ask, currency));
    competing.push_back(lever);
    competing_names.push_back(offer.peer->name + " " + offer.region->region->name);
    competing_bases.push_back(money(offer.offer.base, currency));
  }

  auto sources = list_value();
  for (const auto& source : record.data_sources.value_or(std::vector<std::string>{})) {
    auto item = object_value();
    item["name"] = text_value(source);
    sources.push_back(item);
  }

  auto equivalents = list_value();
  for (const auto& equivalent : model.equivalents) {
    auto item = object_value();
    item["company"] = text_value(equivalent.company);
    item["level"] = text_value(equivalent.level);
    item["regions"] = text_value(joined(equivalent.regions, "/"));
    equivalents.push_back(item);
  }

  const bool is_manager = record.role_type == core::RoleType::manager;
  const bool is_private = company.stage == catalog::CompanyStage::private_company;
  auto context = object_value();
  context["company"] = text_value(record.company);
  context["company_display"] = text_value(record.company_display);
  context["role"] = text_value(record.role);
  context["role_display"] = text_value(record.role_display);
  context["is_manager"] = TemplateData(is_manager);
  context["is_private"] = TemplateData(is_private);
  context["equity_kind"] = text_value(std::string(catalog::equity_kind(company.stage)));
  context["dna_summary"] = text_value(record.negotiation_dna_summary.value_or(""));
  context["narrative_dna"] = text_value(narrative.dna.value_or(""));
  context["leverage_title"] = text_value(narrative.leverage_title.value_or(""));
  context["leverage"] = text_value(narrative.leverage.value_or(""));
  context["script"] = text_value(narrative.script.value_or(""));
  // "Senior Engineer (Senior Engineer)" says nothing: the level only when it differs.
  const auto internal_level = model.entry->level_mapping.internal.value_or("");
  context["internal_level"] =
      text_value(internal_level == record.role_display ? std::string() : internal_level);
  context["has_equivalents"] = TemplateData(!model.equivalents.empty());
  context["equivalents"] = std::move(equivalents);
  context["imported_level_mapping"] = text_value(model.entry->level_mapping.raw.value_or(""));
  context["table_rows"] = std::move(rows);
  context["has_asks"] = TemplateData(!model.main_regions.empty());
  context["main_regions"] = text_value(joined(lists.names));
  context["base_bands"] = text_value(joined(lists.base_bands));
  context["equity_bands"] = text_value(joined(lists.equity_bands));
  context["base_asks"] = text_value(joined(lists.base_asks));
  context["equity_asks"] = text_value(joined(lists.equity_asks));
  context["base_floors"] = text_value(joined(lists.base_floors));
  context["equity_floors"] = text_value(joined(lists.equity_floors));
  context["equity_targets"] = text_value(joined(lists.equity_targets));
  context["premium_asks"] = text_value(joined(lists.premium_asks));
  context["upper_equity_bands"] = text_value(joined(lists.upper_bands));
  context["signing_bonuses"] = text_value(joined(lists.signing_bonuses));
  context["vesting_years"] = number_value(policy.vesting_years);
  context["competing"] = std::move(competing);
  context["has_competing"] = TemplateData(!model.competing.empty());
  context["competing_names"] = text_value(joined(competing_names));
  context["competing_bases"] = text_value(joined(competing_bases));
  context["premium_number"] = number_value(number);
  context["sources"] = std::move(sources);
  context["is_illustrative"] = TemplateData(record.data_quality == core::DataQuality::illustrative);
  context["quarter"] = text_value(
      record.salary_data_quarter ? core::format_quarter(*record.salary_data_quarter) : "");
  return context;
}

// A part may end with line breaks (its last line, or a line whose sections showed
// nothing); a part is trimmed and the parts are joined by one blank line.
std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  std::size_t start = 0;
  while (start < text.size() && text[start] == '\n') ++start;
  return text.substr(start);
}

}  // namespace

std::string guide_json(const GuideModel& model, const core::GuideRecord& record,
                       const core::Policy& policy) {
  using json::write_member;
  json::Writer writer(json::Layout::indented);
  writer.StartObject();
  guide::write_record_members(writer, record);
  writer.Key("derived");
  writer.StartObject();
  write_member(writer, "equity_kind", catalog::equity_kind(model.company->stage));
  writer.Key("regions");
  writer.StartArray();
  for (const auto& region : model.regions) {
    if (!region.asks) continue;
    const auto& asks = *region.asks;
    writer.StartObject();
    write_member(writer, "region", region.region->name);
    write_member(writer, "currency", region.region->currency.code());
    write_member(writer, "base_ask", asks.base_ask);
    write_member(writer, "base_floor", asks.base_floor);
    write_member(writer, "equity_ask", asks.equity_ask);
    write_member(writer, "equity_floor", asks.equity_floor);
    write_member(writer, "equity_target", asks.equity_target);
    write_member(writer, "equity_premium_ask", asks.equity_premium_ask);
    writer.Key("upper_equity_band");
    writer.StartArray();
    writer.Int64(asks.upper_equity_band.low);
    writer.Int64(asks.upper_equity_band.high);
    writer.EndArray();
    write_member(writer, "signing_bonus", asks.signing_bonus);
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("competing_offers");
  writer.StartArray();
  for (const auto& offer : model.competing) {
    writer.StartObject();
    write_member(writer, "region", offer.region->region->name);
    write_member(writer, "company", offer.peer->slug);
    write_member(writer, "level", offer.level);
    write_member(writer, "currency", offer.region->region->currency.code());
    write_member(writer, "base", offer.offer.base);
    write_member(writer, "stock_per_year", offer.offer.stock_per_year);
    write_member(writer, "years", policy.vesting_years);
    write_member(writer, "multi_year_total", offer.offer.multi_year_total);
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  writer.EndObject();
  return writer.text();
}

RenderedGuide render_guide(const GuideModel& model, const TemplateSet& templates,
                           const core::Policy& policy) {
  auto context = guide_context(model, policy);
  const auto type = model.record.role_type.value_or(core::RoleType::standard);

  // The level-mapping text is also the front matter's level_mapping.raw.
  auto record = model.record;
  const auto mapping_text = trimmed(templates.render("guide/level_mapping_text", context));
  if (!mapping_text.empty()) {
    record.level_mapping = core::LevelMapping{model.entry->level_mapping.internal, mapping_text};
  }
  context["level_mapping_text"] = text_value(mapping_text);

  std::string head;  // title, DNA line and table: the charts follow them in HTML
  std::string rest;
  constexpr std::size_t kHeadParts = 3;
  for (std::size_t i = 0; i < kGuideParts.size(); ++i) {
    auto& target = i < kHeadParts ? head : rest;
    const auto text = trimmed(templates.render_part(kGuideParts[i], type, context));
    if (text.empty()) continue;
    if (!target.empty()) target += "\n\n";
    target += text;
  }

  RenderedGuide rendered;
  rendered.markdown = guide::emit_front_matter(record) + head + "\n\n" + rest + "\n";

  std::string charts;
  for (const auto& region : model.regions) {
    if (!region.asks) continue;
    charts += "<figure>\n<figcaption><strong>" + escape_html(region.region->name) +
              "</strong>: the ask (solid) and the accept-at floor (dashed)</figcaption>\n" +
              band_chart_svg(region.region->name, region.region->currency, *region.base,
                             *region.stock, *region.asks) +
              "</figure>\n";
  }
  const std::string title = record.role_display + " | " + record.company_display;
  auto page = object_value();
  page["title"] = text_value(title);
  page["company"] = text_value(record.company);
  page["company_display"] = text_value(record.company_display);
  page["role"] = text_value(record.role);
  page["role_display"] = text_value(record.role_display);
  page["root"] = text_value("../..");
  page["head_html"] = text_value(markdown_to_html(head));
  page["charts_html"] = text_value(std::move(charts));
  page["body_html"] = text_value(markdown_to_html(rest));
  rendered.html = templates.render("site/guide.html", page);
  rendered.json = guide_json(model, record, policy);
  return rendered;
}

}  // namespace negotiateup::render
