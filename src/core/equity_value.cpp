#include "core/equity_value.hpp"

#include <cmath>

namespace negotiateup::core {
namespace {

double ratio(Percent percent) {
  return static_cast<double>(percent.hundredths) / 10'000.0;
}

}  // namespace

double expected_equity_ratio(CompanyStage stage, const Policy& policy) {
  const auto& risk = policy.stage(stage).equity_risk;
  const int years = policy.vesting_years;
  if (stage == CompanyStage::public_company) {
    double sum = 0;
    for (int t = 1; t <= years; ++t) sum += std::exp(ratio(risk.drift) * t);
    return sum / years;
  }
  const double sigma = ratio(risk.volatility);
  const double mean_multiple = ratio(risk.exit_multiple) * std::exp(sigma * sigma / 2.0);
  const double keep = 1.0 - ratio(risk.dilution);
  const double mean_kept =
      keep == 1.0 ? 1.0 : (std::pow(keep, years) - 1.0) / (years * std::log(keep));
  return ratio(risk.liquidity) * mean_multiple * mean_kept;
}

std::int64_t expected_equity_value(std::int64_t grant, CompanyStage stage, const Policy& policy) {
  return std::llround(static_cast<double>(grant) * expected_equity_ratio(stage, policy));
}

}  // namespace negotiateup::core
