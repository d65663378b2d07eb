#pragma once

#include <cstdint>

#include "core/policy.hpp"

namespace negotiateup::core {

// What a grant is expected to be worth within the vesting period, at the risk a
// company's stage carries (Policy::EquityRisk; docs/policy.md has the model):
// - listed shares vest evenly over `years` and each tranche moves with the share
//   price's drift: grant / years x sum over t = 1..years of exp(drift x t);
// - private shares are worth something only if a sale comes within the period:
//   grant x liquidity x E[exit multiple] x E[(1 - dilution)^T], with the multiple
//   lognormal (median exit_multiple, spread volatility), so E = median x
//   exp(volatility^2 / 2), and the sale's time T uniform over the period, so
//   E[k^T] = (k^years - 1) / (years x ln k) for k = 1 - dilution.
// The offer evaluator's simulation draws from the same model; its mean converges
// to this value (tests/unit/offer_test.cpp). Rounded half away from zero.
std::int64_t expected_equity_value(std::int64_t grant, CompanyStage stage, const Policy& policy);

// The same, as a ratio of the grant (1 for listed shares without drift).
double expected_equity_ratio(CompanyStage stage, const Policy& policy);

// Private shares alone, at a risk of their own: the ratio above for a sale within
// `years` (the offer evaluator picks the risk per offer, not per stage).
double private_equity_ratio(const Policy::EquityRisk& risk, int years);

// What one private option is expected to be worth within `years`: with the sale's
// probability, the sale price per share (preferred x the lognormal multiple, after
// dilution until the sale) less the strike, never below zero. Given the sale's time
// t, that is a lognormal call: F e^(s^2/2) N(d1) - strike N(d2) for F = preferred x
// exit_multiple x (1 - dilution)^t, d2 = ln(F / strike) / s, d1 = d2 + s; averaged
// over t uniform on [0, years] by Simpson's rule (the integrand is smooth; 64
// intervals are exact to far below a cent). Prices in any one unit.
double expected_option_value(const Policy::EquityRisk& risk, double preferred, double strike,
                             int years);

}  // namespace negotiateup::core
