#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/band.hpp"
#include "core/policy.hpp"

namespace negotiateup::core {

// What a guide tells a candidate to ask for and to accept in one region, read off
// the region's bands at the policy's positions and rounded to its ask step.
struct NegotiationFigures {
  std::int64_t base_ask = 0;
  std::int64_t base_floor = 0;
  std::int64_t equity_ask = 0;
  std::int64_t equity_floor = 0;
  std::int64_t equity_target = 0;
  std::int64_t equity_premium_ask = 0;
  Band upper_equity_band;          // from the policy's position to the band's high
  std::int64_t signing_bonus = 0;  // a share of the base ask
};

NegotiationFigures negotiation_figures(Band base, Band stock, const Policy& policy);

// A typical offer at a peer company, from the peer's bands, for a competing-offer
// lever: base and grant at the policy's competing-offer position, the grant a
// year rounded to the ask step, the bonus at the band's target, and the grant's
// expected value at the peer's stage (core/equity_value.hpp). A year comes to
// base + bonus + the expected grant a year; the vesting period to years x that.
struct PeerOffer {
  std::int64_t base = 0;
  std::int64_t bonus = 0;  // a year, rounded to the total-comp step
  std::int64_t stock_per_year = 0;
  std::int64_t expected_stock_per_year = 0;  // rounded to the total-comp step
  std::int64_t per_year = 0;
  std::int64_t multi_year_total = 0;
};

PeerOffer typical_peer_offer(Band base, Band stock, std::optional<Percent> bonus_pct,
                             CompanyStage stage, const Policy& policy);

// What a guide's own ask comes to on the same terms: years x (the base ask and
// its bonus) + the equity ask at its expected value at the company's stage. A
// competing offer is worth citing only above this. Rounded to the total-comp step.
std::int64_t ask_multi_year_value(const NegotiationFigures& asks, std::optional<Percent> bonus_pct,
                                  CompanyStage stage, const Policy& policy);

// "(1) a, (2) b, (3) c": a stage's extra asks as a guide's strategy and the offer
// evaluator's script say them.
std::string numbered_asks(const std::vector<Policy::ExtraAsk>& asks);

}  // namespace negotiateup::core
