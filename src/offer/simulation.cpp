#include "offer/simulation.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <random>

#include "core/equity_value.hpp"
#include "offer/vesting.hpp"

namespace negotiateup::offer {
namespace {

constexpr std::size_t kChunk = 1 << 14;  // paths per independently seeded stream

class Draws {
 public:
  Draws(std::uint64_t seed, std::uint64_t stream, std::uint64_t chunk) {
    std::seed_seq sequence{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                           static_cast<std::uint32_t>(stream), static_cast<std::uint32_t>(chunk)};
    engine_.seed(sequence);
  }
  // In (0, 1): 53 random bits, never 0 so that log() is defined.
  double uniform() { return (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53; }
  // Marsaglia's polar method (no sine or cosine), keeping the second value for the
  // next call. Every step is plain arithmetic on the engine's output, so the same
  // seed gives the same normals on every machine with IEEE doubles.
  double normal() {
    if (spare_) {
      spare_ = false;
      return second_;
    }
    double u = 0;
    double v = 0;
    double s = 0;
    do {
      // Both coordinates from one 64-bit draw: 32 bits each is far finer than a
      // simulation of pay can tell, and it halves the generator's work.
      const std::uint64_t bits = engine_();
      u = (static_cast<double>(bits >> 32) + 0.5) * 0x1.0p-31 - 1.0;
      v = (static_cast<double>(bits & 0xffff'ffffu) + 0.5) * 0x1.0p-31 - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double factor = std::sqrt(-2.0 * std::log(s) / s);
    second_ = v * factor;
    spare_ = true;
    return u * factor;
  }

 private:
  std::mt19937_64 engine_;
  double second_ = 0;
  bool spare_ = false;
};

double ratio(core::Percent percent) {
  return static_cast<double>(percent.hundredths) / 10'000.0;
}

// What the tranches count: options one by one, RSUs by their value at grant.
std::int64_t vesting_amount(const Equity& equity) {
  return equity.type == EquityType::private_options ? equity.share_count.value_or(0)
                                                    : equity.grant_value;
}

}  // namespace

PathValues simulate_equity(const OfferTerms& terms, const core::Policy::EquityRisk& risk,
                           const SimulationSettings& settings, std::uint64_t stream) {
  PathValues values(settings.paths);
  if (!terms.equity || settings.paths == 0) {
    std::fill(values.begin(), values.end(), 0.0);
    return values;
  }
  const auto& equity = *terms.equity;
  const bool options = equity.type == EquityType::private_options;
  // What vests in each year of the horizon: value at grant, or options.
  std::array<double, kYears> by_year{};
  double vested = 0;
  for (const auto& tranche : offer_tranches(equity, vesting_amount(equity))) {
    by_year[static_cast<std::size_t>((tranche.month - 1) / 12)] +=
        static_cast<double>(tranche.amount);
    vested += static_cast<double>(tranche.amount);
  }
  const double sigma = ratio(risk.volatility);
  const double drift = ratio(risk.drift);
  const double liquidity = ratio(risk.liquidity);
  const double log_multiple = std::log(std::max(1e-9, ratio(risk.exit_multiple)));
  const double exit_sigma = ratio(risk.volatility);
  // Dilution compounds: (1 - d)^t = exp(t log(1 - d)), folded into the exit's exponent.
  const double log_keep_per_year = std::log(1.0 - ratio(risk.dilution));
  // Options: each vested option is worth the sale price less the strike.
  const double strike = options ? static_cast<double>(*equity.strike_price_cents) / 100.0 : 0;
  const double preferred = options ? static_cast<double>(preferred_price_cents(equity)) / 100.0 : 0;

  const auto run_chunk = [&](std::size_t chunk) {
    Draws draws(settings.seed, stream, chunk);
    const std::size_t end = std::min(settings.paths, (chunk + 1) * kChunk);
    for (std::size_t path = chunk * kChunk; path < end; ++path) {
      double value = 0;
      if (equity.type == EquityType::public_rsu) {
        double log_price = 0;
        for (std::size_t year = 0; year < kYears; ++year) {
          log_price += drift - sigma * sigma / 2.0 + sigma * draws.normal();
          value += by_year[year] * std::exp(log_price);
        }
      } else {
        // Only an exit needs its date and value: most paths draw one number.
        if (draws.uniform() < liquidity) {
          const double years_to_exit = draws.uniform() * kYears;
          const double z = draws.normal();
          // The exit multiple after dilution, in one exponential.
          const double diluted =
              std::exp(log_multiple + exit_sigma * z + years_to_exit * log_keep_per_year);
          if (equity.type == EquityType::private_rsu) {
            value = vested * diluted;
          } else {
            value = vested * std::max(0.0, preferred * diluted - strike);
          }
        }
      }
      values[path] = value;
    }
  };
  core::parallel_for((settings.paths + kChunk - 1) / kChunk, settings.jobs, run_chunk);
  return values;
}

double expected_vesting(const OfferTerms& terms, const core::Policy::EquityRisk& risk, int year) {
  if (!terms.equity) return 0;
  const auto& equity = *terms.equity;
  double amount = 0;
  for (const auto& tranche : offer_tranches(equity, vesting_amount(equity))) {
    if ((tranche.month - 1) / 12 + 1 == year) amount += static_cast<double>(tranche.amount);
  }
  switch (equity.type) {
    case EquityType::public_rsu:
      return amount * std::exp(ratio(risk.drift) * year);
    case EquityType::private_rsu:
      return amount * core::private_equity_ratio(risk, kYears);
    case EquityType::private_options:
      return amount * core::expected_option_value(
                          risk, static_cast<double>(preferred_price_cents(equity)) / 100.0,
                          static_cast<double>(equity.strike_price_cents.value_or(0)) / 100.0,
                          kYears);
  }
  return 0;
}

Distribution distribution(PathValues& values, double plus) {
  Distribution result;
  if (values.empty()) return Distribution{plus, plus, plus, plus};
  double sum = 0;
  for (const double v : values) sum += v;
  result.mean = sum / static_cast<double>(values.size()) + plus;
  // Nearest ranks (with this many paths, interpolating would not move a whole
  // unit). Values are never negative, and most private-equity paths are 0 (no
  // exit): those are set apart first, and only the rest is searched.
  const auto positive =
      std::partition(values.begin(), values.end(), [](double v) { return v <= 0; });
  const auto rank = [&](double q) {
    return values.begin() +
           static_cast<std::ptrdiff_t>(q * static_cast<double>(values.size() - 1) + 0.5);
  };
  const auto select = [&](PathValues::iterator at, PathValues::iterator first,
                          PathValues::iterator last) {
    if (at >= positive) std::nth_element(std::max(first, positive), at, last);
  };
  // Each selection searches only the side of the median its rank lies on, and
  // leaves the median's element where it is: after the median's selection,
  // everything right of it is at least as large.
  const auto median = rank(0.50);
  select(median, values.begin(), values.end());
  select(rank(0.10), values.begin(), median);
  if (rank(0.90) > median) select(rank(0.90), median + 1, values.end());
  result.p10 = *rank(0.10) + plus;
  result.p50 = *median + plus;
  result.p90 = *rank(0.90) + plus;
  return result;
}

}  // namespace negotiateup::offer
