#include "web/calculator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <string>

#include "core/money.hpp"
#include "offer/evaluation.hpp"
#include "offer/offer_report.hpp"
#include "offer/offer_request.hpp"
#include "web/calculator_form.hpp"

namespace negotiateup::web {
namespace {

using render::list_value;
using render::names_value;
using render::object_value;
using render::TemplateData;
using render::text_value;

constexpr std::array<std::string_view, 12> kOfferInputs{
    "company", "region", "currency", "base",   "bonus_pct", "signing_bonus",
    "equity",  "grant",  "shares",   "strike", "preferred", "vesting"};
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kEquityChoices{{
    {"none", "No equity"},
    {"public-rsu", "RSUs of a listed company"},
    {"private-rsu", "RSUs of a private company"},
    {"private-options", "Stock options"},
}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kVestingChoices{{
    {"even", "Even over 4 years, 1-year cliff"},
    {"5-15-40-40", "5% / 15% / 40% / 40%"},
    {"33-33-22-12", "33% / 33% / 22% / 12%"},
    {"monthly", "Monthly after a 1-year cliff"},
}};

// The colours of the chart's parts (fill attributes: no inline style under the CSP).
struct Part {
  std::string_view name;
  std::string_view colour;
};
constexpr std::array<Part, 4> kParts{{{"Base", "#2b6cb0"},
                                      {"Bonus", "#68d391"},
                                      {"Signing bonus", "#f6ad55"},
                                      {"Equity", "#9f7aea"}}};

// "€120,000": every unit, so that the page states the evaluator's figures exactly.
std::string exact(std::int64_t amount, core::Currency currency) {
  const auto digits = std::to_string(amount < 0 ? -amount : amount);
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(digits[i]);
  }
  return fmt::format("{}{}{}", amount < 0 ? "-" : "", currency.display_prefix(), grouped);
}

TemplateData choices(std::span<const std::pair<std::string_view, std::string_view>> list,
                     std::string_view selected) {
  auto items = list_value();
  for (const auto& [value, label] : list) {
    auto item = object_value();
    item["value"] = text_value(std::string(value));
    item["label"] = text_value(std::string(label));
    item["selected"] = text_value(value == selected ? "selected" : "");
    items.push_back(std::move(item));
  }
  return items;
}

// One offer's inputs as the form shows them, each with its error (every key set,
// so that a competing offer never shows the main offer's value).
TemplateData offer_inputs(const Target& target, const std::string& prefix, std::string_view field,
                          std::string_view message) {
  auto data = object_value();
  data["prefix"] = text_value(prefix);
  for (const auto input : kOfferInputs) {
    const auto name = prefix + std::string(input);
    const auto value = target.get(name);
    data[std::string(input)] = text_value(value ? std::string(*value) : std::string());
    data[std::string(input) + "_error"] =
        text_value(name == field ? std::string(message) : std::string());
  }
  const auto equity = target.get(prefix + "equity");
  data["equity_choices"] = choices(kEquityChoices, equity ? *equity : "none");
  const auto vesting = target.get(prefix + "vesting");
  data["vesting_choices"] = choices(kVestingChoices, vesting ? *vesting : "even");
  return data;
}

// Four stacked bars, one a year, on the page's common scale.
TemplateData chart(const offer::CashFlows& flows, core::Currency currency, std::int64_t scale) {
  constexpr double kHeight = 180;
  constexpr double kBarWidth = 48;
  constexpr double kGap = 24;
  auto bars = list_value();
  for (std::size_t year = 0; year < flows.years.size(); ++year) {
    const auto& y = flows.years[year];
    const std::array<std::int64_t, 4> values{y.base, y.bonus, y.signing, y.equity};
    double top = kHeight;
    const double x = kGap + static_cast<double>(year) * (kBarWidth + kGap);
    for (std::size_t part = 0; part < kParts.size(); ++part) {
      if (values[part] <= 0) continue;
      const double height = kHeight * static_cast<double>(values[part]) /
                            static_cast<double>(std::max<std::int64_t>(scale, 1));
      top -= height;
      auto bar = object_value();
      bar["x"] = text_value(fmt::format("{:.1f}", x));
      bar["y"] = text_value(fmt::format("{:.1f}", top));
      bar["width"] = text_value(fmt::format("{:.1f}", kBarWidth));
      bar["height"] = text_value(fmt::format("{:.1f}", height));
      bar["colour"] = text_value(std::string(kParts[part].colour));
      bar["label"] = text_value(fmt::format("Year {} {}: {}", year + 1, kParts[part].name,
                                            exact(values[part], currency)));
      bars.push_back(std::move(bar));
    }
    auto label = object_value();
    label["x"] = text_value(fmt::format("{:.1f}", x + kBarWidth / 2));
    label["text"] = text_value(fmt::format("Year {}", year + 1));
    bars.push_back(std::move(label));
  }
  return bars;
}

TemplateData years(const offer::CashFlows& flows, core::Currency currency) {
  auto rows = list_value();
  for (std::size_t i = 0; i < flows.years.size(); ++i) {
    const auto& y = flows.years[i];
    auto row = object_value();
    row["year"] = text_value(std::to_string(i + 1));
    row["base"] = text_value(exact(y.base, currency));
    row["bonus"] = text_value(exact(y.bonus, currency));
    row["signing"] = text_value(exact(y.signing, currency));
    row["equity"] = text_value(exact(y.equity, currency));
    row["total"] = text_value(exact(y.total, currency));
    rows.push_back(std::move(row));
  }
  return rows;
}

TemplateData offer_figures(std::string name, const offer::CashFlows& flows,
                           const offer::FourYear& four, core::Currency currency,
                           std::int64_t scale) {
  auto data = object_value();
  data["name"] = text_value(std::move(name));
  data["years"] = years(flows, currency);
  data["bars"] = chart(flows, currency, scale);
  data["expected"] = text_value(exact(four.expected, currency));
  data["p10"] = text_value(exact(four.p10, currency));
  data["p90"] = text_value(exact(four.p90, currency));
  data["nominal"] = text_value(exact(four.nominal_total, currency));
  data["guaranteed"] = text_value(exact(four.guaranteed_cash, currency));
  return data;
}

std::string percent_text(double probability) {
  return fmt::format("{}%", std::lround(probability * 100.0));
}

TemplateData form_data(const catalog::Catalog& catalog, const Target& target,
                       std::string_view field, std::string_view message) {
  auto data = object_value();
  data["title"] = text_value("Evaluate an offer");
  auto offers = list_value();
  auto offer = offer_inputs(target, "", field, message);
  offer["main"] = text_value("yes");
  offer["legend"] = text_value("Your offer");
  const auto role = target.get("role");
  offer["role"] = text_value(role ? std::string(*role) : std::string());
  offer["role_error"] = text_value(field == "role" ? std::string(message) : std::string());
  offers.push_back(std::move(offer));
  for (std::size_t i = 1; i <= kMaxCompeting; ++i) {
    auto item = offer_inputs(target, fmt::format("c{}_", i), field, message);
    item["main"] = text_value("");
    item["legend"] = text_value(fmt::format("Competing offer {} (optional)", i));
    offers.push_back(std::move(item));
  }
  data["offers"] = std::move(offers);
  // The datalists suggest names; the resolver also takes slugs and aliases.
  data["companies"] = names_value(catalog.companies);
  data["roles"] = names_value(catalog.roles);
  data["regions"] = names_value(catalog.regions);
  // An error no field owns is shown above the form.
  data["form_error"] =
      text_value(!message.empty() && field.empty() ? std::string(message) : std::string());
  data["has_error"] = text_value(message.empty() ? "" : "yes");
  return data;
}

}  // namespace

Calculator::Calculator(const render::SiteSnapshot& snapshot, std::size_t paths)
    : snapshot_(snapshot), paths_(paths) {
  empty_form_ = make_body(snapshot_.templates().render(
      "site/offer.html", form_data(snapshot_.catalog(), Target{}, {}, {})));
}

Response Calculator::form(const Target& target) const {
  if (target.parameters.empty()) {
    Response response;
    response.content_type = "text/html; charset=utf-8";
    response.body = empty_form_;
    response.cache_control = "public, max-age=300";
    return response;
  }
  return form_page(target, {}, {}, 200);
}

Response Calculator::form_page(const Target& target, std::string_view field,
                               std::string_view message, int status) const {
  return html_response(
      snapshot_.templates().render("site/offer.html",
                                   form_data(snapshot_.catalog(), target, field, message)),
      status);
}

Response Calculator::result(const Request& request, const Target& target) const {
  const auto form = offer_json_from_form(target);
  if (!form) return form_page(target, form.error().field, form.error().message, 400);
  const auto parsed = offer::parse_offer_request(form->json, "offer");
  if (!parsed) {
    const auto [path, message] = split_field(parsed.error().message, {});
    return form_page(target, form_field_of(path, *form), message, 400);
  }
  const offer::SimulationSettings settings{42, paths_, core::Jobs(1)};
  const auto evaluation = offer::evaluate_offer(*parsed, snapshot_.catalog(), settings, "offer");
  if (!evaluation) {
    if (evaluation.error().kind != core::ErrorKind::bad_input) {
      return html_response(
          "<!doctype html><title>Error</title><p>The offer could not be evaluated.</p>\n", 503);
    }
    const auto [path, message] = split_field(evaluation.error().message, evaluation.error().where);
    return form_page(target, form_field_of(path, *form), message, 400);
  }
  const auto& e = *evaluation;
  std::int64_t scale = 0;
  for (const auto& y : e.flows.years) scale = std::max(scale, y.total);
  for (const auto& c : e.competing) {
    for (const auto& y : c.flows.years) scale = std::max(scale, y.total);
  }

  auto data = object_value();
  data["title"] =
      text_value(fmt::format("{} at {}: your offer", e.role_display, e.company_display));
  data["company"] = text_value(e.company_display);
  data["role"] = text_value(e.role_display);
  data["region"] = text_value(e.region_display);
  data["currency"] = text_value(std::string(e.currency.code()));
  data["base_position"] = text_value(
      offer::position_wording(e.positions.base_percentile, e.positions.base_outside, e.currency));
  data["equity_position"] = text_value(offer::position_wording(
      e.positions.equity_percentile, e.positions.equity_outside, e.currency));
  if (e.base_band) {
    data["base_band"] = text_value(core::format_compact_range({e.base_band->low, e.currency},
                                                              {e.base_band->high, e.currency}));
  }
  if (e.equity_band) {
    data["equity_band"] = text_value(core::format_compact_range({e.equity_band->low, e.currency},
                                                                {e.equity_band->high, e.currency}));
  }
  data["has_equity"] = text_value(e.request.terms.equity ? "yes" : "");
  data["market"] = text_value(offer::market_line(e).value_or(""));
  auto offers = list_value();
  offers.push_back(offer_figures(fmt::format("This offer ({})", e.company_display), e.flows,
                                 e.four_year, e.currency, scale));
  auto comparisons = list_value();
  for (const auto& c : e.competing) {
    offers.push_back(offer_figures(fmt::format("{} ({})", c.company, c.region), c.flows,
                                   c.four_year, e.currency, scale));
    auto item = object_value();
    item["company"] = text_value(c.company);
    item["region"] = text_value(c.region);
    item["probability"] = text_value(percent_text(c.probability_better));
    item["same_region"] = text_value(c.same_region ? "yes" : "");
    comparisons.push_back(std::move(item));
  }
  data["offers"] = std::move(offers);
  data["comparisons"] = std::move(comparisons);
  if (e.recommendation) {
    const auto& r = *e.recommendation;
    auto rec = object_value();
    rec["ask_base"] = text_value(exact(r.ask_base, e.currency));
    rec["ask_equity"] = text_value(exact(r.ask_equity, e.currency));
    rec["floor_base"] = text_value(exact(r.floor_base, e.currency));
    rec["floor_equity"] = text_value(exact(r.floor_equity, e.currency));
    rec["signing_bonus"] = text_value(exact(r.signing_bonus, e.currency));
    rec["signing_bonus_reason"] = text_value(r.signing_bonus_reason);
    rec["equity_ask_reason"] = text_value(r.equity_ask_reason);
    auto asks = list_value();
    for (const auto& ask : r.extra_asks) asks.push_back(text_value(ask.text));
    rec["has_extra_asks"] = text_value(r.extra_asks.empty() ? "" : "yes");
    rec["extra_asks"] = std::move(asks);
    rec["script"] = text_value(r.script);
    data["recommendation"] = std::move(rec);
  }
  data["share"] = text_value(std::string(request.target));
  auto back = std::string(request.target);
  back.replace(0, std::string_view("/offer/result").size(), "/offer");
  data["edit"] = text_value(back);
  return html_response(snapshot_.templates().render("site/offer_result.html", data), 200);
}

}  // namespace negotiateup::web
