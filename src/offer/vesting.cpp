#include "offer/vesting.hpp"

#include <algorithm>
#include <map>

#include "core/money.hpp"

namespace negotiateup::offer {
namespace {

__extension__ using Wide = __int128;

// `count` shares at `cents` each, in whole units, half up (both are never
// negative). Wide: shares x cents can pass 2^63 for absurd inputs.
std::int64_t whole_units(std::int64_t count, std::int64_t cents) {
  return static_cast<std::int64_t>((static_cast<Wide>(count) * cents + 50) / 100);
}

}  // namespace

std::vector<Tranche> vesting_tranches(const Equity& equity, std::int64_t grant, int start_month,
                                      bool with_cliff) {
  const int per_year = equity.frequency == VestingFrequency::monthly     ? 12
                       : equity.frequency == VestingFrequency::quarterly ? 4
                                                                         : 1;
  std::map<int, std::int64_t> by_month;
  // Cumulative shares in units of 1/(10,000 x per_year) so that rounding happens
  // once per tranche and the tranches add up to the grant.
  const std::int64_t units = 10'000LL * per_year;
  std::int64_t cumulative = 0;
  std::int64_t vested = 0;
  for (std::size_t year = 0; year < equity.schedule.size(); ++year) {
    for (int event = 1; event <= per_year; ++event) {
      cumulative += equity.schedule[year].hundredths;
      const std::int64_t total =
          core::divide(grant * cumulative, units, core::Rounding::half_away_from_zero);
      int month = static_cast<int>(year) * 12 + event * (12 / per_year);
      if (with_cliff) month = std::max(month, equity.cliff_months);
      by_month[start_month + month] += total - vested;
      vested = total;
    }
  }
  std::vector<Tranche> tranches;
  for (const auto& [month, amount] : by_month) {
    if (amount != 0) tranches.push_back(Tranche{month, amount});
  }
  return tranches;
}

std::vector<Tranche> offer_tranches(const Equity& equity, std::int64_t amount) {
  auto tranches = vesting_tranches(equity, amount, 0, true);
  if (equity.yearly_refresh) {
    const auto refresh = core::divide(amount * equity.yearly_refresh->hundredths, 10'000,
                                      core::Rounding::half_away_from_zero);
    for (int year = 1; year < kYears; ++year) {
      const auto more = vesting_tranches(equity, refresh, year * 12, false);
      tranches.insert(tranches.end(), more.begin(), more.end());
    }
  }
  std::erase_if(tranches, [](const Tranche& t) { return t.month > kYears * 12; });
  std::sort(tranches.begin(), tranches.end(),
            [](const Tranche& a, const Tranche& b) { return a.month < b.month; });
  return tranches;
}

std::int64_t preferred_price_cents(const Equity& equity) {
  if (equity.preferred_price_cents) return *equity.preferred_price_cents;
  const auto strike = equity.strike_price_cents.value_or(0);
  const auto options = equity.share_count.value_or(0);
  if (options == 0) return strike;
  return strike +
         core::divide(equity.grant_value * 100, options, core::Rounding::half_away_from_zero);
}

std::int64_t value_today(const Equity& equity) {
  if (equity.type != EquityType::private_options || !equity.preferred_price_cents) {
    return equity.grant_value;
  }
  const auto spread = std::max<std::int64_t>(
      0, *equity.preferred_price_cents - equity.strike_price_cents.value_or(0));
  return whole_units(equity.share_count.value_or(0), spread);
}

std::int64_t four_year_grant(const Equity& equity, std::int64_t grant) {
  return core::divide(grant * kYears, equity.vesting_years, core::Rounding::half_away_from_zero);
}

CashFlows cash_flows(const OfferTerms& terms) {
  CashFlows flows;
  std::int64_t base = terms.base;
  for (int y = 0; y < kYears; ++y) {
    auto& year = flows.years[static_cast<std::size_t>(y)];
    if (y > 0) {
      base += core::divide(base * terms.yearly_raise.hundredths, 10'000,
                           core::Rounding::half_away_from_zero);
    }
    year.base = base;
    year.bonus = core::divide(base * terms.bonus_pct.hundredths, 10'000,
                              core::Rounding::half_away_from_zero);
    year.signing = y == 0 ? terms.signing_bonus : 0;
  }
  if (terms.equity) {
    const auto& equity = *terms.equity;
    for (const auto& tranche : offer_tranches(equity, value_today(equity))) {
      flows.years[static_cast<std::size_t>((tranche.month - 1) / 12)].equity += tranche.amount;
    }
    if (equity.type == EquityType::private_options) {
      for (const auto& tranche : offer_tranches(equity, equity.share_count.value_or(0))) {
        flows.options_vesting += tranche.amount;
      }
      flows.exercise_cost =
          whole_units(flows.options_vesting, equity.strike_price_cents.value_or(0));
    }
  }
  for (auto& year : flows.years) {
    year.total = year.base + year.bonus + year.signing + year.equity;
    flows.guaranteed_cash += year.base + year.signing;
    flows.cash_total += year.base + year.bonus + year.signing;
    flows.nominal_total += year.total;
  }
  return flows;
}

}  // namespace negotiateup::offer
