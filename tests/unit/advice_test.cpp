// Properties of the advice over whole catalogs (issue 15): the demo catalog, and
// the 100,000-guide benchmark catalog that bench/make_catalog.cpp writes.
//   - a competing-offer lever compares the same role family, includes the peer's
//     bonus, values its equity at the peer stage's expected value, and is worth
//     more over the vesting period than the guide's own ask;
//   - no public company's guide asks for acceleration on a change of control;
//   - every region of the band table has asks (a geo-rule region computed);
//   - no product manager reads an engineer's lever;
//   - the audit finds nothing.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "audit/auditor.hpp"
#include "catalog/catalog_files.hpp"
#include "catalog/lookup.hpp"
#include "core/equity_value.hpp"
#include "core/money.hpp"
#include "render/catalog_build.hpp"
#include "test_support.hpp"

namespace negotiateup {
namespace {

namespace fs = std::filesystem;

// Phrases of the engineering family's levers that a product manager must not read.
constexpr std::string_view kEngineerOnly[] = {"Technical Leadership Premium", "technical work",
                                              "the systems you designed"};

// The catalogs' guides were all last updated before this; the audit's review
// rule is about today's date, not about what a build writes.
const core::Date kToday{std::chrono::year{2026}, std::chrono::March, std::chrono::day{1}};

struct Counts {
  std::size_t guides = 0;
  std::size_t levers = 0;
  std::size_t levers_with_bonus = 0;
  std::size_t private_peers = 0;
  std::size_t computed_regions = 0;
  std::size_t product_guides = 0;
  std::size_t public_guides = 0;
};

const catalog::RegionBand* band_named(const catalog::CompanyRole& guide,
                                      const catalog::Lookup& lookup, const std::string& name) {
  for (const auto& band : guide.bands) {
    const auto* region = lookup.region(band.region);
    if (region && region->name == name) return &band;
  }
  return nullptr;
}

Counts check_advice(const fs::path& catalog_folder, const fs::path& site, core::Jobs jobs) {
  const auto catalog = catalog::load_catalog(catalog_folder, jobs);
  EXPECT_TRUE(catalog.has_value()) << catalog.error().to_string();
  if (!catalog) return {};
  const catalog::Lookup lookup(*catalog);
  const auto& policy = catalog->policy;
  Counts counts;
  for (const auto& guide : catalog->guides) {
    const auto base = site / "guides" / guide.company / guide.role;
    const auto name = guide.company + "/" + guide.role;
    const auto json = nlohmann::json::parse(test::read_file(fs::path(base) += ".json"));
    const auto markdown = test::read_file(fs::path(base) += ".md");
    const auto& derived = json["derived"];
    const auto family = derived["role_family"].get<std::string>();
    const auto stage = derived["company_stage"].get<std::string>();
    ++counts.guides;

    // Every region of the table has asks.
    for (const auto& region : json["compensation"]) {
      const auto found =
          std::find_if(derived["regions"].begin(), derived["regions"].end(),
                       [&](const auto& asked) { return asked["region"] == region["region"]; });
      EXPECT_NE(found, derived["regions"].end()) << name << ": no asks for " << region["region"];
      if (found != derived["regions"].end() && !(*found)["computed_from"].is_null()) {
        ++counts.computed_regions;
      }
    }

    for (const auto& offer : derived["competing_offers"]) {
      ++counts.levers;
      EXPECT_EQ(offer["role_family"], family) << name;
      const auto* peer =
          lookup.guide(offer["company"].get<std::string>(), offer["role"].get<std::string>());
      const auto* band =
          peer ? band_named(*peer, lookup, offer["region"].get<std::string>()) : nullptr;
      if (band == nullptr) {
        ADD_FAILURE() << name << ": the cited peer guide has no band there";
        continue;
      }
      const auto base_pay = offer["base"].get<std::int64_t>();
      const auto bonus = offer["bonus"].get<std::int64_t>();
      // The peer's bonus is in: its target, on the typical base.
      const auto expected_bonus =
          band->bonus_pct
              ? core::round_to_step(core::divide(base_pay * band->bonus_pct->hundredths, 10'000,
                                                 core::Rounding::half_away_from_zero),
                                    policy.total_comp_step, core::Rounding::half_away_from_zero)
              : 0;
      EXPECT_EQ(bonus, expected_bonus) << name;
      if (bonus > 0) ++counts.levers_with_bonus;
      // Equity at the peer stage's expected value.
      const auto peer_stage =
          *core::parse_name<core::CompanyStage>(offer["company_stage"].get<std::string>());
      const auto per_year = offer["stock_per_year"].get<std::int64_t>();
      const auto expected_per_year = offer["expected_stock_per_year"].get<std::int64_t>();
      const double ratio = core::expected_equity_ratio(peer_stage, policy);
      EXPECT_NEAR(static_cast<double>(expected_per_year), static_cast<double>(per_year) * ratio,
                  static_cast<double>(policy.total_comp_step))
          << name;
      if (peer_stage != core::CompanyStage::public_company) ++counts.private_peers;
      const auto total = offer["multi_year_total"].get<std::int64_t>();
      EXPECT_EQ(total, policy.vesting_years * (base_pay + bonus + expected_per_year)) << name;
      // Worth more than the guide's own ask in that region.
      const auto region =
          std::find_if(derived["regions"].begin(), derived["regions"].end(),
                       [&](const auto& asked) { return asked["region"] == offer["region"]; });
      if (region == derived["regions"].end()) {
        ADD_FAILURE() << name << ": a lever for a region without asks";
        continue;
      }
      EXPECT_GT(total, (*region)["ask_multi_year_value"].get<std::int64_t>()) << name;
    }
    // A lever cites an offer the reader may hold, never asserts one.
    EXPECT_EQ(markdown.find("has offered me"), std::string::npos) << name;
    EXPECT_EQ(markdown.find("I hold competing offers"), std::string::npos) << name;

    if (stage == "public") {
      ++counts.public_guides;
      EXPECT_EQ(markdown.find("change of control"), std::string::npos) << name;
      EXPECT_EQ(markdown.find("acceleration"), std::string::npos) << name;
      for (const auto& ask : derived["extra_asks"]) {
        EXPECT_NE(ask, "double-trigger-acceleration") << name;
      }
    }
    if (family == "product") {
      ++counts.product_guides;
      for (const auto phrase : kEngineerOnly) {
        EXPECT_EQ(markdown.find(phrase), std::string::npos) << name << ": " << phrase;
      }
    }
  }

  const auto files = audit::collect_guides({site / "guides"});
  EXPECT_TRUE(files.has_value());
  if (files) {
    const auto audited = audit::audit_files(*files, audit::AuditSettings{policy, kToday}, jobs);
    EXPECT_EQ(audited.files, counts.guides);
    for (const auto& finding : audited.findings) {
      ADD_FAILURE() << finding.file << ":" << finding.line << ": " << finding.rule << ": "
                    << finding.message;
    }
  }
  return counts;
}

render::CatalogBuild build(const fs::path& catalog_folder, const fs::path& out) {
  render::BuildOptions options;
  options.out = out;
  options.today = kToday;
  options.jobs = core::Jobs{2};
  auto built = render::build_catalog(catalog_folder, test::repository() / "templates", options);
  EXPECT_TRUE(built.has_value()) << (built ? "" : built.error().to_string());
  return built ? *built : render::CatalogBuild{};
}

TEST(Advice, TheDemoCatalogsAdviceHoldsEveryProperty) {
  const auto out = test::fresh_folder("advice-demo");
  build(test::repository() / "catalog", out / "site");
  const auto counts = check_advice(test::repository() / "catalog", out / "site", core::Jobs{2});
  EXPECT_EQ(counts.guides, 54u);
  // The properties were exercised, not vacuously true.
  EXPECT_GT(counts.levers, 20u);
  EXPECT_GT(counts.levers_with_bonus, 5u);
  EXPECT_GT(counts.private_peers, 5u);
  EXPECT_GT(counts.computed_regions, 20u);
  EXPECT_EQ(counts.product_guides, 9u);
  EXPECT_EQ(counts.public_guides, 24u);
  fs::remove_all(out);
}

// 2,000 companies x 50 roles: every role family and company stage (bench/
// synthetic_catalog.hpp), figures drawn at random. 300,000 files: in memory
// (/dev/shm) where there is one, so that the test measures the advice, not a disk.
TEST(Advice, TheBenchmarkCatalogsAdviceHoldsEveryProperty) {
  const fs::path memory = "/dev/shm";
  const auto out = fs::is_directory(memory)
                       ? memory / ("negotiateup-test-advice-" + std::to_string(::getpid()))
                       : test::fresh_folder("advice-benchmark");
  const auto command = fmt::format("'{}' --out '{}' > /dev/null", NEGOTIATEUP_BENCH_CATALOG,
                                   (out / "catalog").string());
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  build(out / "catalog", out / "site");
  const auto counts = check_advice(out / "catalog", out / "site", core::Jobs{2});
  EXPECT_EQ(counts.guides, 100'000u);
  EXPECT_GT(counts.levers, 10'000u);
  EXPECT_GT(counts.levers_with_bonus, 1'000u);
  EXPECT_GT(counts.private_peers, 1'000u);
  EXPECT_GT(counts.computed_regions, 50'000u);
  EXPECT_GT(counts.product_guides, 10'000u);
  fs::remove_all(out);
}

}  // namespace
}  // namespace negotiateup
