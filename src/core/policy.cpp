#include "core/policy.hpp"

#include <utility>

namespace negotiateup::core {
// docs/policy.md gives the source of each figure.
Policy::Stage Policy::default_stage(CompanyStage stage) {
  switch (stage) {
    case CompanyStage::public_company:
      return Stage{EquityRisk{.liquidity = Percent::whole(100),
                              .volatility = Percent::whole(35),
                              .drift = Percent::whole(0),
                              .exit_multiple = Percent::whole(100),
                              .dilution = Percent::whole(0)},
                   {{"unvested-equity-sign-on",
                     "a sign-on grant or bonus that covers the unvested equity I leave behind"},
                    {"refresher-expectation",
                     "the yearly refresher grant I can expect at a good rating, in writing"},
                    {"level-review", "a review of my level after six months"}}};
    case CompanyStage::late_stage:
      return Stage{EquityRisk{.liquidity = Percent::whole(60),
                              .volatility = Percent::whole(60),
                              .drift = Percent::whole(0),
                              .exit_multiple = Percent::whole(100),
                              .dilution = Percent::whole(5)},
                   {{"double-trigger-acceleration",
                     "double-trigger acceleration: unvested equity vests if the company is "
                     "acquired and my role is cut"},
                    {"tender-offer-access",
                     "the right to sell vested shares in the company's tender offers"},
                    {"refresh-year-2", "an equity refresh in year 2"}}};
    case CompanyStage::early_stage:
      return Stage{EquityRisk{.liquidity = Percent::whole(15),
                              .volatility = Percent::whole(100),
                              .drift = Percent::whole(0),
                              .exit_multiple = Percent::whole(100),
                              .dilution = Percent::whole(10)},
                   {{"double-trigger-acceleration",
                     "double-trigger acceleration: unvested equity vests if the company is "
                     "acquired and my role is cut"},
                    {"exercise-window",
                     "a post-termination exercise window of several years for options, instead "
                     "of 90 days"},
                    {"refresh-year-2", "an equity refresh in year 2"}}};
  }
  return {};
}

const Policy::Stage& Policy::stage(CompanyStage stage) const {
  switch (stage) {
    case CompanyStage::public_company:
      return public_stage;
    case CompanyStage::late_stage:
      return late_stage;
    case CompanyStage::early_stage:
      return early_stage;
  }
  return public_stage;
}

Policy::Stage& Policy::stage(CompanyStage stage) {
  return const_cast<Stage&>(std::as_const(*this).stage(stage));
}

}  // namespace negotiateup::core
