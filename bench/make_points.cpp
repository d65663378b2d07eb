// Writes synthetic pay data points for the data-pipeline benchmark
// (docs/benchmarks.md): CSV in the canonical columns of docs/data-points.md, for
// companies x roles x regions (2,000 x 30 x 10 by default), every figure drawn
// from a fixed-seed generator so that every run writes the same file. A few
// percent are odd on purpose (zero base, ten-times outliers, an unknown currency)
// so that ingest's validation and flags have work. Optionally writes a small
// catalog whose companies, roles and regions are a subset of the points' slugs.
// Not demo data: every band is marked illustrative.
#include <fmt/compile.h>
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "catalog/catalog_files.hpp"
#include "synthetic_catalog.hpp"
#include "io/atomic_files.hpp"

namespace {

using namespace negotiateup;

// std::mt19937_64's output is fixed by the standard; the distributions are not,
// so every figure is derived from raw draws by the transforms below.
__extension__ typedef unsigned __int128 Wide;  // GCC's, without a -Wpedantic warning

class Draws {
 public:
  explicit Draws(std::uint64_t seed) : random_(seed) {}
  // Uniform in [0, n): the high half of a 64 x 64-bit product (no modulo bias worth
  // the name, and no division).
  std::uint64_t below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<Wide>(random_()) * n) >> 64);
  }
  // Uniform in [0, 1) with 53 bits.
  double unit() { return static_cast<double>(random_() >> 11) * 0x1.0p-53; }
  double between(double low, double high) { return low + (high - low) * unit(); }
  // Triangular on [low, high], peaked in the middle: pay is rarely at the edges.
  double around(double low, double high) { return low + (high - low) * (unit() + unit()) / 2; }

 private:
  std::mt19937_64 random_;
};

std::int64_t round_to(double value, std::int64_t step) {
  return static_cast<std::int64_t>(std::llround(value / static_cast<double>(step))) * step;
}

// What stays fixed for a company, a role, a region.
struct CompanyModel {
  std::string slug;
  double pay = 1;          // multiplies the role's base
  double stock_share = 0;  // yearly stock as a share of base; 0: no stock
  double bonus_share = 0;  // yearly bonus as a share of base
};
struct RoleModel {
  std::string slug;
  double base = 0;  // a mid-level base in a 1.0 region
};
struct RegionModel {
  std::string slug;
  const char* currency;
  double pay = 1;
};

constexpr std::array kLevels{"L3", "L4", "L5", "L6", "L7"};
constexpr std::array kLevelPay{0.80, 0.92, 1.05, 1.20, 1.38};
constexpr std::array kSources{"levels.fyi", "glassdoor", "blind", "survey-2025"};
// Each region's currency is fixed; the pay level is drawn around the currency's.
constexpr std::array kRegionCurrencies{"USD", "USD", "EUR", "GBP", "EUR",
                                       "USD", "EUR", "GBP", "USD", "EUR"};

struct Model {
  std::vector<CompanyModel> companies;
  std::vector<RoleModel> roles;
  std::vector<RegionModel> regions;

  // The typical (mid-level, no noise) figures of one group.
  double base(std::size_t c, std::size_t r, std::size_t g) const {
    return roles[r].base * companies[c].pay * regions[g].pay;
  }
};

Model make_model(int companies, int roles, int regions, Draws& draws) {
  Model model;
  for (int g = 0; g < regions; ++g) {
    const char* currency =
        kRegionCurrencies[static_cast<std::size_t>(g) % kRegionCurrencies.size()];
    const std::string_view code = currency;
    const double pay = code == "USD"   ? draws.between(0.95, 1.25)
                       : code == "GBP" ? draws.between(0.65, 0.85)
                                       : draws.between(0.55, 0.80);
    model.regions.push_back(RegionModel{fmt::format("region-{:02}", g + 1), currency, pay});
  }
  for (int r = 0; r < roles; ++r) {
    model.roles.push_back(
        RoleModel{fmt::format("role-{:02}", r + 1), draws.between(100'000, 180'000)});
  }
  for (int c = 0; c < companies; ++c) {
    CompanyModel company{fmt::format("company-{:04}", c + 1), draws.between(0.85, 1.20), 0, 0};
    // One company in six grants no stock; the others between 10 % and 90 % of base.
    if (draws.below(6) != 0) company.stock_share = draws.between(0.10, 0.90);
    company.bonus_share = draws.below(4) == 0 ? 0.0 : draws.between(0.05, 0.20);
    model.companies.push_back(std::move(company));
  }
  return model;
}

