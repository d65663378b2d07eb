#include <gtest/gtest.h>

#include <cmath>

#include "catalog/catalog_files.hpp"
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
  const auto tranches = offer_tranches(*t.equity);
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
      equity(EquityType::public_rsu, 100003, {25, 25, 25, 25}, 12, VestingFrequency::monthly));
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

catalog::Catalog demo_catalog() {
  auto catalog = catalog::load_catalog(test::tests_dir().parent_path() / "catalog");
  EXPECT_TRUE(catalog.has_value());
  return *catalog;
}

std::string example() {
  return test::read_file(test::tests_dir().parent_path() / "examples" / "offer-hugging-face.json");
}

// The evaluator asks for what the guide asks for: the same policy and rounding.
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
  EXPECT_EQ(r.ask_equity, guide.equity_ask);
  EXPECT_EQ(r.floor_base, guide.base_floor);
  EXPECT_EQ(r.floor_equity, guide.equity_floor);
  EXPECT_EQ(r.signing_bonus, 15000);  // the first year's cash gap to Google: 105K - 90K
  EXPECT_NEAR(*evaluation->positions.base_percentile, 100.0 * 12 / 27, 1e-9);
  const auto& google = evaluation->competing.at(0);
  EXPECT_EQ(google.four_year.guaranteed_cash, 420000);
  EXPECT_EQ(google.four_year.nominal_total, 780000);  // 4 x (105K + 90K)
  EXPECT_NE(r.script.find("€780K over four years"), std::string::npos) << r.script;
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

}  // namespace
}  // namespace negotiateup::offer
