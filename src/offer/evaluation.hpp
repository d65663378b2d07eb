#pragma once

#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "core/band.hpp"
#include "core/diagnostic.hpp"
#include "core/error.hpp"
#include "offer/offer_request.hpp"
#include "offer/simulation.hpp"
#include "offer/vesting.hpp"

namespace negotiateup::offer {

// Where an offer sits in its bands, a linear position (not a percentile of pay):
// 0 at the low end, 100 at the high end, below 0 or above 100 outside; and how far
// outside, in the band's currency (negative below the low, positive above the
// high, 0 inside). Empty when the catalog has no band for it. The equity is the
// grant scaled to four years, as bands hold it.
struct Positions {
  std::optional<double> base_percentile;
  std::optional<double> equity_percentile;
  std::optional<std::int64_t> base_outside;
  std::optional<std::int64_t> equity_outside;
};

// The first year as a candidate weighs it: cash (base, bonus, signing bonus) and
// what vests in year 1 at its expected value (simulation.hpp, expected_vesting).
struct FirstYear {
  std::int64_t cash = 0;
  std::int64_t equity = 0;
  std::int64_t total = 0;
};

struct FourYear {
  std::int64_t guaranteed_cash = 0;
  std::int64_t nominal_total = 0;
  std::int64_t expected = 0;
  std::int64_t p10 = 0;
  std::int64_t p50 = 0;
  std::int64_t p90 = 0;
};

struct CompetingResult {
  std::string company;
  std::string region;
  core::Currency currency_stated;  // the competing offer's own currency
  bool same_region = false;        // the evaluated offer's region: its pay is comparable
  CashFlows flows;                 // in the evaluated offer's currency
  FirstYear first_year;
  FourYear four_year;
  Positions positions;
  double probability_better = 0;  // that the evaluated offer is worth more, 0..1
  std::optional<std::int64_t> break_even_grant;
};

struct Recommendation {
  std::int64_t ask_base = 0;
  std::int64_t ask_equity = 0;
  std::int64_t floor_base = 0;
  std::int64_t floor_equity = 0;
  // The equity ask is the band's, raised to the break-even grant of a competing
  // offer in the same region, but never above the band's high: `capped` says the
  // break-even lay above it, and the reason says why the ask stops there.
  bool equity_ask_capped = false;
  std::string equity_ask_reason;
  // The signing bonus to ask for on top of what is offered (never negative), the
  // total that makes, and why (docs/offer.md).
  std::int64_t signing_bonus = 0;
  std::int64_t signing_bonus_offered = 0;
  std::int64_t signing_bonus_total = 0;
  std::string signing_bonus_reason;
  // The asks the policy adds for the company's stage (docs/policy.md), as the
  // guides state them.
  std::vector<core::Policy::ExtraAsk> extra_asks;
  std::string script;
};

// Where an offer sits against the market band of its role and region (what
// employers across the market pay, catalog::MarketBand): base against its base
// band, and the yearly total (base, bonus at target, a quarter of the four-year
// grant) against its total band when it has one. Positions as in Positions.
struct MarketComparison {
  catalog::MarketBand band;  // converted into the offer's currency
  std::optional<double> base_position;
  std::optional<std::int64_t> base_outside;
  std::int64_t yearly_total = 0;  // the offer's, as compared
  std::optional<double> total_position;
  std::optional<std::int64_t> total_outside;
};

struct Evaluation {
  OfferRequest request;
  core::CompanyStage company_stage = core::CompanyStage::public_company;
  std::string company_display;
  std::string role_display;
  std::string region_display;
  core::Currency currency;
  std::optional<core::Band> base_band;  // in the offer's currency
  std::optional<core::Band> equity_band;
  Positions positions;
  CashFlows flows;
  FirstYear first_year;
  FourYear four_year;
  std::vector<CompetingResult> competing;
  std::optional<Recommendation> recommendation;  // when the catalog has the bands
  std::optional<MarketComparison> market;        // when the catalog has a market band
};

// Evaluates an offer against the catalog's bands and policy, and the competing
// offers against it. Unknown names (with the nearest ones suggested), currencies
// without a rate, and offers the catalog has no guide for are errors.
core::Result<Evaluation> evaluate_offer(const OfferRequest& request,
                                        const catalog::Catalog& catalog,
                                        const SimulationSettings& settings,
                                        const std::string& name);

}  // namespace negotiateup::offer
