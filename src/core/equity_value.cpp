#include "core/equity_value.hpp"

#include <algorithm>
#include <cmath>

namespace negotiateup::core {
namespace {

double ratio(Percent percent) {
  return static_cast<double>(percent.hundredths) / 10'000.0;
}

double normal_cdf(double x) {
  return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

// E[max(0, forward x e^(s Z) - strike)] for Z standard normal.
double lognormal_call(double forward, double strike, double s) {
  if (forward <= 0) return 0;
  if (strike <= 0) return forward * std::exp(s * s / 2.0) - strike;
  if (s <= 0) return std::max(0.0, forward - strike);
  const double d2 = std::log(forward / strike) / s;
  return forward * std::exp(s * s / 2.0) * normal_cdf(d2 + s) - strike * normal_cdf(d2);
}

}  // namespace

double private_equity_ratio(const Policy::EquityRisk& risk, int years) {
  const double sigma = ratio(risk.volatility);
  const double mean_multiple = ratio(risk.exit_multiple) * std::exp(sigma * sigma / 2.0);
  const double keep = 1.0 - ratio(risk.dilution);
  const double mean_kept =
      keep == 1.0 ? 1.0 : (std::pow(keep, years) - 1.0) / (years * std::log(keep));
  return ratio(risk.liquidity) * mean_multiple * mean_kept;
}

double expected_option_value(const Policy::EquityRisk& risk, double preferred, double strike,
                             int years) {
  const double sigma = ratio(risk.volatility);
  const double median = preferred * ratio(risk.exit_multiple);
  const double keep = 1.0 - ratio(risk.dilution);
  const auto at = [&](double t) {
    return lognormal_call(median * std::pow(keep, t), strike, sigma);
  };
  double mean = at(0);
  if (keep != 1.0 && years > 0) {
    constexpr int kIntervals = 64;
    const double h = static_cast<double>(years) / kIntervals;
    double sum = at(0) + at(years);
    for (int i = 1; i < kIntervals; ++i) sum += (i % 2 ? 4.0 : 2.0) * at(i * h);
    mean = sum * h / 3.0 / years;
  }
  return ratio(risk.liquidity) * mean;
}

double expected_equity_ratio(CompanyStage stage, const Policy& policy) {
  const auto& risk = policy.stage(stage).equity_risk;
  const int years = policy.vesting_years;
  if (stage == CompanyStage::public_company) {
    double sum = 0;
    for (int t = 1; t <= years; ++t) sum += std::exp(ratio(risk.drift) * t);
    return sum / years;
  }
  return private_equity_ratio(risk, years);
}

std::int64_t expected_equity_value(std::int64_t grant, CompanyStage stage, const Policy& policy) {
  return std::llround(static_cast<double>(grant) * expected_equity_ratio(stage, policy));
}

}  // namespace negotiateup::core
