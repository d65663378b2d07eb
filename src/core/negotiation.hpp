#pragma once

#include <cstdint>

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

// A typical offer at a peer company, from the peer's bands: base and yearly stock
// at the policy's competing-offer position, and what they come to over the
// vesting period: years x (base + yearly stock).
struct PeerOffer {
  std::int64_t base = 0;
  std::int64_t stock_per_year = 0;
  std::int64_t multi_year_total = 0;
};

PeerOffer typical_peer_offer(Band base, Band stock, const Policy& policy);

}  // namespace negotiateup::core
