#include "render/guide_renderer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "catalog/catalog.hpp"
#include "catalog/market_band_json.hpp"
#include "core/money.hpp"
#include "core/text.hpp"
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

// The rule in words: "60–100% of Paris" (the company's anchor, else the rule's).
std::string rule_words(const catalog::Region& region, const std::vector<RegionView>& all,
                       const catalog::Region* anchor) {
  const auto& rule = *region.geo_rule;
  std::string reference_name = anchor ? anchor->name : rule.reference_region;
  if (!anchor) {
    for (const auto& other : all) {
      if (other.region->slug == rule.reference_region) reference_name = other.region->name;
    }
  }
  return fmt::format("{}–{}% of {}", core::format_percent(rule.low_share),
                     core::format_percent(rule.high_share), reference_name);
}

// The cells of one table row: the stated figures, or the region's geo rule in
// words (the front matter states no figures for it; the asks table computes them).
TemplateData table_row(const RegionView& view, const std::vector<RegionView>& all) {
  const auto currency = currency_of(view);
  const auto& figures = view.figures;
  const auto& rule = view.region->geo_rule;
  const auto stated = [&](const std::optional<std::int64_t>& low,
                          const std::optional<std::int64_t>& high) -> std::optional<core::Band> {
    if (low && high) return core::Band{*low, *high};
    return std::nullopt;
  };
  const auto cell = [&](const std::optional<core::Band>& band, std::string rule_text) {
    if (band) return range(*band, currency);
    return rule ? rule_text : std::string("—");
  };
  const std::string share = rule ? rule_words(*view.region, all, view.anchor) : std::string();
  auto row = object_value();
  row["region"] = text_value(view.region->name);
  row["base"] = text_value(
      cell(stated(figures.base_low, figures.base_high), "Varies by location (" + share + ")"));
  row["equity"] =
      text_value(cell(stated(figures.stock_low, figures.stock_high),
                      rule && rule->same_equity ? "Same equity grant" : "Varies by geo band"));
  row["bonus"] = text_value(figures.bonus_pct ? core::format_percent(*figures.bonus_pct) + "%"
                                              : std::string("—"));
  row["total"] = text_value(
      cell(stated(figures.total_comp_low, figures.total_comp_high), "Varies by geo band"));
  return row;
}

// Figures quoted for every region with its own figures, joined " / " in the
// table's order: "€100K / $225K".
struct PerStatedRegion {
  std::vector<std::string> base_asks, equity_asks, base_floors, equity_floors, equity_targets,
      premium_asks, upper_bands, signing_bonuses, equity_bands, base_bands, names;
};

