#include "core/negotiation.hpp"

#include "core/compensation.hpp"
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

PeerOffer typical_peer_offer(Band base, Band stock, const Policy& policy) {
  PeerOffer offer;
  offer.base = position_in_band(base.low, base.high, policy.competing_offer, policy.ask_step);
  const std::int64_t grant =
      position_in_band(stock.low, stock.high, policy.competing_offer, policy.ask_step);
  offer.stock_per_year =
      round_to_step(divide(grant, policy.vesting_years, Rounding::half_away_from_zero),
                    policy.ask_step, Rounding::half_away_from_zero);
  offer.multi_year_total = policy.vesting_years * (offer.base + offer.stock_per_year);
  return offer;
}

}  // namespace negotiateup::core
