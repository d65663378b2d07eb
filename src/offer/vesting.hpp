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
// refreshes from year 2.
std::vector<Tranche> offer_tranches(const Equity& equity);

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
};

CashFlows cash_flows(const OfferTerms& terms);

}  // namespace negotiateup::offer
