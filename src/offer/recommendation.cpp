#include "offer/recommendation.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/money.hpp"
#include "core/negotiation.hpp"
#include "core/percent.hpp"

namespace negotiateup::offer {
namespace {

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
  // A competing offer is worth citing only when it is worth more than this one.
  const auto* best =
      best_in_region(e.competing, [](const CompetingResult& c) { return c.four_year.expected; });
  if (best && best->four_year.expected > e.four_year.expected) {
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
  if (!r.extra_asks.empty()) {
    script += fmt::format(" I would also like to agree on {}.", core::numbered_asks(r.extra_asks));
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

Recommendation recommend(const Evaluation& e, const core::Policy& policy) {
  const auto figures = core::negotiation_figures(*e.base_band, *e.equity_band, policy);
  Recommendation r;
  r.ask_base = figures.base_ask;
  r.ask_equity = figures.equity_ask;
  r.floor_base = figures.base_floor;
  r.floor_equity = figures.equity_floor;
  r.signing_bonus = figures.signing_bonus;
  set_equity_ask(e, policy, r);
  set_signing_bonus(e, policy, r);
  // Never advise asking for less than is already offered.
  const auto& offered = e.request.terms;
  r.ask_base = std::max(r.ask_base, offered.base);
  if (offered.equity) {
    const auto grant = four_year_grant(*offered.equity, offered.equity->grant_value);
    if (grant > r.ask_equity) {
      r.ask_equity = grant;
      r.equity_ask_capped = false;
      r.equity_ask_reason = fmt::format(
          "the {} already offered over four years, which is above what the band and the competing "
          "offers would ask for: keep it",
          Amounts{e.currency}.stated(grant));
    }
  }
  r.extra_asks = policy.stage(e.company_stage).asks;
  r.script = script_for(e, r);
  return r;
}

}  // namespace negotiateup::offer