// "2025-01-01" .. "2025-12-31": every day of the four quarters.
std::vector<std::string> days_of(int year) {
  constexpr std::array kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  std::vector<std::string> days;
  for (int month = 1; month <= 12; ++month) {
    const int count = kDays[static_cast<std::size_t>(month - 1)] + (month == 2 && leap ? 1 : 0);
    for (int day = 1; day <= count; ++day)
      days.push_back(fmt::format("{}-{:02}-{:02}", year, month, day));
  }
  return days;
}

struct FileCloser {
  void operator()(std::FILE* file) const {
    if (file != stdout) std::fclose(file);
  }
};

// `source`: every row's, or empty for a few names at random.
int write_points(const Model& model, std::int64_t rows, Draws& draws, const std::string& out,
                 const std::string& source) {
  std::unique_ptr<std::FILE, FileCloser> file(out == "-" ? stdout : std::fopen(out.c_str(), "wb"));
  if (!file) {
    fmt::print(stderr, "cannot write {}\n", out);
    return 1;
  }
  // Rows are formatted into one buffer and written in large blocks.
  constexpr std::size_t kBlock = 4 << 20;
  fmt::memory_buffer buffer;
  buffer.reserve(kBlock + 4096);
  const auto flush = [&] {
    if (std::fwrite(buffer.data(), 1, buffer.size(), file.get()) != buffer.size()) return false;
    buffer.clear();
    return true;
  };
  const auto days = days_of(2025);
  const std::uint64_t groups = model.companies.size() * model.roles.size() * model.regions.size();
  fmt::format_to(std::back_inserter(buffer),
                 "date,company,role,level,region,currency,base,stock_per_year,bonus,source\n");
  for (std::int64_t row = 0; row < rows; ++row) {
    const auto group = draws.below(groups);
    const auto g = group % model.regions.size();
    const auto r = group / model.regions.size() % model.roles.size();
    const auto c = group / model.regions.size() / model.roles.size();
    const auto& company = model.companies[c];
    const auto& region = model.regions[g];
    const auto day = draws.below(days.size());
    const auto level = draws.below(kLevels.size());
    const double base_pay = model.base(c, r, g) * kLevelPay[level] * draws.around(0.80, 1.20);
    auto base = round_to(base_pay, 500);
    auto stock = round_to(base_pay * company.stock_share * draws.around(0.5, 1.5), 500);
    auto bonus = round_to(base_pay * company.bonus_share * draws.around(0.7, 1.3), 100);
    const char* currency = region.currency;
    // Oddities, about 3 % in all: 2 % zero base ("not reported"), 1 % ten times
    // too high (a typo, or a grant counted as yearly), 0.1 % an unknown currency
    // (rejected by ingest; the other tools load it as text).
    const auto odd = draws.below(1000);
    if (odd < 20) {
      base = 0;
    } else if (odd < 30) {
      base *= 10;
      stock *= 10;
      bonus *= 10;
    } else if (odd == 30) {
      currency = "ZZZ";
    }
    fmt::format_to(std::back_inserter(buffer), FMT_COMPILE("{},{},{},{},{},{},{},{},{},{}\n"),
                   days[day], company.slug, model.roles[r].slug, kLevels[level], region.slug,
                   currency, base, stock, bonus,
                   source.empty() ? std::string_view(kSources[draws.below(kSources.size())])
                                  : std::string_view(source));
    if (buffer.size() >= kBlock && !flush()) break;
  }
  if (!flush() || std::fflush(file.get()) != 0) {
    fmt::print(stderr, "cannot write {}\n", out);
    return 1;
  }
  return 0;
}

