#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_names.hpp"
#include "core/percent.hpp"

namespace negotiateup::core {

// Public: listed shares (RSUs). Late stage: private, with tender offers or a
// secondary market that let employees sell before an exit. Early stage: private,
// with no way to sell before an exit.
// Names as files write them (enum_names.hpp).
enum class CompanyStage { public_company, late_stage, early_stage };
inline constexpr EnumName<CompanyStage> kCompanyStageNames[] = {
    {CompanyStage::public_company, "public"},
    {CompanyStage::late_stage, "late-stage"},
    {CompanyStage::early_stage, "early-stage"},
};
constexpr std::span<const EnumName<CompanyStage>> names_of(CompanyStage) {
  return kCompanyStageNames;
}
static_assert(names_in_order<CompanyStage>());

inline std::string_view to_string(CompanyStage stage) {
  return name_of(stage);
}

// Where the negotiation figures sit in a band, and how they are rounded. The
// defaults reproduce the reference guide's figures in both of its regions (see
// docs/policy.md); a catalog's policy.yaml overrides any of them.
struct Policy {
  int review_interval_months = 3;
  int vesting_years = 4;

  std::int64_t total_comp_step = 1'000;  // totals round to the nearest 1,000
  std::int64_t ask_step = 5'000;         // asks, floors and targets to 5K steps

  // Positions in a band, linearly between its low (0) and high (100).
  Percent base_ask = Percent::whole(85);
  Percent equity_ask = Percent::whole(84);
  Percent base_floor = Percent::whole(25);
  Percent equity_floor = Percent::whole(50);
  Percent equity_target = Percent::whole(78);
  Percent equity_premium_ask = Percent::whole(96);
  Percent upper_equity_band_from = Percent{7150};
  // A typical offer from a peer company, for the competing-offer levers: the
  // reference frames Google Paris L4 (base €85K–€115K) at €105K.
  Percent competing_offer = Percent::whole(67);

  Percent signing_bonus_of_base_ask = Percent::whole(10);

  // The audit forgives a stated total this far from the computed one.
  std::int64_t total_comp_tolerance = 1'000;

  // How equity is valued before it can be sold, per company stage (docs/policy.md
  // gives each figure's source). Listed shares follow the share price: a yearly
  // volatility and drift. Private shares are worth something within the horizon
  // only if a sale happens (an exit, or a tender offer the holder can join): with
  // probability `liquidity`, at a lognormal multiple of today's value with median
  // `exit_multiple` and spread `volatility`, after `dilution` per year until then.
  struct EquityRisk {
    Percent liquidity = Percent::whole(100);      // chance of a sale within the horizon
    Percent volatility = Percent::whole(35);      // yearly, of the share price or the exit's log
    Percent drift = Percent::whole(0);            // listed: expected yearly return
    Percent exit_multiple = Percent::whole(100);  // private: median sale value vs today's
    Percent dilution = Percent::whole(0);         // private: ownership lost per year
  };
  // An ask a guide adds to the strategy for a company at this stage, beyond base,
  // equity and the signing bonus: `id` names it for tests and tools, `text` is
  // what the candidate says ("double-trigger acceleration ...").
  struct ExtraAsk {
    std::string id;
    std::string text;
    friend bool operator==(const ExtraAsk&, const ExtraAsk&) = default;
  };
  struct Stage {
    EquityRisk equity_risk;
    std::vector<ExtraAsk> asks;
  };
  Stage public_stage = default_stage(CompanyStage::public_company);
  Stage late_stage = default_stage(CompanyStage::late_stage);
  Stage early_stage = default_stage(CompanyStage::early_stage);

  const Stage& stage(CompanyStage stage) const;
  Stage& stage(CompanyStage stage);
  static Stage default_stage(CompanyStage stage);

  // How `aggregate` turns data points into bands (docs/aggregate.md).
  struct Aggregation {
    Percent band_low = Percent::whole(25);   // the band runs from this percentile...
    Percent band_high = Percent::whole(75);  // ...to this one
    std::int64_t band_step = 1'000;          // band ends round to the nearest step
    // Points whose total lies further than this many interquartile ranges outside
    // the quartiles are left out (Tukey's "far out" fence).
    Percent outlier_fence = Percent::whole(3);
    // How few points may be shown (docs/policy.md gives the sources): fewer than
    // min_points and no band is derived (the band keeps its figures); the 10th and
    // 90th percentiles need tail_points.
    int min_points = 5;
    int tail_points = 10;
    // No source makes up more than this share of a band's points: a source above
    // it keeps an evenly spread subset of its points (docs/aggregate.md).
    Percent max_source_share = Percent::whole(25);
    // data_quality: high needs this many points from this many sources, the newest
    // within recent_quarters of the window's end; medium needs medium_points.
    int high_points = 30;
    int high_sources = 2;
    int recent_quarters = 2;
    int medium_points = 10;
  };
  Aggregation aggregation;
};

}  // namespace negotiateup::core
