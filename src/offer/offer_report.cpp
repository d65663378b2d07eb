#include "offer/offer_report.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

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

void write_positions(json::Writer& writer, const Positions& positions) {
  writer.Key("positions");
  writer.StartObject();
  write_percentile(writer, "base_percentile", positions.base_percentile);
  write_percentile(writer, "equity_percentile", positions.equity_percentile);
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

// [low, high], or null.
void write_band(json::Writer& writer, std::string_view key, const std::optional<core::Band>& band) {
  writer.Key(key);
  if (!band) {
    writer.Null();
    return;
  }
  writer.StartArray();
  writer.Int64(band->low);
  writer.Int64(band->high);
  writer.EndArray();
}

void write_competing(json::Writer& writer, const CompetingResult& c) {
  writer.StartObject();
  write_member(writer, "company", c.company);
  write_member(writer, "region", c.region);
  write_member(writer, "currency_stated", c.currency_stated.code());
  write_positions(writer, c.positions);
  write_years(writer, c.flows);
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

void write_evaluation(json::Writer& writer, const Evaluation& e) {
  writer.StartObject();
  write_member(writer, "company", e.request.company);
  write_member(writer, "role", e.request.role);
  write_member(writer, "region", e.request.region);
  write_member(writer, "currency", e.currency.code());
  writer.Key("bands");
  writer.StartObject();
  write_band(writer, "base", e.base_band);
  write_band(writer, "equity", e.equity_band);
  writer.EndObject();
  write_positions(writer, e.positions);
  write_years(writer, e.flows);
  write_four_year(writer, e.four_year);
  writer.Key("competing");
  writer.StartArray();
  for (const auto& c : e.competing) write_competing(writer, c);
  writer.EndArray();
  writer.Key("recommendation");
  if (e.recommendation) {
    const auto& r = *e.recommendation;
    writer.StartObject();
    write_base_and_equity(writer, "ask", r.ask_base, r.ask_equity);
    write_base_and_equity(writer, "floor", r.floor_base, r.floor_equity);
    write_member(writer, "signing_bonus", r.signing_bonus);
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
