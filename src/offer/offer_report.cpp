#include "offer/offer_report.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

#include "core/money.hpp"

namespace negotiateup::offer {
namespace {

nlohmann::ordered_json optional_number(const std::optional<double>& value) {
  if (!value) return nullptr;
  return std::round(*value * 10.0) / 10.0;  // a percentile, to one decimal
}

nlohmann::ordered_json positions_json(const Positions& positions) {
  return {{"base_percentile", optional_number(positions.base_percentile)},
          {"equity_percentile", optional_number(positions.equity_percentile)}};
}

nlohmann::ordered_json years_json(const CashFlows& flows) {
  auto years = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < flows.years.size(); ++i) {
    const auto& y = flows.years[i];
    years.push_back({{"year", i + 1},
                     {"base", y.base},
                     {"bonus", y.bonus},
                     {"signing", y.signing},
                     {"equity", y.equity},
                     {"total", y.total}});
  }
  return years;
}

nlohmann::ordered_json four_year_json(const FourYear& f) {
  return {{"guaranteed_cash", f.guaranteed_cash},
          {"nominal_total", f.nominal_total},
          {"expected", f.expected},
          {"p10", f.p10},
          {"p50", f.p50},
          {"p90", f.p90}};
}

std::string ordinal(long n) {
  const long last_two = std::labs(n) % 100;
  const long last = std::labs(n) % 10;
  const char* suffix = (last_two >= 11 && last_two <= 13) ? "th"
                       : last == 1                        ? "st"
                       : last == 2                        ? "nd"
                       : last == 3                        ? "rd"
                                                          : "th";
  return fmt::format("{}{}", n, suffix);
}

}  // namespace

nlohmann::ordered_json evaluation_json(const Evaluation& e) {
  nlohmann::ordered_json json;
  json["company"] = e.request.company;
  json["role"] = e.request.role;
  json["region"] = e.request.region;
  json["currency"] = std::string(e.currency.code());
  json["bands"] = {
      {"base", e.base_band ? nlohmann::ordered_json{e.base_band->low, e.base_band->high} : nullptr},
      {"equity",
       e.equity_band ? nlohmann::ordered_json{e.equity_band->low, e.equity_band->high} : nullptr}};
  json["positions"] = positions_json(e.positions);
  json["years"] = years_json(e.flows);
  json["four_year"] = four_year_json(e.four_year);
  json["competing"] = nlohmann::ordered_json::array();
  for (const auto& c : e.competing) {
    json["competing"].push_back(
        {{"company", c.company},
         {"region", c.region},
         {"currency_stated", std::string(c.currency_stated.code())},
         {"positions", positions_json(c.positions)},
         {"years", years_json(c.flows)},
         {"four_year", four_year_json(c.four_year)},
         {"probability_better", std::round(c.probability_better * 1000.0) / 1000.0},
         {"break_even_grant",
          c.break_even_grant ? nlohmann::ordered_json(*c.break_even_grant) : nullptr}});
  }
  if (e.recommendation) {
    const auto& r = *e.recommendation;
    json["recommendation"] = {{"ask", {{"base", r.ask_base}, {"equity", r.ask_equity}}},
                              {"floor", {{"base", r.floor_base}, {"equity", r.floor_equity}}},
                              {"signing_bonus", r.signing_bonus},
                              {"script", r.script}};
  } else {
    json["recommendation"] = nullptr;
  }
  return json;
}

std::string evaluation_text(const Evaluation& e) {
  const auto money = [&](std::int64_t amount) {
    return core::format_compact(core::Money{amount, e.currency});
  };
  // Simulated figures are shown to the thousand; the JSON keeps every unit.
  const auto about = [&](std::int64_t amount) {
    return money(core::round_to_step(amount, 1'000, core::Rounding::half_away_from_zero));
  };
  const auto percentile = [](const std::optional<double>& p) {
    return p ? fmt::format("{} percentile", ordinal(std::lround(*p))) : std::string("no band");
  };
  std::string text = fmt::format("{} at {}, {} ({})\n", e.role_display, e.company_display,
                                 e.region_display, e.currency.code());
  text += fmt::format("  base {}: {} of {}\n", money(e.flows.years[0].base),
                      percentile(e.positions.base_percentile),
                      e.base_band ? core::format_compact_range({e.base_band->low, e.currency},
                                                               {e.base_band->high, e.currency})
                                  : "-");
  if (e.request.terms.equity) {
    text +=
        fmt::format("  equity {}: {} of {}\n", money(e.request.terms.equity->grant_value),
                    percentile(e.positions.equity_percentile),
                    e.equity_band ? core::format_compact_range({e.equity_band->low, e.currency},
                                                               {e.equity_band->high, e.currency})
                                  : "-");
  }
  text += "\n  year      base     bonus   signing    equity     total\n";
  for (std::size_t i = 0; i < e.flows.years.size(); ++i) {
    const auto& y = e.flows.years[i];
    text += fmt::format("  {:>4} {:>9} {:>9} {:>9} {:>9} {:>9}\n", i + 1, money(y.base),
                        money(y.bonus), money(y.signing), money(y.equity), money(y.total));
  }
  const auto& f = e.four_year;
  text += fmt::format(
      "\n  four years: {} guaranteed cash, {} at grant values; expected {} (10%: {}, 50%: {}, 90%: "
      "{})\n",
      money(f.guaranteed_cash), money(f.nominal_total), about(f.expected), about(f.p10),
      about(f.p50), about(f.p90));
  for (const auto& c : e.competing) {
    text += fmt::format(
        "  vs {} ({}): {} guaranteed, {} at grant values, expected {}; this offer is worth more in "
        "{:.0f}% of outcomes",
        c.company, c.region, money(c.four_year.guaranteed_cash), money(c.four_year.nominal_total),
        about(c.four_year.expected), c.probability_better * 100.0);
    if (c.break_even_grant)
      text += fmt::format("; equal in expectation at a grant of {}", money(*c.break_even_grant));
    text += "\n";
  }
  if (e.recommendation) {
    const auto& r = *e.recommendation;
    text += fmt::format(
        "\n  ask:   {} base, {} equity\n  floor: {} base, {} equity\n  signing bonus: {}\n\n  "
        "\"{}\"\n",
        money(r.ask_base), money(r.ask_equity), money(r.floor_base), money(r.floor_equity),
        money(r.signing_bonus), r.script);
  }
  return text;
}

}  // namespace negotiateup::offer