PerStatedRegion per_stated_region(const GuideModel& model) {
  PerStatedRegion lists;
  for (const auto* region : model.stated_regions) {
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

// One row of the asks table, for every region with asks.
TemplateData ask_row(const RegionView& region, const std::vector<RegionView>& all) {
  const auto currency = currency_of(region);
  const auto& asks = *region.asks;
  auto row = object_value();
  row["region"] =
      text_value(region.stated() ? region.region->name
                                 : fmt::format("{} ({})", region.region->name,
                                               rule_words(*region.region, all, region.anchor)));
  row["base_ask"] = text_value(money(asks.base_ask, currency));
  row["equity_ask"] = text_value(money(asks.equity_ask, currency));
  row["base_floor"] = text_value(money(asks.base_floor, currency));
  row["equity_floor"] = text_value(money(asks.equity_floor, currency));
  row["signing_bonus"] = text_value(money(asks.signing_bonus, currency));
  return row;
}

TemplateData competing_lever(const CompetingOffer& offer, int number, const core::Policy& policy) {
  const auto currency = currency_of(*offer.region);
  const auto& o = offer.offer;
  const bool peer_public = offer.peer->stage == catalog::CompanyStage::public_company;
  auto lever = object_value();
  lever["number"] = number_value(number);
  lever["region"] = text_value(offer.region->region->name);
  lever["peer"] = text_value(offer.peer->name);
  lever["level"] = text_value(offer.level);
  lever["peer_base_band"] = text_value(range(offer.peer_base, currency));
  lever["base"] = text_value(money(o.base, currency));
  lever["bonus"] = text_value(o.bonus > 0 ? money(o.bonus, currency) : std::string());
  lever["stock_per_year"] = text_value(money(o.stock_per_year, currency));
  // Listed shares count at their grant value (no drift by default); private ones
  // at what they are expected to be worth.
  lever["expected_stock_per_year"] = text_value(o.expected_stock_per_year != o.stock_per_year
                                                    ? money(o.expected_stock_per_year, currency)
                                                    : std::string());
  std::string sum = money(o.base, currency);
  if (o.bonus > 0) sum += " + " + money(o.bonus, currency);
  sum += " + " + money(o.expected_stock_per_year, currency);
  lever["per_year_sum"] = text_value(sum + " = " + money(o.per_year, currency));
  lever["multi_year_total"] = text_value(money(o.multi_year_total, currency));
  lever["ask_value"] = text_value(money(offer.region->ask_value, currency));
  lever["years"] = number_value(policy.vesting_years);
  lever["equity_word"] = text_value(peer_public ? "RSUs" : "pre-IPO equity");
  lever["equity_ask"] = text_value(money(offer.region->asks->equity_ask, currency));
  return lever;
}

// Where the figures come from, region by region, when the regions differ (or
// when aggregated bands say how many points they rest on): "Paris: Levels.fyi,
// 45 data points up to 2021-Q3 (medium)"; a band withheld for too few points says
// so.
TemplateData provenance(const GuideModel& model, const core::Policy& policy) {
  struct Group {
    std::string text;
    std::vector<std::string> regions;
  };
  std::vector<Group> groups;
  bool counted = false;
  for (const auto& region : model.regions) {
    const auto* band = region.band;
    if (!band->has_figures() && !region.withheld) continue;
    counted = counted || band->points.has_value();
    std::string text = joined(band->sources, ", ");
    if (text.empty()) text = "no source recorded";
    if (band->points)
      text += fmt::format(", {}",
                          core::count_of(static_cast<std::size_t>(*band->points), "data point"));
    if (band->quarter) {
      text +=
          fmt::format("{} {}", band->points ? " up to" : ",", core::format_quarter(*band->quarter));
    }
    if (region.withheld) {
      text += fmt::format(": too few to show figures (at least {})", policy.aggregation.min_points);
    } else if (band->quality) {
      text += fmt::format(" (data quality: {})", core::to_string(*band->quality));
    }
    const auto same =
        std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.text == text; });
    if (same == groups.end()) {
      groups.push_back(Group{text, {region.region->name}});
    } else {
      same->regions.push_back(region.region->name);
    }
  }
  auto lines = list_value();
  if (groups.size() < 2 && !counted) return lines;
  for (const auto& group : groups) {
    auto line = object_value();
    line["regions"] = text_value(joined(group.regions, ", "));
    line["text"] = text_value(group.text);
    lines.push_back(line);
  }
  return lines;
}

// "Market, all employers, Paris: aijobs.net 2024, n = 312: €62K–€88K base": one
// line per region with a market band, beside the company's own band.
TemplateData market_lines(const GuideModel& model) {
  auto lines = list_value();
  for (const auto& region : model.regions) {
    if (!region.market) continue;
    const auto& band = *region.market;
    auto line = object_value();
    line["region"] = text_value(region.region->name);
    line["provenance"] = text_value(catalog::market_band_provenance(band));
    line["base"] = text_value(range(band.base, band.currency));
    line["total"] = text_value(band.total ? range(*band.total, band.currency) : std::string());
    lines.push_back(line);
  }
  return lines;
}