// A catalog of the first `companies` companies with every role and region: each
// guide's bands are the model's typical figures (a little off, as last quarter's
// figures would be), so an aggregate of the points has changes to report.
catalog::Catalog make_catalog(const Model& model, std::size_t companies) {
  catalog::Catalog catalog;
  for (const auto& region : model.regions) {
    catalog.regions.push_back(catalog::Region{region.slug,
                                              "Region " + region.slug.substr(7),
                                              *core::Currency::from_code(region.currency),
                                              {},
                                              std::nullopt,
                                              {}});
  }
  for (std::size_t r = 0; r < model.roles.size(); ++r) {
    catalog.roles.push_back(
        catalog::Role{model.roles[r].slug,
                      "Role " + model.roles[r].slug.substr(5),
                      bench::bench_role_family(static_cast<int>(r)),
                      {}});
  }
  for (std::size_t c = 0; c < companies && c < model.companies.size(); ++c) {
    catalog::Company company;
    company.slug = model.companies[c].slug;
    company.name = "Company " + company.slug.substr(8);
    company.stage =
        bench::bench_company_stage(static_cast<int>(c));
    catalog.companies.push_back(std::move(company));
  }
  for (std::size_t c = 0; c < catalog.companies.size(); ++c) {
    for (std::size_t r = 0; r < model.roles.size(); ++r) {
      catalog::CompanyRole guide;
      guide.company = model.companies[c].slug;
      guide.role = model.roles[r].slug;
      guide.last_updated = core::parse_date("2025-10-01").value();
      for (std::size_t g = 0; g < model.regions.size(); ++g) {
        catalog::RegionBand band;
        band.region = model.regions[g].slug;
        const double base = model.base(c, r, g) * 0.97;
        band.base = core::Band{round_to(base * 0.90, 1000), round_to(base * 1.15, 1000)};
        if (const double share = model.companies[c].stock_share; share > 0) {
          band.stock = core::Band{round_to(base * share * 4 * 0.80, 1000),
                                  round_to(base * share * 4 * 1.20, 1000)};
        }
        if (const double share = model.companies[c].bonus_share; share > 0) {
          band.bonus_pct =
              core::Percent::whole(static_cast<std::int64_t>(std::lround(share * 100)));
        }
        band.quarter = core::Quarter{2025, 3};
        band.quality = core::DataQuality::illustrative;
        band.sources = {"synthetic benchmark data"};
        guide.bands.push_back(std::move(band));
      }
      catalog.guides.push_back(std::move(guide));
    }
  }
  return catalog;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Write synthetic pay data points (CSV, canonical columns) for benchmarks"};
  std::int64_t rows = 10'000'000;
  int companies = 2000;
  int roles = 30;
  int regions = 10;
  std::uint64_t seed = 42;
  std::string out = "-";
  std::string catalog_dir;
  int catalog_companies = 10;
  std::string source;
  app.add_option("--rows", rows, "Data points to write")->capture_default_str();
  app.add_option("--companies", companies)->capture_default_str()->check(CLI::Range(1, 9999));
  app.add_option("--roles", roles)->capture_default_str()->check(CLI::Range(1, 99));
  app.add_option("--regions", regions)->capture_default_str()->check(CLI::Range(1, 99));
  app.add_option("--seed", seed)->capture_default_str();
  app.add_option("--out", out, "CSV file, - for standard output")->capture_default_str();
  app.add_option("--catalog", catalog_dir,
                 "Also write a catalog of the first --catalog-companies companies, every role "
                 "and region, to this folder");
  app.add_option("--catalog-companies", catalog_companies)->capture_default_str();
  app.add_option("--source", source,
                 "Every row's source (\"negotiateup submission\": approved submissions, as "
                 "the store keeps them); by default a few survey names at random");
  CLI11_PARSE(app, argc, argv);

  Draws draws(seed);
  const auto model = make_model(companies, roles, regions, draws);
  if (!catalog_dir.empty()) {
    const auto catalog = make_catalog(model, static_cast<std::size_t>(catalog_companies));
    if (auto valid = catalog::validate_catalog(catalog); !valid) {
      fmt::print(stderr, "{}\n", valid.error().to_string());
      return 1;
    }
    const auto written = io::write_files_atomically(catalog_dir, catalog::catalog_files(catalog, catalog_dir),
                                                    io::Durability::unflushed);
    if (!written) {
      fmt::print(stderr, "{}\n", written.error().to_string());
      return 1;
    }
    fmt::print(stderr, "{} guides ({} companies x {} roles x {} regions) in {}\n",
               catalog.guides.size(), catalog.companies.size(), roles, regions, catalog_dir);
  }
  // The points come from their own generator, so that the catalog option does not
  // change them.
  Draws point_draws(seed + 1);
  return write_points(model, rows, point_draws, out, source);
}
