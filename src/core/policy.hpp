#pragma once

#include <cstdint>

#include "core/percent.hpp"

namespace negotiateup::core {

// Where the negotiation figures sit in a band, and how they are rounded. The
// defaults reproduce the reference guide's figures in both of its regions (see
// docs/policy.md); a catalog's policy.yaml overrides any of them.
struct Policy {
  int review_interval_months = 3;
  int vesting_years = 4;

  std::int64_t total_comp_step = 1'000;  // totals round to the nearest 1,000
  std::int64_t ask_step = 5'000;         // asks, floors and targets to 5K steps

  // Positions in a band, linearly between its low (0) and high (100).
  Percent base_ask = Percent::whole(85);
  Percent equity_ask = Percent::whole(84);
  Percent base_floor = Percent::whole(25);
  Percent equity_floor = Percent::whole(50);
  Percent equity_target = Percent::whole(78);
  Percent equity_premium_ask = Percent::whole(96);
  Percent upper_equity_band_from = Percent{7150};
  // A typical offer from a peer company, for the competing-offer levers: the
  // reference frames Google Paris L4 (base €85K–€115K) at €105K.
  Percent competing_offer = Percent::whole(67);

  Percent signing_bonus_of_base_ask = Percent::whole(10);

  // The audit forgives a stated total this far from the computed one.
  std::int64_t total_comp_tolerance = 1'000;

  // How the offer evaluator values equity it cannot sell yet (docs/offer.md).
  struct EquityRisk {
    Percent public_volatility = Percent::whole(35);        // yearly, of a listed share price
    Percent public_drift = Percent::whole(0);              // expected yearly return
    Percent private_liquidity = Percent::whole(35);        // chance of an exit within 4 years
    Percent private_exit_multiple = Percent::whole(100);   // median exit value, vs the grant's
    Percent private_exit_volatility = Percent::whole(80);  // spread of its logarithm
    Percent private_dilution = Percent::whole(10);         // ownership lost per year to new rounds
  };
  EquityRisk equity_risk;

  // How `aggregate` turns data points into bands (docs/aggregate.md).
  struct Aggregation {
    Percent band_low = Percent::whole(25);   // the band runs from this percentile...
    Percent band_high = Percent::whole(75);  // ...to this one
    std::int64_t band_step = 1'000;          // band ends round to the nearest step
    // Points whose total lies further than this many interquartile ranges outside
    // the quartiles are left out (Tukey's "far out" fence).
    Percent outlier_fence = Percent::whole(3);
    int min_points = 5;  // fewer, and the band keeps its figures
    // data_quality: high needs this many points from this many sources, the newest
    // within recent_quarters of the window's end; medium needs medium_points.
    int high_points = 30;
    int high_sources = 2;
    int recent_quarters = 2;
    int medium_points = 10;
  };
  Aggregation aggregation;
};

}  // namespace negotiateup::core
