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

}  // namespace negotiateup::core
