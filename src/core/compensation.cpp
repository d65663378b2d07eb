#include "core/compensation.hpp"

#include "core/money.hpp"

namespace negotiateup::core {

std::int64_t total_comp(std::int64_t base, std::int64_t stock_grant, std::optional<Percent> bonus,
                        const Policy& policy) {
  // Everything over the common denominator years x 10,000 (hundredths of a percent),
  // so that nothing is rounded before the end.
  const std::int64_t years = policy.vesting_years;
  const std::int64_t denominator = years * 10'000;
  const std::int64_t bonus_hundredths = bonus ? bonus->hundredths : 0;
  const std::int64_t numerator =
      base * denominator + stock_grant * 10'000 + base * bonus_hundredths * years;
  return divide(numerator, denominator * policy.total_comp_step, Rounding::half_away_from_zero) *
         policy.total_comp_step;
}

std::optional<Band> total_comp_band(const RegionCompensation& region, const Policy& policy) {
  if (!region.base_low || !region.base_high || !region.stock_low || !region.stock_high) {
    return std::nullopt;
  }
  return Band{total_comp(*region.base_low, *region.stock_low, region.bonus_pct, policy),
              total_comp(*region.base_high, *region.stock_high, region.bonus_pct, policy)};
}

std::int64_t position_in_band(std::int64_t low, std::int64_t high, Percent position,
                              std::int64_t step) {
  const std::int64_t numerator = low * 10'000 + (high - low) * position.hundredths;
  const std::int64_t nearest =
      divide(numerator, 10'000 * step, Rounding::half_away_from_zero) * step;
  if (nearest >= low && nearest <= high) return nearest;
  // Rounding must not leave the band: round the other way, and in a band narrower
  // than a step, give up the round figure for the band's own end.
  const std::int64_t inward =
      divide(numerator, 10'000 * step, nearest > high ? Rounding::down : Rounding::up) * step;
  if (inward >= low && inward <= high) return inward;
  return nearest > high ? high : low;
}

}  // namespace negotiateup::core
