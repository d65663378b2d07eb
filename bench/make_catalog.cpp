// Writes a synthetic catalog for benchmarks: N companies x R roles x G regions,
// figures drawn from a fixed-seed generator so that every run builds the same
// catalog. Not demo data: every band is marked illustrative.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdint>
#include <random>

#include "catalog/catalog_files.hpp"
#include "synthetic_catalog.hpp"
#include "io/atomic_files.hpp"

namespace {

using namespace negotiateup;

// std::mt19937_64's output is fixed by the standard; the distributions are not,
// so figures are derived from raw draws.
std::int64_t draw(std::mt19937_64& random, std::int64_t low, std::int64_t high, std::int64_t step) {
  const auto span = static_cast<std::uint64_t>((high - low) / step + 1);
  return low + static_cast<std::int64_t>(random() % span) * step;
}

catalog::Catalog make_catalog(int companies, int roles, int regions, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  catalog::Catalog catalog;
  const char* currencies[] = {"USD", "EUR", "GBP", "USD", "EUR", "CHF"};
  for (int g = 0; g < regions; ++g) {
    catalog.regions.push_back(catalog::Region{fmt::format("region-{}", g),
                                              fmt::format("Region {}", g),
                                              *core::Currency::from_code(currencies[g % 6]),
                                              {}, std::nullopt, {}});
  }
  catalog.regions.push_back(catalog::Region{
      "remote", "Remote", *core::Currency::from_code("USD"), {},
      core::GeoRule{"region-0", core::Percent::whole(60), core::Percent::whole(100), true}, {}});
  for (int r = 0; r < roles; ++r) {
    catalog.roles.push_back(catalog::Role{fmt::format("role-{}", r), fmt::format("Role {}", r),
                                          bench::bench_role_family(r),
                                          {}});
  }
  for (int c = 0; c < companies; ++c) {
    catalog::Company company;
    company.slug = fmt::format("company-{}", c);
    company.name = fmt::format("Company {}", c);
    company.stage = bench::bench_company_stage(c);
    company.dna_summary = "Equity Upside | Steady Base | Fast Growth";
    company.narrative.dna = "A synthetic company for benchmarks.";
    company.narrative.leverage_title = "Delivery as Leverage";
    company.narrative.leverage = "Shipped work counts most here.";
    company.narrative.script = "I have shipped systems like yours and can show the results.";
    if (c + 1 < companies) company.peers.push_back(fmt::format("company-{}", c + 1));
    catalog.companies.push_back(std::move(company));
  }
  for (int c = 0; c < companies; ++c) {
    for (int r = 0; r < roles; ++r) {
      catalog::CompanyRole guide;
      guide.company = fmt::format("company-{}", c);
      guide.role = fmt::format("role-{}", r);
      guide.last_updated = core::parse_date("2026-02-23").value();
      guide.level_mapping.internal = fmt::format("L{}", r);
      if (c + 1 < companies) {
        guide.level_mapping.equivalents.push_back(
            catalog::LevelEquivalent{fmt::format("company-{}", c + 1), fmt::format("L{}", r), {}});
      }
      for (int g = 0; g < regions; ++g) {
        catalog::RegionBand band;
        band.region = fmt::format("region-{}", g);
        const auto base_low = draw(random, 60'000, 200'000, 1'000);
        band.base = core::Band{base_low, base_low + draw(random, 10'000, 60'000, 1'000)};
        const auto stock_low = draw(random, 20'000, 300'000, 5'000);
        band.stock = core::Band{stock_low, stock_low + draw(random, 20'000, 200'000, 5'000)};
        if (random() % 2 == 0) band.bonus_pct = core::Percent::whole(draw(random, 5, 20, 1));
        band.quarter = core::Quarter{2025, 4};
        band.quality = core::DataQuality::illustrative;
        band.sources = {"synthetic benchmark data"};
        guide.bands.push_back(std::move(band));
      }
      catalog::RegionBand remote;  // follows its geo rule
      remote.region = "remote";
      guide.bands.push_back(std::move(remote));
      catalog.guides.push_back(std::move(guide));
    }
  }
  return catalog;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Write a synthetic catalog for benchmarks"};
  int companies = 2000;
  int roles = 50;
  int regions = 5;
  std::uint64_t seed = 42;
  std::string out;
  app.add_option("--companies", companies)->capture_default_str();
  app.add_option("--roles", roles)->capture_default_str();
  app.add_option("--regions", regions)->capture_default_str();
  app.add_option("--seed", seed)->capture_default_str();
  app.add_option("--out", out)->required();
  CLI11_PARSE(app, argc, argv);
  const auto catalog = make_catalog(companies, roles, regions, seed);
  if (auto valid = catalog::validate_catalog(catalog); !valid) {
    fmt::print(stderr, "{}\n", valid.error().to_string());
    return 1;
  }
  const auto written = io::write_files_atomically(out, catalog::catalog_files(catalog, out),
                                                  io::Durability::unflushed);
  if (!written) {
    fmt::print(stderr, "{}\n", written.error().to_string());
    return 1;
  }
  fmt::print("{} guides ({} companies x {} roles x {} regions + remote) in {}\n",
             catalog.guides.size(), companies, roles, regions, out);
  return 0;
}
