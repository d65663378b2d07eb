// The offer evaluator's simulation: one offer with two competing offers, at
// 1,000,000 paths (docs/benchmarks.md).
#include <benchmark/benchmark.h>

#include <fstream>
#include <iterator>

#include "catalog/catalog_files.hpp"
#include "core/parallel.hpp"
#include "offer/evaluation.hpp"

namespace {

using namespace negotiateup;

void EvaluateOfferWithTwoCompeting(benchmark::State& state) {
  const auto catalog = catalog::load_catalog(std::string(NEGOTIATEUP_DATA_DIR) + "/catalog");
  std::ifstream input(std::string(NEGOTIATEUP_DATA_DIR) + "/examples/offer-two-competing.json");
  const std::string text((std::istreambuf_iterator<char>(input)), std::istreambuf_iterator<char>());
  const auto request = offer::parse_offer_request(text, "offer-two-competing.json");
  if (!catalog || !request) {
    state.SkipWithError("cannot read the catalog or the example offer");
    return;
  }
  const offer::SimulationSettings settings{42, static_cast<std::size_t>(state.range(0)),
                                           core::Jobs{}};
  for (auto _ : state) {
    auto evaluation = offer::evaluate_offer(*request, *catalog, settings, "offer.json");
    benchmark::DoNotOptimize(evaluation);
  }
  state.counters["paths"] = static_cast<double>(state.range(0));
}
BENCHMARK(EvaluateOfferWithTwoCompeting)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
