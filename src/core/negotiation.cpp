#include "core/negotiation.hpp"

#include <fmt/format.h>

#include "core/compensation.hpp"
#include "core/equity_value.hpp"
#include "core/money.hpp"

namespace negotiateup::core {

NegotiationFigures negotiation_figures(Band base, Band stock, const Policy& policy) {
  const auto at = [&](Band band, Percent position) {
    return position_in_band(band.low, band.high, position, policy.ask_step);
  };
  NegotiationFigures figures;
  figures.base_ask = at(base, policy.base_ask);
  figures.base_floor = at(base, policy.base_floor);
  figures.equity_ask = at(stock, policy.equity_ask);
  figures.equity_floor = at(stock, policy.equity_floor);
  figures.equity_target = at(stock, policy.equity_target);
  figures.equity_premium_ask = at(stock, policy.equity_premium_ask);
  figures.upper_equity_band = Band{at(stock, policy.upper_equity_band_from), stock.high};
  figures.signing_bonus = at(Band{0, figures.base_ask}, policy.signing_bonus_of_base_ask);
  return figures;
}

namespace {

std::int64_t bonus_of(std::int64_t base, std::optional<Percent> bonus_pct, const Policy& policy) {
  if (!bonus_pct) return 0;
  return round_to_step(divide(base * bonus_pct->hundredths, 10'000, Rounding::half_away_from_zero),
                       policy.total_comp_step, Rounding::half_away_from_zero);
}

}  // namespace

PeerOffer typical_peer_offer(Band base, Band stock, std::optional<Percent> bonus_pct,
                             CompanyStage stage, const Policy& policy) {
  PeerOffer offer;
  offer.base = position_in_band(base.low, base.high, policy.competing_offer, policy.ask_step);
  const std::int64_t grant =
      position_in_band(stock.low, stock.high, policy.competing_offer, policy.ask_step);
  offer.stock_per_year =
      round_to_step(divide(grant, policy.vesting_years, Rounding::half_away_from_zero),
                    policy.ask_step, Rounding::half_away_from_zero);
  offer.bonus = bonus_of(offer.base, bonus_pct, policy);
  offer.expected_stock_per_year = round_to_step(
      divide(expected_equity_value(offer.stock_per_year * policy.vesting_years, stage, policy),
             policy.vesting_years, Rounding::half_away_from_zero),
      policy.total_comp_step, Rounding::half_away_from_zero);
  offer.per_year = offer.base + offer.bonus + offer.expected_stock_per_year;
  offer.multi_year_total = policy.vesting_years * offer.per_year;
  return offer;
}

std::int64_t ask_multi_year_value(const NegotiationFigures& asks, std::optional<Percent> bonus_pct,
                                  CompanyStage stage, const Policy& policy) {
  return round_to_step(
      policy.vesting_years * (asks.base_ask + bonus_of(asks.base_ask, bonus_pct, policy)) +
          expected_equity_value(asks.equity_ask, stage, policy),
      policy.total_comp_step, Rounding::half_away_from_zero);
}

std::string numbered_asks(const std::vector<Policy::ExtraAsk>& asks) {
  std::string text;
  for (std::size_t i = 0; i < asks.size(); ++i) {
    if (i > 0) text += ", ";
    text += fmt::format("({}) {}", i + 1, asks[i].text);
  }
  return text;
}

}  // namespace negotiateup::core