TemplateData guide_context(const GuideModel& model, const core::Policy& policy) {
  const auto& record = model.record;
  const auto& company = *model.company;
  const auto& narrative = company.narrative;
  const auto lists = per_stated_region(model);

  auto rows = list_value();
  for (const auto& region : model.regions) rows.push_back(table_row(region, model.regions));

  auto competing = list_value();
  int number = 2;  // lever 1 is the equity target
  for (const auto& offer : model.competing) {
    competing.push_back(competing_lever(offer, number++, policy));
  }
  // Regions no peer's offer beats get the market-position lever instead.
  auto market = list_value();
  if (!model.without_competing.empty()) {
    std::vector<std::string> names, bands, asks;
    for (const auto* region : model.without_competing) {
      names.push_back(region->region->name);
      bands.push_back(range(*region->base, currency_of(*region)));
      asks.push_back(money(region->asks->base_ask, currency_of(*region)));
    }
    auto lever = object_value();
    lever["number"] = number_value(number++);
    lever["regions"] = text_value(joined(names));
    lever["base_bands"] = text_value(joined(bands));
    lever["base_asks"] = text_value(joined(asks));
    market.push_back(lever);
  }

  auto ask_rows = list_value();
  for (const auto* region : model.asked_regions)
    ask_rows.push_back(ask_row(*region, model.regions));

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

  const auto& extra_asks = policy.stage(company.stage).asks;
  const int signing_number = static_cast<int>(extra_asks.size()) + 1;
  auto context = object_value();
  context["company"] = text_value(record.company);
  context["company_display"] = text_value(record.company_display);
  context["role"] = text_value(record.role);
  context["role_display"] = text_value(record.role_display);
  context["is_private"] = TemplateData(company.stage != catalog::CompanyStage::public_company);
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
  auto market_bands = market_lines(model);
  context["has_market_bands"] = TemplateData(market_bands.is_non_empty_list());
  context["market_bands"] = std::move(market_bands);
  context["has_asks"] = TemplateData(!model.stated_regions.empty());
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
  context["extra_asks"] = text_value(core::numbered_asks(extra_asks));
  context["signing_number"] = number_value(signing_number);
  context["scope_number"] = number_value(signing_number + 1);
  context["vesting_years"] = number_value(policy.vesting_years);
  context["competing"] = std::move(competing);
  context["market"] = std::move(market);
  context["premium_number"] = number_value(number);
  context["ask_rows"] = std::move(ask_rows);
  context["sources"] = std::move(sources);
  context["provenance"] = provenance(model, policy);
  // Where only some regions are illustrative, the provenance lines say which.
  context["all_illustrative"] = TemplateData(
      std::all_of(model.regions.begin(), model.regions.end(), [](const RegionView& region) {
        return !region.band->has_figures() ||
               region.band->quality == core::DataQuality::illustrative;
      }));
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
  write_member(writer, "company_stage", core::to_string(model.company->stage));
  write_member(writer, "role_family",
               core::to_string(model.role ? model.role->family : core::RoleFamily::engineering));
  writer.Key("extra_asks");
  writer.StartArray();
  for (const auto& ask : policy.stage(model.company->stage).asks) writer.String(ask.id);
  writer.EndArray();
  writer.Key("regions");
  writer.StartArray();
  for (const auto* region_view : model.asked_regions) {
    const auto& region = *region_view;
    const auto& asks = *region.asks;
    writer.StartObject();
    write_member(writer, "region", region.region->name);
    write_member(writer, "currency", region.region->currency.code());
    json::write_nullable(
        writer, "computed_from",
        region.anchor ? std::optional<std::string>(region.anchor->name) : std::nullopt);
    json::write_range(writer, "base", *region.base);
    json::write_range(writer, "stock", *region.stock);
    write_member(writer, "base_ask", asks.base_ask);
    write_member(writer, "base_floor", asks.base_floor);
    write_member(writer, "equity_ask", asks.equity_ask);
    write_member(writer, "equity_floor", asks.equity_floor);
    write_member(writer, "equity_target", asks.equity_target);
    write_member(writer, "equity_premium_ask", asks.equity_premium_ask);
    json::write_range(writer, "upper_equity_band", asks.upper_equity_band);
    write_member(writer, "signing_bonus", asks.signing_bonus);
    write_member(writer, "ask_multi_year_value", region.ask_value);
    writer.EndObject();
  }
  writer.EndArray();
  // Every region of the guide with a market band, in the guide's order.
  writer.Key("market_bands");
  writer.StartArray();
  for (const auto& region : model.regions) {
    if (region.market) catalog::write_market_band(writer, *region.market, region.region->name);
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
    write_member(writer, "company_stage", core::to_string(offer.peer->stage));
    write_member(writer, "role", offer.peer_role ? offer.peer_role->slug : std::string());
    write_member(
        writer, "role_family",
        core::to_string(offer.peer_role ? offer.peer_role->family : core::RoleFamily::engineering));
    write_member(writer, "base", offer.offer.base);
    write_member(writer, "bonus", offer.offer.bonus);
    write_member(writer, "stock_per_year", offer.offer.stock_per_year);
    write_member(writer, "expected_stock_per_year", offer.offer.expected_stock_per_year);
    write_member(writer, "years", policy.vesting_years);
    write_member(writer, "multi_year_total", offer.offer.multi_year_total);
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  writer.EndObject();
  return writer.text();
}

namespace {

// The guide's context with its level-mapping text, and the record that states it.
struct GuideText {
  TemplateData context;
  core::GuideRecord record;
  std::string head;  // title, DNA line and table: the charts follow them in HTML
  std::string rest;
};

// The level-mapping text is also the front matter's level_mapping.raw: the record
// a guide states, and the context the other parts see it in.
void add_level_mapping(const GuideModel& model, const TemplateSet& templates, TemplateData& context,
                       core::GuideRecord& record) {
  const auto mapping_text = trimmed(templates.render("guide/level_mapping_text", context));
  if (!mapping_text.empty()) {
    record.level_mapping = core::LevelMapping{model.entry->level_mapping.internal, mapping_text};
  }
  context["level_mapping_text"] = text_value(mapping_text);
}

GuideText guide_text(const GuideModel& model, const TemplateSet& templates,
                     const core::Policy& policy) {
  GuideText text{guide_context(model, policy), model.record, {}, {}};
  const auto family = model.role ? model.role->family : core::RoleFamily::engineering;
  add_level_mapping(model, templates, text.context, text.record);
  constexpr std::size_t kHeadParts = 3;
  for (std::size_t i = 0; i < kGuideParts.size(); ++i) {
    auto& target = i < kHeadParts ? text.head : text.rest;
    const auto part = trimmed(templates.render_part(kGuideParts[i], family, text.context));
    if (part.empty()) continue;
    if (!target.empty()) target += "\n\n";
    target += part;
  }
  return text;
}

// The HTML head: the title and DNA line; the page template lays out the table
// itself (a cell per column, stacked on a phone).
std::string head_without_table(const GuideModel& model, const TemplateSet& templates,
                               const TemplateData& context) {
  const auto family = model.role ? model.role->family : core::RoleFamily::engineering;
  std::string head;
  for (const auto part : {kGuideParts[0], kGuideParts[1]}) {
    const auto text = trimmed(templates.render_part(part, family, context));
    if (text.empty()) continue;
    if (!head.empty()) head += "\n\n";
    head += text;
  }
  return markdown_to_html(head);
}

// Every chart of a guide on one scale per currency: 0 to the largest figure of
// that currency's regions.
std::string charts_html(const GuideModel& model) {
  std::map<std::string, std::int64_t, std::less<>> scale_max;
  for (const auto* region : model.asked_regions) {
    auto& top = scale_max[std::string(region->region->currency.code())];
    top = std::max<std::int64_t>({top, region->base->high, region->stock->high,
                                  region->asks->base_ask, region->asks->equity_ask});
  }
  std::string charts;
  for (const auto* region_view : model.asked_regions) {
    const auto& region = *region_view;
    charts +=
        "<figure>\n<figcaption><strong>" + escape_html(region.region->name) +
        "</strong>: the ask (solid) and the accept-at floor (dashed)</figcaption>\n" +
        band_chart_svg(region.region->name, region.region->currency, *region.base, *region.stock,
                       *region.asks, scale_max[std::string(region.region->currency.code())]) +
        "</figure>\n";
  }
  return charts;
}

// What the page's header states: per region, its data quality, sample size and
// sources; whether any figure is illustrative, and which.
void add_page_facts(TemplateData& page, const GuideModel& model) {
  const auto& record = model.record;
  page["last_updated"] =
      text_value(record.last_updated ? core::format_date(*record.last_updated) : "");
  page["next_review"] =
      text_value(record.next_review_due ? core::format_date(*record.next_review_due) : "");
  page["quarter"] = text_value(
      record.salary_data_quarter ? core::format_quarter(*record.salary_data_quarter) : "");
  auto regions = list_value();
  std::vector<std::string> illustrative;
  std::size_t with_figures = 0;
  for (const auto& view : model.regions) {
    const auto* band = view.band;
    if (!band->has_figures() && !view.withheld) continue;
    if (band->has_figures()) ++with_figures;
    if (band->quality == core::DataQuality::illustrative) illustrative.push_back(view.region->name);
    auto item = object_value();
    item["region"] = text_value(view.region->name);
    item["quality"] =
        text_value(band->quality ? std::string(core::to_string(*band->quality)) : "not stated");
    std::string points = band->points
                             ? core::count_of(static_cast<std::size_t>(*band->points), "data point")
                             : "sample size not recorded";
    if (view.withheld) points += ", too few to show figures";
    item["points"] = text_value(std::move(points));
    item["quarter"] = text_value(band->quarter ? core::format_quarter(*band->quarter) : "");
    item["sources"] = text_value(joined(band->sources, ", "));
    regions.push_back(item);
  }
  page["has_region_facts"] = TemplateData(regions.is_non_empty_list());
  page["region_facts"] = std::move(regions);
  page["illustrative"] = TemplateData(!illustrative.empty());
  page["illustrative_regions"] =
      text_value(illustrative.size() == with_figures ? std::string() : joined(illustrative, ", "));
}

std::string render_page(const GuideModel& model, const TemplateSet& templates,
                        const GuideText& text, SiteLinks links, std::string_view asset_version,
                        bool live_reload) {
  const auto& record = text.record;
  const bool routes = links == SiteLinks::routes;
  auto page = object_value();
  page["title"] = text_value(record.role_display + " | " + record.company_display);
  page["company"] = text_value(record.company);
  page["company_display"] = text_value(record.company_display);
  page["role"] = text_value(record.role);
  page["role_display"] = text_value(record.role_display);
  page["root"] = text_value(routes ? "" : "../..");
  page["ext"] = text_value(routes ? "" : ".html");
  page["home"] = text_value(routes ? "/" : "../../index.html");
  page["search"] = TemplateData(routes);
  page["asset_version"] = text_value(std::string(asset_version));
  page["live_reload"] = TemplateData(live_reload);
  page["equity_kind"] = text_value(std::string(catalog::equity_kind(model.company->stage)));
  page.set("table_rows", *text.context.get("table_rows"));
  page.set("has_market_bands", *text.context.get("has_market_bands"));
  page.set("market_bands", *text.context.get("market_bands"));
  page["has_sources"] = TemplateData(record.data_sources && !record.data_sources->empty());
  page.set("sources", *text.context.get("sources"));
  add_page_facts(page, model);
  page["head_html"] = text_value(head_without_table(model, templates, text.context));
  page["charts_html"] = text_value(charts_html(model));
  page["body_html"] = text_value(markdown_to_html(text.rest));
  return templates.render("site/guide.html", page);
}

}  // namespace

RenderedGuide render_guide(const GuideModel& model, const TemplateSet& templates,
                           const core::Policy& policy) {
  const auto text = guide_text(model, templates, policy);
  RenderedGuide rendered;
  rendered.markdown = guide::emit_front_matter(text.record) + text.head + "\n\n" + text.rest + "\n";
  rendered.html = render_page(model, templates, text, SiteLinks::files, {}, false);
  rendered.json = guide_json(model, text.record, policy);
  return rendered;
}

std::string render_guide_json(const GuideModel& model, const TemplateSet& templates,
                              const core::Policy& policy) {
  auto context = guide_context(model, policy);
  auto record = model.record;
  add_level_mapping(model, templates, context, record);
  return guide_json(model, record, policy);
}

std::string render_guide_page(const GuideModel& model, const TemplateSet& templates,
                              const core::Policy& policy, SiteLinks links,
                              std::string_view asset_version, bool live_reload) {
  return render_page(model, templates, guide_text(model, templates, policy), links, asset_version,
                     live_reload);
}

}  // namespace negotiateup::render
