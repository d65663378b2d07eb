#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <regex>

#include "catalog/catalog_files.hpp"
#include "core/equity_value.hpp"
#include "core/money.hpp"
#include "core/negotiation.hpp"
#include "offer/evaluation.hpp"
#include "offer/offer_report.hpp"
#include "offer/simulation.hpp"
#include "offer/vesting.hpp"
#include "test_support.hpp"

namespace negotiateup::offer {
namespace {

const core::Currency kEur = *core::Currency::from_code("EUR");

Equity equity(EquityType type, std::int64_t grant, std::vector<int> schedule, int cliff,
              VestingFrequency frequency) {
  Equity e;
  e.type = type;
  e.grant_value = grant;
  e.cliff_months = cliff;
  e.frequency = frequency;
  for (const int share : schedule) e.schedule.push_back(core::Percent::whole(share));
  e.vesting_years = static_cast<int>(schedule.size());
  return e;
}

OfferTerms terms(std::int64_t base, std::optional<Equity> e = std::nullopt) {
  return OfferTerms{kEur, base, {}, 0, {}, std::move(e)};
}

std::array<std::int64_t, 4> equity_by_year(const OfferTerms& t) {
  const auto flows = cash_flows(t);
  return {flows.years[0].equity, flows.years[1].equity, flows.years[2].equity,
          flows.years[3].equity};
}

TEST(Vesting, EvenScheduleWithAOneYearCliff) {
  const auto t = terms(90000, equity(EquityType::public_rsu, 120000, {25, 25, 25, 25}, 12,
                                     VestingFrequency::monthly));
  EXPECT_EQ(equity_by_year(t), (std::array<std::int64_t, 4>{30000, 30000, 30000, 30000}));
  const auto tranches = offer_tranches(*t.equity, t.equity->grant_value);
  EXPECT_EQ(tranches.front().month, 12);      // nothing before the cliff
  EXPECT_EQ(tranches.front().amount, 30000);  // the first year at once
  EXPECT_EQ(tranches[1].month, 13);
  EXPECT_EQ(tranches[1].amount, 2500);
}

TEST(Vesting, FrontLoadedSchedules) {
  EXPECT_EQ(equity_by_year(terms(1, equity(EquityType::public_rsu, 200000, {5, 15, 40, 40}, 12,
                                           VestingFrequency::yearly))),
            (std::array<std::int64_t, 4>{10000, 30000, 80000, 80000}));
  EXPECT_EQ(equity_by_year(terms(1, equity(EquityType::public_rsu, 100000, {33, 33, 22, 12}, 12,
                                           VestingFrequency::quarterly))),
            (std::array<std::int64_t, 4>{33000, 33000, 22000, 12000}));
}

TEST(Vesting, ALongerCliffMovesTheFirstYearIntoTheSecond) {
  EXPECT_EQ(equity_by_year(terms(1, equity(EquityType::public_rsu, 120000, {25, 25, 25, 25}, 18,
                                           VestingFrequency::monthly))),
            (std::array<std::int64_t, 4>{0, 60000, 30000, 30000}));
}

TEST(Vesting, TranchesAddUpToTheGrantExactly) {
  const auto tranches = offer_tranches(
      equity(EquityType::public_rsu, 100003, {25, 25, 25, 25}, 12, VestingFrequency::monthly),
      100003);
  std::int64_t sum = 0;
  for (const auto& t : tranches) sum += t.amount;
  EXPECT_EQ(sum, 100003);
}

TEST(CashFlows, SigningBonusRaisesBonusesAndRefreshes) {
  auto e = equity(EquityType::public_rsu, 400000, {25, 25, 25, 25}, 12, VestingFrequency::yearly);
  e.yearly_refresh = core::Percent::whole(25);  // 100K a year from year 2
  OfferTerms t{kEur, 100000, core::Percent::whole(10), 20000, core::Percent::whole(5), e};
  const auto flows = cash_flows(t);
  EXPECT_EQ(flows.years[0].base, 100000);
  EXPECT_EQ(flows.years[1].base, 105000);
  EXPECT_EQ(flows.years[2].base, 110250);
  EXPECT_EQ(flows.years[3].base, 115763);  // 115,762.5 rounded half away from zero
  EXPECT_EQ(flows.years[0].bonus, 10000);
  EXPECT_EQ(flows.years[0].signing, 20000);
  EXPECT_EQ(flows.years[1].signing, 0);
  EXPECT_EQ(flows.years[0].equity, 100000);
  EXPECT_EQ(flows.years[1].equity, 125000);  // + the year-2 refresh's first quarter
  EXPECT_EQ(flows.years[2].equity, 150000);
  EXPECT_EQ(flows.years[3].equity, 175000);
  EXPECT_EQ(flows.guaranteed_cash, 100000 + 105000 + 110250 + 115763 + 20000);
  EXPECT_EQ(flows.nominal_total, flows.cash_total + 550000);
}

double mean(const PathValues& values) {
  double sum = 0;
  for (const double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

TEST(Simulation, ZeroVolatilityIsTheGrantItself) {
  core::Policy::EquityRisk risk;
  risk.volatility = core::Percent{};
  const auto t = terms(
      1, equity(EquityType::public_rsu, 120000, {25, 25, 25, 25}, 12, VestingFrequency::monthly));
  const auto values = simulate_equity(t, risk, {1, 1000, core::Jobs{1}}, 0);
  for (const double v : values) EXPECT_NEAR(v, 120000.0, 1e-6);
}

TEST(Simulation, PublicSharesKeepTheirMeanWithoutDrift) {
  // E[exp(sigma W - sigma^2 t / 2)] = 1: the expected value is the grant.
  const auto t = terms(
      1, equity(EquityType::public_rsu, 120000, {25, 25, 25, 25}, 12, VestingFrequency::monthly));
  const auto values =
      simulate_equity(t, core::Policy::EquityRisk{}, {7, 400'000, core::Jobs{2}}, 0);
  EXPECT_NEAR(mean(values) / 120000.0, 1.0, 0.005);
}

TEST(Simulation, PrivateExitFollowsTheLognormalMean) {
  core::Policy::EquityRisk risk;
  risk.liquidity = core::Percent::whole(100);
  risk.dilution = core::Percent{};
  risk.volatility = core::Percent::whole(50);
  const auto t = terms(
      1, equity(EquityType::private_rsu, 100000, {25, 25, 25, 25}, 12, VestingFrequency::monthly));
  const auto values = simulate_equity(t, risk, {3, 400'000, core::Jobs{2}}, 0);
  // The mean of a lognormal with median 1 and sigma 0.5 is exp(0.125).
  EXPECT_NEAR(mean(values) / 100000.0, std::exp(0.125), 0.01);
  risk.liquidity = core::Percent::whole(40);
  const auto some = simulate_equity(t, risk, {3, 400'000, core::Jobs{2}}, 0);
  EXPECT_NEAR(mean(some) / 100000.0, 0.4 * std::exp(0.125), 0.01);
}

TEST(Simulation, SameSeedSameFiguresWhateverTheThreads) {
  const auto t = terms(
      1, equity(EquityType::public_rsu, 120000, {25, 25, 25, 25}, 12, VestingFrequency::monthly));
  const auto one = simulate_equity(t, {}, {11, 100'000, core::Jobs{1}}, 0);
  const auto two = simulate_equity(t, {}, {11, 100'000, core::Jobs{2}}, 0);
  EXPECT_EQ(one, two);
  EXPECT_NE(one, simulate_equity(t, {}, {12, 100'000, core::Jobs{1}}, 0));
}

// Quantiles against closed forms. A listed grant that vests in one year, without
// drift, is worth grant x exp(s Z - s^2 / 2): a lognormal with median
// grant x exp(-s^2 / 2) and spread s, so its q-quantile is the median x exp(z_q s).
constexpr double kZ90 = 1.2815515655446004;

Distribution quantiles(const OfferTerms& t, const core::Policy::EquityRisk& risk,
                       std::size_t paths = 400'000, std::uint64_t seed = 17) {
  auto values = simulate_equity(t, risk, {seed, paths, core::Jobs{2}}, 0);
  return distribution(values, 0);
}

TEST(Quantiles, AListedGrantVestingInOneYearIsLognormal) {
  core::Policy::EquityRisk risk;  // volatility 35%, no drift
  const double s = 0.35;
  const double grant = 100000;
  const auto d = quantiles(
      terms(1, equity(EquityType::public_rsu, 100000, {100}, 12, VestingFrequency::yearly)), risk);
  const double median = grant * std::exp(-s * s / 2);
  EXPECT_NEAR(d.p50 / median, 1.0, 0.003);
  EXPECT_NEAR(d.p10 / (median * std::exp(-kZ90 * s)), 1.0, 0.003);
  EXPECT_NEAR(d.p90 / (median * std::exp(kZ90 * s)), 1.0, 0.003);
  EXPECT_NEAR(d.mean / grant, 1.0, 0.003);
  // The same grant stated as vesting over one year, monthly after the cliff.
  auto one_year = equity(EquityType::public_rsu, 100000, {100}, 12, VestingFrequency::monthly);
  EXPECT_NEAR(quantiles(terms(1, one_year), risk).p50 / median, 1.0, 0.003);
}

TEST(Quantiles, WithoutVolatilityEveryQuantileIsTheGrant) {
  core::Policy::EquityRisk risk;
  risk.volatility = core::Percent{};
  const auto d = quantiles(terms(1, equity(EquityType::public_rsu, 120000, {25, 25, 25, 25}, 12,
                                           VestingFrequency::monthly)),
                           risk, 10'000);
  for (const double q : {d.mean, d.p10, d.p50, d.p90}) EXPECT_NEAR(q, 120000.0, 1e-6);
}

TEST(Quantiles, APrivateGrantSureToBeSoldIsLognormal) {
  core::Policy::EquityRisk risk;
  risk.liquidity = core::Percent::whole(100);
  risk.dilution = core::Percent{};
  risk.volatility = core::Percent::whole(60);
  risk.exit_multiple = core::Percent::whole(120);  // the median sale: 1.2 x today's value
  const auto d = quantiles(terms(1, equity(EquityType::private_rsu, 100000, {25, 25, 25, 25}, 12,
                                           VestingFrequency::monthly)),
                           risk);
  const double median = 120000;
  EXPECT_NEAR(d.p50 / median, 1.0, 0.004);
  EXPECT_NEAR(d.p10 / (median * std::exp(-kZ90 * 0.6)), 1.0, 0.004);
  EXPECT_NEAR(d.p90 / (median * std::exp(kZ90 * 0.6)), 1.0, 0.004);
  EXPECT_NEAR(d.mean / (median * std::exp(0.18)), 1.0, 0.005);
}

TEST(Quantiles, APrivateGrantNeverSoldIsWorthNothing) {
  core::Policy::EquityRisk risk;
  risk.liquidity = core::Percent{};
  const auto d = quantiles(terms(1, equity(EquityType::private_rsu, 100000, {25, 25, 25, 25}, 12,
                                           VestingFrequency::monthly)),
                           risk, 50'000);
  EXPECT_EQ(d.mean, 0);
  EXPECT_EQ(d.p10, 0);
  EXPECT_EQ(d.p50, 0);
  EXPECT_EQ(d.p90, 0);
}

// The simulation's mean against core::expected_equity_value, with each stage's
// default risk: the two describe one model.
TEST(Quantiles, TheMeanConvergesToTheClosedFormAtEveryStage) {
  const core::Policy policy;
  const auto grant =
      equity(EquityType::private_rsu, 200000, {25, 25, 25, 25}, 12, VestingFrequency::yearly);
  auto listed = grant;
  listed.type = EquityType::public_rsu;
  struct Case {
    core::CompanyStage stage;
    Equity equity;
    double tolerance;  // about four standard errors at 400,000 paths
  };
  for (const auto& c : {Case{core::CompanyStage::public_company, listed, 0.003},
                        Case{core::CompanyStage::late_stage, grant, 0.008},
                        Case{core::CompanyStage::early_stage, grant, 0.03}}) {
    const auto expected = static_cast<double>(core::expected_equity_value(200000, c.stage, policy));
    const auto d = quantiles(terms(1, c.equity), policy.stage(c.stage).equity_risk);
    EXPECT_NEAR(d.mean / expected, 1.0, c.tolerance) << core::to_string(c.stage);
  }
}

// Options: the mean converges to core::expected_option_value for each vested option,
// which is also what expected_vesting counts, year by year.
TEST(Quantiles, OptionsConvergeToTheirClosedForm) {
  auto options =
      equity(EquityType::private_options, 150000, {25, 25, 25, 25}, 12, VestingFrequency::monthly);
  options.share_count = 10000;
  options.strike_price_cents = 500;
  options.preferred_price_cents = 2000;
  const auto t = terms(1, options);
  const auto risk = core::Policy{}.late_stage.equity_risk;
  const double each = core::expected_option_value(risk, 20.0, 5.0, 4);
  double by_years = 0;
  for (int year = 1; year <= 4; ++year) by_years += expected_vesting(t, risk, year);
  EXPECT_NEAR(by_years, 10000 * each, 1e-6);
  EXPECT_NEAR(quantiles(t, risk).mean / (10000 * each), 1.0, 0.01);
  // Without volatility or dilution and a sure sale, an option is worth its spread.
  core::Policy::EquityRisk sure;
  sure.volatility = core::Percent{};
  EXPECT_NEAR(core::expected_option_value(sure, 20.0, 5.0, 4), 15.0, 1e-9);
}

// The bug of issue 15: the 90th percentile's selection moved the median, so that
// p50 of listed shares came out above the mean and moved with the seed by 15%.
TEST(Quantiles, AListedMedianLiesBelowTheMeanWhateverTheSeed) {
  const auto t = terms(105000, equity(EquityType::public_rsu, 360000, {25, 25, 25, 25}, 12,
                                      VestingFrequency::monthly));
  const auto flows = cash_flows(t);
  std::vector<double> medians;
  for (const std::uint64_t seed : {1U, 2U, 3U, 42U, 1234U}) {
    auto values = simulate_equity(t, {}, {seed, 100'000, core::Jobs{2}}, 0);
    const auto d = distribution(values, static_cast<double>(flows.cash_total));
    EXPECT_LT(d.p50, d.mean) << seed;
    EXPECT_LT(d.p10, d.p50);
    EXPECT_LT(d.p50, d.p90);
    medians.push_back(d.p50);
  }
  const auto [low, high] = std::minmax_element(medians.begin(), medians.end());
  EXPECT_LT(*high / *low - 1.0, 0.01);
}

// What vests in year 1 at its expected value, front-loaded schedules included.
TEST(ExpectedVesting, CountsTheFirstYearOfFrontLoadedSchedules) {
  core::Policy::EquityRisk listed;
  listed.drift = core::Percent::whole(10);
  const auto google = terms(
      1, equity(EquityType::public_rsu, 300000, {33, 33, 22, 12}, 12, VestingFrequency::quarterly));
  EXPECT_NEAR(expected_vesting(google, {}, 1), 99000, 1e-6);  // no drift: 33% of the grant
  EXPECT_NEAR(expected_vesting(google, listed, 1), 99000 * std::exp(0.1), 1e-6);
  EXPECT_NEAR(expected_vesting(google, listed, 4), 36000 * std::exp(0.4), 1e-6);
  // Late stage: 60% chance of a sale, multiple lognormal (median 1, s 0.6: mean
  // e^0.18), 5% dilution a year over a sale time uniform on four years:
  // 0.6 x 1.197217 x (0.95^4 - 1) / (4 ln 0.95) = 0.6494309.
  const auto amazon = terms(
      1, equity(EquityType::private_rsu, 200000, {5, 15, 40, 40}, 12, VestingFrequency::yearly));
  EXPECT_NEAR(expected_vesting(amazon, core::Policy{}.late_stage.equity_risk, 1), 6494.309, 1e-3);
}

// Options are worth their spread over the strike, in every figure.
TEST(Options, AreWorthTheirSpreadOverTheStrike) {
  auto at_the_money =
      equity(EquityType::private_options, 150000, {25, 25, 25, 25}, 12, VestingFrequency::monthly);
  at_the_money.share_count = 10000;
  at_the_money.strike_price_cents = 500;
  at_the_money.preferred_price_cents = 500;
  const auto flows = cash_flows(terms(100000, at_the_money));
  EXPECT_EQ(value_today(at_the_money), 0);
  for (const auto& year : flows.years) EXPECT_EQ(year.equity, 0);
  EXPECT_EQ(flows.nominal_total, 400000);  // the base alone, not 400K + the quoted 150K
  EXPECT_EQ(flows.options_vesting, 10000);
  EXPECT_EQ(flows.exercise_cost, 50000);  // 10,000 x 5.00

  auto in_the_money = at_the_money;  // the quoted 150K does not count: 12,000 x (12.5 - 2.5)
  in_the_money.share_count = 12000;
  in_the_money.strike_price_cents = 250;
  in_the_money.preferred_price_cents = 1250;
  const auto money_flows = cash_flows(terms(100000, in_the_money));
  EXPECT_EQ(value_today(in_the_money), 120000);
  EXPECT_EQ(money_flows.years[0].equity, 30000);
  EXPECT_EQ(money_flows.nominal_total, 400000 + 120000);
  EXPECT_EQ(money_flows.exercise_cost, 30000);  // 12,000 x 2.50

  // Without a preferred price the quoted value is the paper gain.
  auto unpriced = in_the_money;
  unpriced.preferred_price_cents.reset();
  EXPECT_EQ(value_today(unpriced), 150000);
  EXPECT_EQ(preferred_price_cents(unpriced), 250 + 1250);  // 2.50 + 150,000 / 12,000
}

catalog::Catalog demo_catalog() {
  auto catalog = catalog::load_catalog(test::tests_dir().parent_path() / "catalog");
  EXPECT_TRUE(catalog.has_value());
  return *catalog;
}

std::string example() {
  return test::read_file(test::tests_dir().parent_path() / "examples" / "offer-hugging-face.json");
}

// The evaluator asks for what the guide asks for (the same policy and rounding),
// except where the candidate's competing offer says more.
TEST(Evaluation, RecommendationIsTheGuides) {
  const auto catalog = demo_catalog();
  const auto request = parse_offer_request(example(), "offer.json");
  ASSERT_TRUE(request.has_value()) << request.error().to_string();
  const auto evaluation =
      evaluate_offer(*request, catalog, {42, 20'000, core::Jobs{2}}, "offer.json");
  ASSERT_TRUE(evaluation.has_value()) << evaluation.error().to_string();
  const auto guide = core::negotiation_figures({78000, 105000}, {100000, 195000}, catalog.policy);
  const auto& r = *evaluation->recommendation;
  EXPECT_EQ(r.ask_base, guide.base_ask);  // 100K, as the reference asks
  EXPECT_EQ(r.floor_base, guide.base_floor);
  EXPECT_EQ(r.floor_equity, guide.equity_floor);
  // Google's break-even grant (about €635K) lies far above the band: the ask stops
  // at the band's high instead of the guide's €180K, and says why.
  EXPECT_EQ(guide.equity_ask, 180000);
  EXPECT_EQ(r.ask_equity, 195000);
  EXPECT_TRUE(r.equity_ask_capped);
  // The first year: Google's €105K base and €90K vesting (a quarter of €360K,
  // listed, no drift) against €90K and a quarter of the 12,000 options at their
  // expected value at Hugging Face's (late) stage.
  const auto option =
      core::expected_option_value(catalog.policy.late_stage.equity_risk, 12.5, 2.5, 4);
  EXPECT_EQ(evaluation->first_year.equity, std::llround(3000 * option));
  EXPECT_EQ(evaluation->competing.at(0).first_year.total, 195000);
  EXPECT_EQ(r.signing_bonus, core::round_to_step(195000 - 90000 - std::llround(3000 * option), 5000,
                                                 core::Rounding::up));
  EXPECT_NEAR(*evaluation->positions.base_percentile, 100.0 * 12 / 27, 1e-9);
  const auto& google = evaluation->competing.at(0);
  EXPECT_EQ(google.four_year.guaranteed_cash, 420000);
  EXPECT_EQ(google.four_year.nominal_total, 780000);  // 4 x (105K + 90K)
  EXPECT_NE(r.script.find("€780K over four years"), std::string::npos) << r.script;
}

Evaluation evaluate_text(const std::string& text, const catalog::Catalog& catalog,
                         std::size_t paths = 2'000) {
  const auto request = parse_offer_request(text, "offer.json");
  EXPECT_TRUE(request.has_value()) << request.error().to_string();
  auto evaluation = evaluate_offer(*request, catalog, {42, paths, core::Jobs{2}}, "offer.json");
  EXPECT_TRUE(evaluation.has_value()) << evaluation.error().to_string();
  return *evaluation;
}

// Hugging Face Paris, base band €78K-€105K: the base ask is €100K, the policy's
// signing bonus 10% of it, €10K.
std::string hugging_face_paris(const std::string& offer, const std::string& competing = "") {
  return R"({"company": "hugging-face", "role": "senior-software-engineer", "region": "Paris",
             "offer": )" +
         offer + R"(, "competing": [)" + competing + "]}";
}

TEST(SigningBonus, WithoutACompetingOfferIsThePolicysLessWhatIsOffered) {
  const auto catalog = demo_catalog();
  const auto none =
      evaluate_text(hugging_face_paris(R"({"currency": "EUR", "base": 90000})"), catalog);
  EXPECT_EQ(none.recommendation->signing_bonus, 10000);
  EXPECT_EQ(none.recommendation->signing_bonus_total, 10000);

  const auto some = evaluate_text(
      hugging_face_paris(R"({"currency": "EUR", "base": 90000, "signing_bonus": 7000})"), catalog);
  EXPECT_EQ(some.recommendation->signing_bonus, 3000);  // 10K - 7K
  EXPECT_EQ(some.recommendation->signing_bonus_offered, 7000);
  EXPECT_EQ(some.recommendation->signing_bonus_total, 10000);
  EXPECT_NE(some.recommendation->script.find("from €7K to €10K"), std::string::npos)
      << some.recommendation->script;

  // Issue 15: someone offered €50K is not told to ask for €30K.
  const auto plenty = evaluate_text(
      hugging_face_paris(R"({"currency": "EUR", "base": 90000, "signing_bonus": 50000})"), catalog);
  EXPECT_EQ(plenty.recommendation->signing_bonus, 0);
  EXPECT_EQ(plenty.recommendation->signing_bonus_total, 50000);
  EXPECT_NE(plenty.recommendation->signing_bonus_reason.find("the €50K already offered covers it"),
            std::string::npos)
      << plenty.recommendation->signing_bonus_reason;
  EXPECT_EQ(plenty.recommendation->script.find("signing bonus"), std::string::npos);
}

// The gap in the first year, vesting included at expected value, less what is offered.
TEST(SigningBonus, BridgesTheFirstYearOfTheBestOfferInTheRegion) {
  const auto e = evaluate_text(hugging_face_paris(
                                   R"({"currency": "EUR", "base": 90000, "signing_bonus": 20000,
              "equity": {"type": "private-rsu", "grant_value": 120000}})",
                                   R"({"company": "google", "region": "Paris",
              "offer": {"currency": "EUR", "base": 100000, "bonus_pct": 15, "signing_bonus": 10000,
                        "equity": {"type": "public-rsu", "grant_value": 300000,
                                   "schedule": [33, 33, 22, 12]}}})"),
                               demo_catalog());
  // Google: 100K + 15K bonus + 10K signing + 33% of 300K (listed, no drift) = 224K.
  EXPECT_EQ(e.competing.at(0).first_year.total, 224000);
  // Hugging Face (late stage): a quarter of 120K at 0.6494309 of its value (see
  // ExpectedVesting) = 19,483; 90K + 19,483 = 109,483 before its signing bonus.
  EXPECT_EQ(e.first_year.equity, 19483);
  EXPECT_EQ(e.first_year.total, 129483);
  // 224,000 - 109,483 = 114,517, up to the 5K step: 115K in all, 95K more than offered.
  const auto& r = *e.recommendation;
  EXPECT_EQ(r.signing_bonus_total, 115000);
  EXPECT_EQ(r.signing_bonus, 95000);
  EXPECT_NE(r.signing_bonus_reason.find("a signing bonus of €115K evens the first year"),
            std::string::npos)
      << r.signing_bonus_reason;
  EXPECT_NE(r.signing_bonus_reason.find("less the €20K already offered"), std::string::npos);
}

TEST(SigningBonus, ThePolicysWhenTheOtherOfferIsWeaker) {
  const auto e = evaluate_text(hugging_face_paris(R"({"currency": "EUR", "base": 100000})",
                                                  R"({"company": "google", "region": "Paris",
              "offer": {"currency": "EUR", "base": 95000}})"),
                               demo_catalog());
  EXPECT_EQ(e.recommendation->signing_bonus, 10000);
  EXPECT_NE(e.recommendation->signing_bonus_reason.find("the policy's asks more"),
            std::string::npos);
}

// A London offer against offers in London and New York: compared in pounds, and
// only with the London one; New York's figure is shown converted, not matched.
TEST(SigningBonus, ComparesOnlyOffersInTheSameRegionInTheOffersCurrency) {
  const std::string london_offer =
      R"({"company": "datadog", "role": "senior-software-engineer", "region": "London",
          "offer": {"currency": "GBP", "base": 100000, "bonus_pct": 10},
          "competing": [
            {"company": "google", "region": "New York",
             "offer": {"currency": "USD", "base": 230000, "bonus_pct": 15,
                       "equity": {"type": "public-rsu", "grant_value": 400000}}})";
  const auto catalog = demo_catalog();
  const auto only_new_york = evaluate_text(london_offer + "]}", catalog);
  const auto& new_york = only_new_york.competing.at(0);
  EXPECT_FALSE(new_york.same_region);
  // $230K at 0.79 = £181,700; 15% bonus £27,255; a quarter of $400K = £79K.
  EXPECT_EQ(new_york.first_year.total, 181700 + 27255 + 79000);
  // Datadog London, base band £92K-£115K: ask 92K + 0.85 x 23K = 111,550, to £110K;
  // the policy's signing bonus 10% of it, 11K, to the 5K step: £10K.
  EXPECT_EQ(only_new_york.recommendation->signing_bonus, 10000);
  EXPECT_NE(only_new_york.recommendation->signing_bonus_reason.find(
                "not matched, since pay differs by region (first year, converted: Google in "
                "New York, £288K)"),
            std::string::npos)
      << only_new_york.recommendation->signing_bonus_reason;
  EXPECT_EQ(only_new_york.recommendation->script.find("Google"), std::string::npos);

  const auto with_london = evaluate_text(london_offer + R"(,
            {"company": "google", "region": "London",
             "offer": {"currency": "GBP", "base": 110000, "bonus_pct": 15,
                       "equity": {"type": "public-rsu", "grant_value": 160000}}}]})",
                                         catalog);
  EXPECT_TRUE(with_london.competing.at(1).same_region);
  // Google London: 110K + 16.5K + 40K = 166.5K; Datadog: 100K + 10K = 110K; the
  // 56.5K gap to the 5K step: £60K.
  EXPECT_EQ(with_london.competing.at(1).first_year.total, 166500);
  EXPECT_EQ(with_london.recommendation->signing_bonus, 60000);
}

// Google Paris, equity band €114K-€182K: the policy's ask is 114K + 0.84 x 68K =
// 171,120, to the 5K step €170K. Listed shares without volatility make the
// simulation exact, so the break-even grant is computed by hand.
catalog::Catalog catalog_without_volatility() {
  auto catalog = demo_catalog();
  catalog.policy.public_stage.equity_risk.volatility = core::Percent{};
  return catalog;
}

std::string google_paris(const std::string& competing) {
  return R"({"company": "google", "role": "senior-software-engineer", "region": "Paris",
             "offer": {"currency": "EUR", "base": 100000,
                       "equity": {"type": "public-rsu", "grant_value": 120000}},
             "competing": [)" +
         competing + "]}";
}

TEST(EquityAsk, IsCappedAtTheBandsHighWhenTheBreakEvenLiesAbove) {
  const auto e = evaluate_text(google_paris(R"({"company": "google", "region": "Paris",
      "offer": {"currency": "EUR", "base": 150000,
                "equity": {"type": "public-rsu", "grant_value": 400000}}})"),
                               catalog_without_volatility());
  // Four years: 600K + 400K against 400K + 120K x g / 120K: even at g = 600K.
  EXPECT_EQ(e.competing.at(0).break_even_grant, 600000);
  const auto& r = *e.recommendation;
  EXPECT_EQ(r.ask_equity, 182000);
  EXPECT_TRUE(r.equity_ask_capped);
  EXPECT_NE(r.equity_ask_reason.find("a grant of €600K over four years, above the band's high "
                                     "of €182K"),
            std::string::npos)
      << r.equity_ask_reason;
  EXPECT_NE(r.script.find("a grant above €182K is beyond your band"), std::string::npos)
      << r.script;
  const auto json = evaluation_json(e);
  EXPECT_NE(json.find("\"equity_ask_capped\": true"), std::string::npos) << json;
  EXPECT_NE(evaluation_text(e).find("equity: capped at the band's high"), std::string::npos);
}

TEST(EquityAsk, RisesToABreakEvenInsideTheBand) {
  const auto e = evaluate_text(google_paris(R"({"company": "google", "region": "Paris",
      "offer": {"currency": "EUR", "base": 100000,
                "equity": {"type": "public-rsu", "grant_value": 176000}}})"),
                               catalog_without_volatility());
  EXPECT_EQ(e.competing.at(0).break_even_grant, 176000);
  const auto& r = *e.recommendation;
  EXPECT_EQ(r.ask_equity, 180000);  // 176K up to the 5K step, under the high of 182K
  EXPECT_FALSE(r.equity_ask_capped);
  EXPECT_NE(r.equity_ask_reason.find("raised to Google's break-even grant of €176K"),
            std::string::npos)
      << r.equity_ask_reason;
}

// An offer already above the asks is not argued down: Google Paris's base ask is
// €105K and its equity ask €175K (84% of €114K-€182K); offered €110K and €300K,
// the recommendation keeps both, and the weaker competing offer is not cited.
TEST(Recommendation, NeverAsksForLessThanIsOfferedNorCitesAWeakerOffer) {
  const auto e = evaluate_text(R"({"company": "google", "role": "senior-software-engineer",
      "region": "Paris", "offer": {"currency": "EUR", "base": 110000,
        "equity": {"type": "public-rsu", "grant_value": 300000}},
      "competing": [{"company": "meta", "region": "Paris", "offer": {"currency": "EUR",
        "base": 100000, "equity": {"type": "public-rsu", "grant_value": 100000}}}]})",
                               demo_catalog());
  const auto& r = *e.recommendation;
  EXPECT_EQ(r.ask_base, 110000);
  EXPECT_EQ(r.ask_equity, 300000);
  EXPECT_NE(r.equity_ask_reason.find("the €300K already offered"), std::string::npos)
      << r.equity_ask_reason;
  EXPECT_EQ(r.script.find("Meta"), std::string::npos) << r.script;
}

// The stage's asks, as the guides state them: no acceleration asked of a public
// company; double-trigger acceleration of a late-stage one.
TEST(Recommendation, AddsTheAsksOfTheCompanysStage) {
  const auto catalog = demo_catalog();
  const auto google = evaluate_text(google_paris(""), catalog);
  const auto& public_asks = google.recommendation->extra_asks;
  EXPECT_EQ(public_asks, catalog.policy.public_stage.asks);
  EXPECT_EQ(google.recommendation->script.find("acceleration"), std::string::npos);
  EXPECT_NE(google.recommendation->script.find("(1) a sign-on grant or bonus"), std::string::npos)
      << google.recommendation->script;
  const auto hugging_face =
      evaluate_text(hugging_face_paris(R"({"currency": "EUR", "base": 90000})"), catalog);
  EXPECT_EQ(hugging_face.recommendation->extra_asks.front().id, "double-trigger-acceleration");
  EXPECT_NE(evaluation_json(hugging_face).find("\"double-trigger-acceleration\""),
            std::string::npos);
}

TEST(EquityAsk, StaysTheBandsBelowTheAskOrInAnotherRegion) {
  const auto catalog = catalog_without_volatility();
  const auto weaker = evaluate_text(google_paris(R"({"company": "google", "region": "Paris",
      "offer": {"currency": "EUR", "base": 100000,
                "equity": {"type": "public-rsu", "grant_value": 150000}}})"),
                                    catalog);
  EXPECT_EQ(weaker.recommendation->ask_equity, 170000);
  EXPECT_FALSE(weaker.recommendation->equity_ask_capped);
  EXPECT_NE(weaker.recommendation->equity_ask_reason.find("the policy's position 84"),
            std::string::npos);
  const auto elsewhere = evaluate_text(google_paris(R"({"company": "google", "region": "New York",
      "offer": {"currency": "USD", "base": 230000,
                "equity": {"type": "public-rsu", "grant_value": 400000}}})"),
                                       catalog);
  EXPECT_GT(elsewhere.competing.at(0).break_even_grant.value_or(0), 182000);
  EXPECT_EQ(elsewhere.recommendation->ask_equity, 170000);
  EXPECT_FALSE(elsewhere.recommendation->equity_ask_capped);
}

// Google Paris bands: base €90K-€110K, equity €114K-€182K.
TEST(Positions, AreWordedInsideAndOutsideTheBand) {
  const auto catalog = demo_catalog();
  const auto at = [&](const char* base, const char* grant) {
    return evaluate_text(
        std::string(R"({"company": "google", "role": "senior-software-engineer", "region": "Paris",
                        "offer": {"currency": "EUR", "base": )") +
            base + R"(, "equity": {"type": "public-rsu", "grant_value": )" + grant + "}}}",
        catalog, 1'000);
  };
  const auto inside = at("100000", "148000");
  auto text = evaluation_text(inside);
  EXPECT_NE(text.find("base €100K: position 50 (band €90K–€110K)"), std::string::npos) << text;
  EXPECT_NE(text.find("equity €148K: position 50 (band €114K–€182K)"), std::string::npos);
  EXPECT_EQ(text.find("percentile"), std::string::npos);
  const auto outside = at("120000", "100000");
  text = evaluation_text(outside);
  EXPECT_NE(text.find("base €120K: above the band by €10K (band €90K–€110K)"), std::string::npos)
      << text;
  EXPECT_NE(text.find("equity €100K: below the band by €14K"), std::string::npos) << text;
  EXPECT_EQ(*outside.positions.base_percentile, 150.0);  // the JSON keeps the number
  const auto json = evaluation_json(outside);
  EXPECT_NE(json.find("\"base_percentile\": 150.0"), std::string::npos) << json;
  EXPECT_NE(json.find("\"base_position\": \"above the band by €10K\""), std::string::npos);
}

// Amounts in the text have at most three significant digits: never "$1380.398K".
TEST(Report, PrintsCompactMoneyEverywhere) {
  const auto e = evaluate_text(
      test::read_file(test::tests_dir().parent_path() / "examples" / "offer-two-competing.json"),
      demo_catalog(), 20'000);
  const auto text = evaluation_text(e);
  const std::regex long_amount(R"([$€£][0-9]*\.[0-9]{3}|[$€£][0-9]{4,}|[0-9]{4,}(\.[0-9]+)?K)");
  std::smatch found;
  EXPECT_FALSE(std::regex_search(text, found, long_amount)) << found.str(0) << "\n" << text;
  // Mistral's 10,000 options at a strike of €5, converted: $54.3K at 0.92 EUR per USD.
  EXPECT_NE(text.find("its 10000 options cost $54.3K to exercise"), std::string::npos) << text;
}

TEST(Evaluation, ConvertsCompetingOffersWithTheCatalogsRates) {
  auto text = example();
  text.replace(text.find("\"region\": \"Paris\",\n                \"offer\": {\"currency\": "
                         "\"EUR\", \"base\": 105000"),
               std::string("\"region\": \"Paris\",\n                \"offer\": {\"currency\": "
                           "\"EUR\", \"base\": 105000")
                   .size(),
               "\"region\": \"New York\",\n                \"offer\": {\"currency\": \"USD\", "
               "\"base\": 200000");
  const auto request = parse_offer_request(text, "offer.json");
  ASSERT_TRUE(request.has_value()) << request.error().to_string();
  const auto evaluation =
      evaluate_offer(*request, demo_catalog(), {42, 10'000, core::Jobs{2}}, "offer.json");
  ASSERT_TRUE(evaluation.has_value()) << evaluation.error().to_string();
  // 200,000 USD at 0.92 EUR per USD.
  EXPECT_EQ(evaluation->competing[0].flows.years[0].base, 184000);
}

TEST(Evaluation, SameSeedSameBytes) {
  const auto catalog = demo_catalog();
  const auto request = parse_offer_request(example(), "offer.json");
  const auto a = evaluate_offer(*request, catalog, {5, 50'000, core::Jobs{1}}, "offer.json");
  const auto b = evaluate_offer(*request, catalog, {5, 50'000, core::Jobs{2}}, "offer.json");
  EXPECT_EQ(evaluation_json(*a), evaluation_json(*b));
}

// The evaluator reads names as the catalog's resolver does: an alias, a display
// name in any case and with accents all mean the entry.
TEST(Evaluation, AcceptsAliasesAndNamesAsPeopleWriteThem) {
  auto text = example();
  text.replace(text.find("\"hugging-face\""), std::string_view("\"hugging-face\"").size(),
               "\"HF\"");
  text.replace(text.find("\"senior-software-engineer\""),
               std::string_view("\"senior-software-engineer\"").size(),
               "\"  Sénior   Software Engineer \"");
  text.replace(text.find("\"company\": \"google\""),
               std::string_view("\"company\": \"google\"").size(), "\"company\": \"GOOGLE\"");
  const auto request = parse_offer_request(text, "offer.json");
  ASSERT_TRUE(request.has_value()) << request.error().to_string();
  ASSERT_EQ(request->company, "HF");
  const auto evaluation =
      evaluate_offer(*request, demo_catalog(), {42, 1'000, core::Jobs{1}}, "offer.json");
  ASSERT_TRUE(evaluation.has_value()) << evaluation.error().to_string();
  EXPECT_EQ(evaluation->company_display, "Hugging Face");
  EXPECT_EQ(evaluation->role_display, "Senior Software Engineer");
  EXPECT_EQ(evaluation->competing.at(0).company, "Google");
  EXPECT_TRUE(evaluation->recommendation.has_value());
}

// Paths are drawn by chunk, each chunk seeded from its number: how chunks and
// offers are shared out between threads cannot move a figure.
TEST(Evaluation, SameBytesWhateverTheJobs) {
  const auto catalog = demo_catalog();
  const auto request = parse_offer_request(
      test::read_file(test::tests_dir().parent_path() / "examples" / "offer-two-competing.json"),
      "offer.json");
  ASSERT_TRUE(request.has_value()) << request.error().to_string();
  ASSERT_EQ(request->competing.size(), 2U);
  // Not a whole number of chunks: the last one is shorter.
  const auto json = [&](unsigned jobs) {
    const auto evaluation =
        evaluate_offer(*request, catalog, {9, 70'001, core::Jobs{jobs}}, "offer.json");
    EXPECT_TRUE(evaluation.has_value());
    return evaluation ? evaluation_json(*evaluation) : std::string();
  };
  const auto one = json(1);
  EXPECT_NE(one.find("\"probability_better\""), std::string::npos) << one;
  EXPECT_EQ(json(2), one);
  EXPECT_EQ(json(5), one);
}

struct BadOffer {
  const char* name;
  const char* from;
  const char* to;
  const char* message_part;
};

void PrintTo(const BadOffer& bad, std::ostream* out) {
  *out << bad.name;
}

class BadOffers : public testing::TestWithParam<BadOffer> {};

TEST_P(BadOffers, SayWhichFieldAndWhy) {
  const auto& bad = GetParam();
  auto text = example();
  if (std::string_view(bad.from).size())
    text.replace(text.find(bad.from), std::string_view(bad.from).size(), bad.to);
  auto request = parse_offer_request(text, "offer.json");
  std::string message;
  if (!request) {
    message = request.error().message;
  } else {
    const auto evaluation =
        evaluate_offer(*request, demo_catalog(), {1, 100, core::Jobs{1}}, "offer.json");
    ASSERT_FALSE(evaluation.has_value()) << bad.name;
    message = evaluation.error().message;
  }
  EXPECT_NE(message.find(bad.message_part), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, BadOffers,
    testing::Values(BadOffer{"unknown_company", "\"hugging-face\"", "\"hugging-fase\"",
                             "company: unknown company 'hugging-fase'; did you mean: hugging-face"},
                    BadOffer{"unknown_role", "\"senior-software-engineer\"", "\"senior-engineer\"",
                             "role: unknown role 'senior-engineer'; did you mean"},
                    BadOffer{"unknown_region", "\"region\": \"Paris\"", "\"region\": \"Lyon\"",
                             "region: unknown region 'Lyon'"},
                    BadOffer{"negative_base", "\"base\": 90000", "\"base\": -90000",
                             "offer.base: is -90000; expected an amount of 0 or more"},
                    BadOffer{"fraction", "\"base\": 90000", "\"base\": 90000.5",
                             "offer.base: expected a whole amount"},
                    BadOffer{"schedule", "[25, 25, 25, 25]", "[25, 25, 25, 20]",
                             "offer.equity.schedule: adds up to 95%; expected 100%"},
                    BadOffer{"no_rate", "\"currency\": \"EUR\", \"base\": 105000",
                             "\"currency\": \"CHF\", \"base\": 105000", "no exchange rate for CHF"},
                    BadOffer{"unknown_currency", "\"currency\": \"EUR\", \"base\": 90000",
                             "\"currency\": \"EUX\", \"base\": 90000", "offer.currency: is 'EUX'"},
                    BadOffer{"malformed", "\"competing\"", "competing", "malformed JSON"},
                    BadOffer{"unknown_field", "\"bonus_pct\"", "\"bonus_percent\"",
                             "offer.bonus_percent: unknown field"},
                    BadOffer{"options_without_shares", "\"share_count\": 12000,", "",
                             "needs share_count"}),
    [](const testing::TestParamInfo<BadOffer>& case_info) { return case_info.param.name; });

// An offer nested 200,000 deep used to overflow the stack (issue 18): refused
// before it is parsed.
TEST(OfferRequest, NestingDeeperThanAnOfferIsRefusedNotACrash) {
  const auto text = R"({"company": "google", "offer": )" + std::string(200'000, '[') +
                    std::string(200'000, ']') + "}";
  const auto request = parse_offer_request(text, "offer.json");
  ASSERT_FALSE(request.has_value());
  EXPECT_EQ(request.error().to_string(),
            "offer.json: nested deeper than 16 levels; expected an offer (docs/offer.md)");
}

}  // namespace
}  // namespace negotiateup::offer
