#include "offer/evaluation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "catalog/lookup.hpp"
#include "catalog/region_figures.hpp"
#include "core/money.hpp"
#include "core/parallel.hpp"
#include "offer/recommendation.hpp"

namespace negotiateup::offer {
namespace {

// The request cannot be evaluated against this catalog: bad input, reported with
// the request's file name at the boundary (evaluate_offer).
[[noreturn]] void refuse(std::string message) {
  throw core::Exception(core::Error::bad_input({}, std::move(message)));
}

// The entry a field of the request names, through the catalog's one name resolver.
template <typename Entry>
const Entry& named(const core::Result<const Entry*>& resolved) {
  if (!resolved) refuse(resolved.error().to_string());
  return **resolved;
}

core::Money convert(const catalog::Catalog& catalog, core::Money money, core::Currency to,
                    const std::string& field) {
  const auto converted = catalog.rates.convert(money, to);
  if (!converted) refuse(fmt::format("{}: {}", field, converted.error()));
  return *converted;
}

// The bands of a company x role in a region, in `currency`; a region with a geo
// rule takes its share of its anchor region (catalog/region_figures.hpp).
struct Bands {
  std::optional<core::Band> base;
  std::optional<core::Band> equity;
};

Bands bands_for(const catalog::Catalog& catalog, const catalog::Lookup& lookup,
                const catalog::Company& company, const catalog::Role& role,
                const catalog::Region& region, core::Currency currency, const std::string& field) {
  Bands bands;
  const auto* guide = lookup.guide(company.slug, role.slug);
  if (!guide) return bands;
  const auto figures = catalog::region_figures(lookup, *guide, region);
  if (!figures) return bands;
  const auto in_currency = [&](core::Band band) {
    return core::Band{
        convert(catalog, core::Money{band.low, region.currency}, currency, field).amount,
        convert(catalog, core::Money{band.high, region.currency}, currency, field).amount};
  };
  if (figures->base) bands.base = in_currency(*figures->base);
  if (figures->stock) bands.equity = in_currency(*figures->stock);
  return bands;
}

// "Paris, London": the regions a guide has a band for, figures or a geo rule.
std::string region_names(const catalog::Catalog& catalog, const catalog::CompanyRole& guide) {
  std::string names;
  for (const auto& band : guide.bands) {
    const auto* region = catalog.find_region(band.region);
    names += (names.empty() ? "" : ", ") + (region ? region->name : band.region);
  }
  return names;
}

// The risk an offer's equity carries: listed RSUs the public stage's; private
// equity its company's stage, or the late stage's when the catalog lists the
// company as public (a grant that cannot be sold yet).
const core::Policy::EquityRisk& equity_risk(const core::Policy& policy,
                                            const catalog::Company& company,
                                            const OfferTerms& terms) {
  if (!terms.equity || terms.equity->type == EquityType::public_rsu) {
    return policy.public_stage.equity_risk;
  }
  if (company.stage == core::CompanyStage::public_company) return policy.late_stage.equity_risk;
  return policy.stage(company.stage).equity_risk;
}

std::optional<double> percentile(std::optional<core::Band> band, std::int64_t value) {
  if (!band || band->high <= band->low) return std::nullopt;
  return 100.0 * static_cast<double>(value - band->low) /
         static_cast<double>(band->high - band->low);
}

// How far `value` lies outside the band: below its low negative, above its high
// positive, 0 inside; empty with the position.
std::optional<std::int64_t> outside(std::optional<core::Band> band, std::int64_t value) {
  if (!band || band->high <= band->low) return std::nullopt;
  if (value < band->low) return value - band->low;
  if (value > band->high) return value - band->high;
  return 0;
}

Positions positions_of(const OfferTerms& terms, const Bands& bands) {
  Positions positions;
  positions.base_percentile = percentile(bands.base, terms.base);
  positions.base_outside = outside(bands.base, terms.base);
  if (terms.equity) {
    const auto grant = four_year_grant(*terms.equity, terms.equity->grant_value);
    positions.equity_percentile = percentile(bands.equity, grant);
    positions.equity_outside = outside(bands.equity, grant);
  }
  return positions;
}

OfferTerms in_currency(const catalog::Catalog& catalog, OfferTerms terms, core::Currency to,
                       const std::string& field) {
  if (terms.currency == to) return terms;
  const auto amount = [&](std::int64_t value) {
    return convert(catalog, core::Money{value, terms.currency}, to, field + ".currency").amount;
  };
  terms.base = amount(terms.base);
  terms.signing_bonus = amount(terms.signing_bonus);
  if (terms.equity) {
    terms.equity->grant_value = amount(terms.equity->grant_value);
    if (terms.equity->strike_price_cents)
      terms.equity->strike_price_cents = amount(*terms.equity->strike_price_cents);
    if (terms.equity->preferred_price_cents)
      terms.equity->preferred_price_cents = amount(*terms.equity->preferred_price_cents);
  }
  terms.currency = to;
  return terms;
}

// The market band of the role in the region, in the offer's currency, and where
// the offer sits against it; nothing when the catalog has none.
std::optional<MarketComparison> market_comparison(const catalog::Catalog& catalog,
                                                  const catalog::Lookup& lookup,
                                                  const catalog::Role& role,
                                                  const catalog::Region& region,
                                                  const OfferTerms& terms) {
  const auto* market = lookup.market_band(role.slug, region.slug);
  if (!market) return std::nullopt;
  const auto in_currency = [&](core::Band band) {
    return core::Band{
        convert(catalog, core::Money{band.low, market->currency}, terms.currency, "offer.currency")
            .amount,
        convert(catalog, core::Money{band.high, market->currency}, terms.currency, "offer.currency")
            .amount};
  };
  MarketComparison comparison{*market, {}, {}, 0, {}, {}};
  auto& band = comparison.band;
  band.currency = terms.currency;
  band.base = in_currency(market->base);
  if (market->total) band.total = in_currency(*market->total);
  comparison.base_position = percentile(band.base, terms.base);
  comparison.base_outside = outside(band.base, terms.base);
  const auto bonus = core::divide(terms.base * terms.bonus_pct.hundredths, 10'000,
                                  core::Rounding::half_away_from_zero);
  const auto grant = terms.equity ? four_year_grant(*terms.equity, terms.equity->grant_value) : 0;
  comparison.yearly_total =
      terms.base + bonus + core::divide(grant, 4, core::Rounding::half_away_from_zero);
  comparison.total_position = percentile(band.total, comparison.yearly_total);
  comparison.total_outside = outside(band.total, comparison.yearly_total);
  return comparison;
}

std::int64_t whole(double value) {
  return static_cast<std::int64_t>(std::llround(value));
}

FirstYear first_year_of(const CashFlows& flows, const OfferTerms& terms,
                        const core::Policy::EquityRisk& risk) {
  const auto& year = flows.years[0];
  FirstYear first;
  first.cash = year.base + year.bonus + year.signing;
  first.equity = whole(expected_vesting(terms, risk, 1));
  first.total = first.cash + first.equity;
  return first;
}

FourYear four_year_of(const CashFlows& flows, PathValues& equity) {
  const auto d = distribution(equity, static_cast<double>(flows.cash_total));
  return FourYear{flows.guaranteed_cash, flows.nominal_total, whole(d.mean),
                  whole(d.p10),          whole(d.p50),        whole(d.p90)};
}

}  // namespace

core::Result<Evaluation> evaluate_offer(const OfferRequest& request,
                                        const catalog::Catalog& catalog,
                                        const SimulationSettings& settings,
                                        const std::string& name) {
  try {
    const catalog::Lookup lookup(catalog);
    const auto& policy = catalog.policy;
    const auto& names = lookup.names();
    const auto& company = named(names.resolve_company(request.company, "company"));
    const auto& role = named(names.resolve_role(request.role, "role"));
    const auto& region = named(names.resolve_region(request.region, "region"));
    if (!lookup.guide(company.slug, role.slug)) {
      refuse(fmt::format("role: the catalog has no {} guide for {}", role.slug, company.slug));
    }
    Evaluation e{request,      company.stage,
                 company.name, role.name,
                 region.name,  request.terms.currency,
                 {},           {},
                 {},           {},
                 {},           {},
                 {},           {},
                 std::nullopt};
    const auto bands =
        bands_for(catalog, lookup, company, role, region, e.currency, "offer.currency");
    if (!bands.base && !bands.equity) {
      refuse(fmt::format("region: the {} guide of {} has no band for {}; expected one of: {}",
                         role.name, company.name, region.name,
                         region_names(catalog, *lookup.guide(company.slug, role.slug))));
    }
    e.base_band = bands.base;
    e.equity_band = bands.equity;
    e.positions = positions_of(request.terms, bands);
    e.market = market_comparison(catalog, lookup, role, region, request.terms);
    e.flows = cash_flows(request.terms);
    const auto& risk = equity_risk(policy, company, request.terms);
    e.first_year = first_year_of(e.flows, request.terms, risk);
    auto equity = simulate_equity(request.terms, risk, settings, 0);
    double equity_mean = 0;
    for (const double v : equity) equity_mean += v;
    equity_mean /= static_cast<double>(std::max<std::size_t>(1, equity.size()));

    // Each offer is simulated on the jobs' threads in turn; then the percentiles of
    // every offer are selected, an offer per item of one loop on the same threads
    // (a thread per offer took 1 MB each). The request has at most
    // kMaxCompetingOffers, so their paths are kept until then.
    std::vector<PathValues> competing_paths;
    competing_paths.reserve(request.competing.size());
    for (std::size_t i = 0; i < request.competing.size(); ++i) {
      const auto& other = request.competing[i];
      const auto field = fmt::format("competing[{}]", i);
      const auto& other_company = named(names.resolve_company(other.company, field + ".company"));
      const auto& other_role =
          named(names.resolve_role(other.role.value_or(request.role), field + ".role"));
      const auto& other_region = named(names.resolve_region(other.region, field + ".region"));
      CompetingResult result{other_company.name,
                             other_region.name,
                             other.terms.currency,
                             other_region.slug == region.slug,
                             {},
                             {},
                             {},
                             {},
                             0,
                             std::nullopt};
      const auto own_bands = bands_for(catalog, lookup, other_company, other_role, other_region,
                                       other.terms.currency, field + ".offer.currency");
      result.positions = positions_of(other.terms, own_bands);
      const auto terms = in_currency(catalog, other.terms, e.currency, field + ".offer");
      result.flows = cash_flows(terms);
      const auto& other_risk = equity_risk(policy, other_company, terms);
      result.first_year = first_year_of(result.flows, terms, other_risk);
      auto other_equity = simulate_equity(terms, other_risk, settings, i + 1);
      // Paths are paired by index, before the distributions reorder them.
      std::size_t better = 0;
      for (std::size_t p = 0; p < equity.size(); ++p) {
        better += static_cast<double>(e.flows.cash_total) + equity[p] >
                  static_cast<double>(result.flows.cash_total) + other_equity[p];
      }
      competing_paths.push_back(std::move(other_equity));
      result.probability_better =
          equity.empty() ? 0 : static_cast<double>(better) / static_cast<double>(equity.size());
      // The grant at which this offer's expected value equals the other's: the
      // expected equity value is proportional to the grant.
      // The break-even grant needs the other offer's expected value: its mean.
      double other_mean = 0;
      for (const double v : competing_paths.back()) other_mean += v;
      other_mean /= static_cast<double>(std::max<std::size_t>(1, competing_paths.back().size()));
      const auto other_expected = static_cast<double>(result.flows.cash_total) + other_mean;
      if (request.terms.equity && equity_mean > 0) {
        const double needed = other_expected - static_cast<double>(e.flows.cash_total);
        const double grant = static_cast<double>(request.terms.equity->grant_value) *
                             std::max(0.0, needed) / equity_mean;
        result.break_even_grant = core::round_to_step(whole(grant), 1'000, core::Rounding::up);
      }
      e.competing.push_back(std::move(result));
    }
    // Item 0 is the offer, item i the competing offer i - 1.
    core::parallel_for(e.competing.size() + 1, settings.jobs, [&](std::size_t item) {
      if (item == 0) {
        e.four_year = four_year_of(e.flows, equity);
        return;
      }
      auto& other = e.competing[item - 1];
      other.four_year = four_year_of(other.flows, competing_paths[item - 1]);
      PathValues().swap(competing_paths[item - 1]);
    });

    if (bands.base && bands.equity) {
      e.recommendation = recommend(e, policy);
    }
    return e;
  } catch (const core::Exception& refused) {
    auto error = refused.error();
    if (error.where.empty()) error.where = name;
    return std::unexpected(std::move(error));
  }
}

}  // namespace negotiateup::offer
