#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "offer/offer_request.hpp"

namespace negotiateup::offer {

inline constexpr int kYears = 4;  // the horizon every offer is compared over

// Value (at grant) that vests at the end of `month` (1 = the first month).
struct Tranche {
  int month = 0;
  std::int64_t amount = 0;
};

// The grant's tranches: each year's share split by the frequency, rounded so that
// the tranches add up to the grant exactly; what would vest before the cliff vests
// at the cliff. `start_month` shifts a refresh grant given later (no cliff then).
std::vector<Tranche> vesting_tranches(const Equity& equity, std::int64_t grant, int start_month,
                                      bool with_cliff);

// Every tranche of the offer within the horizon: the grant, and the yearly
// refreshes from year 2, for a grant of `amount`: its value, or for options the
// number of options (which the simulation values one by one).
std::vector<Tranche> offer_tranches(const Equity& equity, std::int64_t amount);

// Options: the price of a share today in hundredths, the latest preferred price or,
// without one, the strike plus the grant value per option (the grant value read as
// the paper gain).
std::int64_t preferred_price_cents(const Equity& equity);

// What the grant is worth today: RSUs their grant value, options their spread over
// the strike, options x max(0, preferred - strike). An option at the money (strike
// = preferred) is worth nothing today, whatever "grant value" the offer quotes.
std::int64_t value_today(const Equity& equity);

// Bands hold a four-year grant: a grant of `grant` vesting over other years,
// scaled to four.
std::int64_t four_year_grant(const Equity& equity, std::int64_t grant);

struct YearFigures {
  std::int64_t base = 0;
  std::int64_t bonus = 0;
  std::int64_t signing = 0;
  std::int64_t equity = 0;  // value at grant of what vests this year
  std::int64_t total = 0;
};

struct CashFlows {
  std::array<YearFigures, kYears> years{};
  std::int64_t guaranteed_cash = 0;  // base and signing bonus over the horizon
  std::int64_t nominal_total = 0;    // everything, equity at its grant value
  std::int64_t cash_total = 0;       // base, bonus and signing bonus
  // Options: how many vest within the horizon, and what exercising them costs
  // (options x strike), paid in cash before any sale; 0 for RSUs.
  std::int64_t options_vesting = 0;
  std::int64_t exercise_cost = 0;
};

CashFlows cash_flows(const OfferTerms& terms);

}  // namespace negotiateup::offer
