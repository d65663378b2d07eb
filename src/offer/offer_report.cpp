#include "offer/offer_report.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

#include "catalog/market_band_json.hpp"
#include "core/money.hpp"

namespace negotiateup::offer {
namespace {

using json::write_member;

// A percentile, to one decimal; null when there is no band.
void write_percentile(json::Writer& writer, std::string_view key,
                      const std::optional<double>& value) {
  json::write_optional(writer, key, value,
                       [&](double v) { writer.Double(std::round(v * 10.0) / 10.0); });
}

// The number keeps its key (`..._percentile`, though it is a linear position);
// the wording comes beside it.
void write_positions(json::Writer& writer, const Positions& positions, core::Currency currency) {
  writer.Key("positions");
  writer.StartObject();
  write_percentile(writer, "base_percentile", positions.base_percentile);
  write_percentile(writer, "equity_percentile", positions.equity_percentile);
  write_member(writer, "base_position",
               position_wording(positions.base_percentile, positions.base_outside, currency));
  write_member(writer, "equity_position",
               position_wording(positions.equity_percentile, positions.equity_outside, currency));
  writer.EndObject();
}

void write_first_year(json::Writer& writer, const FirstYear& first) {
  writer.Key("first_year");
  writer.StartObject();
  write_member(writer, "cash", first.cash);
  write_member(writer, "equity_expected", first.equity);
  write_member(writer, "total", first.total);
  writer.EndObject();
}

// Options that vest within the four years and what exercising them costs; null
// for RSUs or no equity.
void write_options(json::Writer& writer, const CashFlows& flows) {
  writer.Key("options");
  if (flows.options_vesting == 0 && flows.exercise_cost == 0) {
    writer.Null();
    return;
  }
  writer.StartObject();
  write_member(writer, "vesting", flows.options_vesting);
  write_member(writer, "exercise_cost", flows.exercise_cost);
  writer.EndObject();
}

void write_years(json::Writer& writer, const CashFlows& flows) {
  writer.Key("years");
  writer.StartArray();
  for (std::size_t i = 0; i < flows.years.size(); ++i) {
    const auto& y = flows.years[i];
    writer.StartObject();
    writer.Key("year");
    writer.Uint64(i + 1);
    write_member(writer, "base", y.base);
    write_member(writer, "bonus", y.bonus);
    write_member(writer, "signing", y.signing);
    write_member(writer, "equity", y.equity);
    write_member(writer, "total", y.total);
    writer.EndObject();
  }
  writer.EndArray();
}

void write_four_year(json::Writer& writer, const FourYear& f) {
  writer.Key("four_year");
  writer.StartObject();
  write_member(writer, "guaranteed_cash", f.guaranteed_cash);
  write_member(writer, "nominal_total", f.nominal_total);
  write_member(writer, "expected", f.expected);
  write_member(writer, "p10", f.p10);
  write_member(writer, "p50", f.p50);
  write_member(writer, "p90", f.p90);
  writer.EndObject();
}

void write_competing(json::Writer& writer, const CompetingResult& c) {
  writer.StartObject();
  write_member(writer, "company", c.company);
  write_member(writer, "region", c.region);
  write_member(writer, "currency_stated", c.currency_stated.code());
  writer.Key("same_region");
  writer.Bool(c.same_region);
  write_positions(writer, c.positions, c.currency_stated);
  write_years(writer, c.flows);
  write_options(writer, c.flows);
  write_first_year(writer, c.first_year);
  write_four_year(writer, c.four_year);
  writer.Key("probability_better");
  writer.Double(std::round(c.probability_better * 1000.0) / 1000.0);
  json::write_nullable(writer, "break_even_grant", c.break_even_grant);
  writer.EndObject();
}

void write_base_and_equity(json::Writer& writer, std::string_view key, std::int64_t base,
                           std::int64_t equity) {
  writer.Key(key);
  writer.StartObject();
  write_member(writer, "base", base);
  write_member(writer, "equity", equity);
  writer.EndObject();
}

}  // namespace

std::optional<std::string> market_line(const Evaluation& e) {
  if (!e.market) return std::nullopt;
  const auto& m = *e.market;
  const auto range = [&](core::Band b) {
    return core::format_compact_range({b.low, e.currency}, {b.high, e.currency});
  };
  auto line = fmt::format(
      "market, all employers ({}): base {} (band {})", catalog::market_band_provenance(m.band),
      position_wording(m.base_position, m.base_outside, e.currency), range(m.band.base));
  if (m.band.total) {
    line += fmt::format("; yearly total {}: {} (band {})",
                        core::format_compact_rounded({m.yearly_total, e.currency}),
                        position_wording(m.total_position, m.total_outside, e.currency),
                        range(*m.band.total));
  }
  return line;
}

std::string position_wording(const std::optional<double>& position,
                             const std::optional<std::int64_t>& outside, core::Currency currency) {
  if (!position || !outside) return "no band";
  if (*outside != 0) {
    return fmt::format("{} the band by {}", *outside < 0 ? "below" : "above",
                       core::format_compact_rounded({std::abs(*outside), currency}));
  }
  return fmt::format("position {}", std::lround(*position));
}

void write_evaluation(json::Writer& writer, const Evaluation& e) {
  writer.StartObject();
  write_member(writer, "company", e.request.company);
  write_member(writer, "role", e.request.role);
  write_member(writer, "region", e.request.region);
  write_member(writer, "currency", e.currency.code());
  writer.Key("bands");
  writer.StartObject();
  json::write_range(writer, "base", e.base_band);
  json::write_range(writer, "equity", e.equity_band);
  writer.EndObject();
  write_positions(writer, e.positions, e.currency);
  write_years(writer, e.flows);
  write_options(writer, e.flows);
  write_first_year(writer, e.first_year);
  write_four_year(writer, e.four_year);
  writer.Key("competing");
  writer.StartArray();
  for (const auto& c : e.competing) write_competing(writer, c);
  writer.EndArray();
  writer.Key("market");
  if (e.market) {
    const auto& m = *e.market;
    writer.StartObject();
    writer.Key("band");
    catalog::write_market_band(writer, m.band, m.band.region);
    write_member(writer, "base_position",
                 position_wording(m.base_position, m.base_outside, e.currency));
    write_member(writer, "yearly_total", m.yearly_total);
    json::write_nullable(writer, "total_position",
                         m.band.total ? std::optional(position_wording(m.total_position,
                                                                       m.total_outside, e.currency))
                                      : std::nullopt);
    writer.EndObject();
  } else {
    writer.Null();
  }
  writer.Key("recommendation");
  if (e.recommendation) {
    const auto& r = *e.recommendation;
    writer.StartObject();
    write_base_and_equity(writer, "ask", r.ask_base, r.ask_equity);
    write_base_and_equity(writer, "floor", r.floor_base, r.floor_equity);
    write_member(writer, "signing_bonus", r.signing_bonus);
    write_member(writer, "signing_bonus_offered", r.signing_bonus_offered);
    write_member(writer, "signing_bonus_total", r.signing_bonus_total);
    write_member(writer, "signing_bonus_reason", r.signing_bonus_reason);
    writer.Key("extra_asks");
    writer.StartArray();
    for (const auto& ask : r.extra_asks) writer.String(ask.id);
    writer.EndArray();
    writer.Key("equity_ask_capped");
    writer.Bool(r.equity_ask_capped);
    write_member(writer, "equity_ask_reason", r.equity_ask_reason);
    write_member(writer, "script", r.script);
    writer.EndObject();
  } else {
    writer.Null();
  }
  writer.EndObject();
}

std::string evaluation_json(const Evaluation& evaluation) {
  json::Writer writer;
  write_evaluation(writer, evaluation);
  return writer.text();
}

std::string evaluation_text(const Evaluation& e) {
  // Figures the candidate states or asks for are exact; computed ones (sums,
  // raises, the simulation) have three significant digits.
  const auto stated = [&](std::int64_t amount) {
    return core::format_compact(core::Money{amount, e.currency});
  };
  const auto computed = [&](std::int64_t amount) {
    return core::format_compact_rounded(core::Money{amount, e.currency});
  };
  const auto band = [&](const std::optional<core::Band>& b) {
    return b ? fmt::format(" (band {})",
                           core::format_compact_range({b->low, e.currency}, {b->high, e.currency}))
             : std::string();
  };
  std::string text = fmt::format("{} at {}, {} ({})\n", e.role_display, e.company_display,
                                 e.region_display, e.currency.code());
  text += fmt::format(
      "  base {}: {}{}\n", stated(e.request.terms.base),
      position_wording(e.positions.base_percentile, e.positions.base_outside, e.currency),
      band(e.base_band));
  if (e.request.terms.equity) {
    const auto& equity = *e.request.terms.equity;
    text += fmt::format(
        "  equity {}: {}{}\n", stated(equity.grant_value),
        position_wording(e.positions.equity_percentile, e.positions.equity_outside, e.currency),
        band(e.equity_band));
    if (equity.type == EquityType::private_options) {
      const auto price = [&](std::int64_t cents) {
        return fmt::format("{}{}.{:02}", e.currency.display_prefix(), cents / 100, cents % 100);
      };
      text += fmt::format(
          "  options: {} vest within four years, strike {}, preferred {}: worth {} today over the "
          "strike; exercising them costs {}\n",
          e.flows.options_vesting, price(equity.strike_price_cents.value_or(0)),
          price(preferred_price_cents(equity)), computed(value_today(equity)),
          computed(e.flows.exercise_cost));
    }
  }
  if (const auto market = market_line(e)) text += "  " + *market + "\n";
  text += "\n  year      base     bonus   signing    equity     total\n";
  for (std::size_t i = 0; i < e.flows.years.size(); ++i) {
    const auto& y = e.flows.years[i];
    text +=
        fmt::format("  {:>4} {:>9} {:>9} {:>9} {:>9} {:>9}\n", i + 1, computed(y.base),
                    computed(y.bonus), computed(y.signing), computed(y.equity), computed(y.total));
  }
  const auto first_year = [&](const FirstYear& f) {
    return fmt::format("{} ({} cash, {} vesting at expected value)", computed(f.total),
                       computed(f.cash), computed(f.equity));
  };
  const auto& f = e.four_year;
  text += fmt::format("\n  first year: {}\n", first_year(e.first_year));
  text += fmt::format(
      "  four years: {} guaranteed cash, {} at today's values; expected {} (10%: {}, 50%: {}, "
      "90%: {})\n",
      computed(f.guaranteed_cash), computed(f.nominal_total), computed(f.expected), computed(f.p10),
      computed(f.p50), computed(f.p90));
  for (const auto& c : e.competing) {
    text += fmt::format(
        "  vs {} ({}): first year {}; four years {} guaranteed, {} at today's values, expected {}; "
        "this offer is worth more in {:.0f}% of outcomes",
        c.company, c.region, computed(c.first_year.total), computed(c.four_year.guaranteed_cash),
        computed(c.four_year.nominal_total), computed(c.four_year.expected),
        c.probability_better * 100.0);
    if (c.flows.options_vesting > 0) {
      text += fmt::format("; its {} options cost {} to exercise", c.flows.options_vesting,
                          computed(c.flows.exercise_cost));
    }
    if (c.break_even_grant)
      text += fmt::format("; equal in expectation at a grant of {}", computed(*c.break_even_grant));
    text += "\n";
  }
  if (e.recommendation) {
    const auto& r = *e.recommendation;
    text += fmt::format("\n  ask:   {} base, {} equity\n         equity: {}\n", stated(r.ask_base),
                        stated(r.ask_equity), r.equity_ask_reason);
    text +=
        fmt::format("  floor: {} base, {} equity\n", stated(r.floor_base), stated(r.floor_equity));
    text += r.signing_bonus_offered > 0
                ? fmt::format("  signing bonus: {} more, {} in all\n", stated(r.signing_bonus),
                              stated(r.signing_bonus_total))
                : fmt::format("  signing bonus: {}\n", stated(r.signing_bonus));
    text += fmt::format("         {}\n\n  \"{}\"\n", r.signing_bonus_reason, r.script);
  }
  return text;
}

}  // namespace negotiateup::offer
