#include "offer/evaluation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <future>

#include "catalog/lookup.hpp"
#include "catalog/region_figures.hpp"
#include "core/money.hpp"
#include "core/negotiation.hpp"
#include "core/parallel.hpp"
#include "core/percent.hpp"

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

// Bands hold a four-year grant; a grant vesting over other years is scaled to four.
std::int64_t four_year_grant(const Equity& equity, std::int64_t grant) {
  return core::divide(grant * kYears, equity.vesting_years, core::Rounding::half_away_from_zero);
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

// Figures a formula or the simulation computed, and figures the candidate states.
struct Amounts {
  core::Currency currency;
  std::string computed(std::int64_t amount) const {
    return core::format_compact_rounded(core::Money{amount, currency});
  }
  std::string stated(std::int64_t amount) const {
    return core::format_compact(core::Money{amount, currency});
  }
};

// The competing offer in the offer's region that maximizes `key`, or none: offers
// elsewhere are paid for another market (and its cost of living), so converting
// them at the exchange rate would not say what this employer should match.
template <typename Key>
const CompetingResult* best_in_region(const std::vector<CompetingResult>& competing, Key key) {
  const CompetingResult* best = nullptr;
  for (const auto& other : competing) {
    if (other.same_region && (!best || key(other) > key(*best))) best = &other;
  }
  return best;
}

// The equity ask: the band's, raised to the highest break-even grant (as a
// four-year grant) of a competing offer in the region, and capped at the band's
// high, saying so.
void set_equity_ask(const Evaluation& e, const core::Policy& policy, Recommendation& r) {
  const Amounts money{e.currency};
  r.equity_ask_reason = fmt::format("the policy's position {} in the equity band {}",
                                    core::format_percent(policy.equity_ask),
                                    core::format_compact_range({e.equity_band->low, e.currency},
                                                               {e.equity_band->high, e.currency}));
  const auto four_year_break_even = [&](const CompetingResult& other) {
    return other.break_even_grant
               ? four_year_grant(*e.request.terms.equity, *other.break_even_grant)
               : std::int64_t{0};
  };
  const auto* best = best_in_region(e.competing, four_year_break_even);
  if (!best || four_year_break_even(*best) <= r.ask_equity) return;
  const auto needed = four_year_break_even(*best);
  const auto high = e.equity_band->high;
  if (needed > high) {
    r.ask_equity = std::max(r.ask_equity, high);
    r.equity_ask_capped = true;
    r.equity_ask_reason = fmt::format(
        "capped at the band's high: matching {}'s offer in expectation would take a grant of {} "
        "over four years, above the band's high of {}; a grant beyond the band is rarely given at "
        "this level, so the rest of the gap is for base, the signing bonus or the level",
        best->company, money.computed(needed), money.stated(high));
    return;
  }
  r.ask_equity = std::min(core::round_to_step(needed, policy.ask_step, core::Rounding::up), high);
  r.equity_ask_reason = fmt::format(
      "raised to {}'s break-even grant of {} over four years: below it, that offer is worth more "
      "in expectation",
      best->company, money.computed(needed));
}

// The signing bonus: what makes this offer's first year (cash and year-1 vesting
// at expected value) equal to the best competing offer's in the region, or the
// policy's share of the base ask when that is more (or there is no such offer),
// less what is already offered; never negative.
void set_signing_bonus(const Evaluation& e, const core::Policy& policy, Recommendation& r) {
  const Amounts money{e.currency};
  const auto offered = e.request.terms.signing_bonus;
  auto target = r.signing_bonus;  // the policy's, from negotiation_figures
  auto reason =
      fmt::format("the policy's signing bonus, {}% of the base ask: {}",
                  core::format_percent(policy.signing_bonus_of_base_ask), money.stated(target));
  const auto* best =
      best_in_region(e.competing, [](const CompetingResult& c) { return c.first_year.total; });
  if (best) {
    const auto without_signing = e.first_year.total - offered;
    const auto bridge =
        core::round_to_step(std::max<std::int64_t>(0, best->first_year.total - without_signing),
                            policy.ask_step, core::Rounding::up);
    const auto first_years = fmt::format(
        "{}'s first year comes to {} ({} cash, {} vesting at expected value), this offer's to {} "
        "before its signing bonus",
        best->company, money.computed(best->first_year.total),
        money.computed(best->first_year.cash), money.computed(best->first_year.equity),
        money.computed(without_signing));
    if (bridge > target) {
      target = bridge;
      reason = fmt::format("{}: a signing bonus of {} evens the first year", first_years,
                           money.stated(bridge));
    } else {
      reason += fmt::format(" ({}: the policy's asks more)", first_years);
    }
  }
  if (offered > 0) {
    reason += target > offered
                  ? fmt::format(", less the {} already offered", money.stated(offered))
                  : fmt::format("; the {} already offered covers it", money.stated(offered));
  }
  std::string elsewhere;
  for (const auto& other : e.competing) {
    if (other.same_region) continue;
    elsewhere += fmt::format("{}{} in {}, {}", elsewhere.empty() ? "" : "; ", other.company,
                             other.region, money.computed(other.first_year.total));
  }
  if (!elsewhere.empty()) {
    reason += fmt::format(
        ". Offers from other regions are not matched, since pay differs by region (first year, "
        "converted: {})",
        elsewhere);
  }
  r.signing_bonus_offered = offered;
  r.signing_bonus = std::max<std::int64_t>(0, target - offered);
  r.signing_bonus_total = offered + r.signing_bonus;
  r.signing_bonus_reason = std::move(reason);
}

std::string script_for(const Evaluation& e, const Recommendation& r) {
  const Amounts money{e.currency};
  std::string script = fmt::format(
      "Thank you for the offer; I want to make this work. For a {} in {}, I am asking for {} base "
      "and {} in equity over four years.",
      e.role_display, e.region_display, money.stated(r.ask_base), money.stated(r.ask_equity));
  const auto* best =
      best_in_region(e.competing, [](const CompetingResult& c) { return c.four_year.expected; });
  if (best) {
    script += fmt::format(
        " I also hold an offer from {} that comes to {} over four years, {} of it guaranteed cash; "
        "the equity you offer would have to be worth much more than it looks today to match it.",
        best->company, money.computed(best->four_year.nominal_total),
        money.computed(best->four_year.guaranteed_cash));
  }
  if (r.equity_ask_capped) {
    script += fmt::format(
        " I know a grant above {} is beyond your band for this level, so I am asking for its top "
        "and for the rest of the difference in base or the signing bonus.",
        money.stated(e.equity_band->high));
  }
  if (r.signing_bonus > 0) {
    script += r.signing_bonus_offered > 0
                  ? fmt::format(
                        " Raising the signing bonus from {} to {} would bridge the first year.",
                        money.stated(r.signing_bonus_offered), money.stated(r.signing_bonus_total))
                  : fmt::format(" A signing bonus of {} would bridge the first year.",
                                money.stated(r.signing_bonus_total));
  }
  return script;
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
    Evaluation e{request, company.name, role.name, region.name, request.terms.currency,
                 {},      {},           {},        {},          {},
                 {},      {},           {}};
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
    e.flows = cash_flows(request.terms);
    const auto& risk = equity_risk(policy, company, request.terms);
    e.first_year = first_year_of(e.flows, request.terms, risk);
    auto equity = simulate_equity(request.terms, risk, settings, 0);
    double equity_mean = 0;
    for (const double v : equity) equity_mean += v;
    equity_mean /= static_cast<double>(std::max<std::size_t>(1, equity.size()));

    // Each competing offer's percentiles are selected in the background while the
    // next offer is simulated; the paths are reserved first so nothing moves under
    // the selections, which are declared after them (and so waited for first).
    std::vector<PathValues> competing_paths;
    competing_paths.reserve(request.competing.size());
    std::vector<std::future<FourYear>> selections;
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
      selections.push_back(
          core::in_background(settings.jobs, [&competing_paths, i, flows = result.flows] {
            return four_year_of(flows, competing_paths[i]);
          }));
      e.competing.push_back(std::move(result));
    }
    e.four_year = four_year_of(e.flows, equity);
    for (std::size_t i = 0; i < e.competing.size(); ++i) {
      e.competing[i].four_year = selections[i].get();
    }

    if (bands.base && bands.equity) {
      const auto figures = core::negotiation_figures(*bands.base, *bands.equity, policy);
      Recommendation r;
      r.ask_base = figures.base_ask;
      r.ask_equity = figures.equity_ask;
      r.floor_base = figures.base_floor;
      r.floor_equity = figures.equity_floor;
      r.signing_bonus = figures.signing_bonus;
      set_equity_ask(e, policy, r);
      set_signing_bonus(e, policy, r);
      r.script = script_for(e, r);
      e.recommendation = std::move(r);
    }
    return e;
  } catch (const core::Exception& refused) {
    auto error = refused.error();
    if (error.where.empty()) error.where = name;
    return std::unexpected(std::move(error));
  }
}

}  // namespace negotiateup::offer
