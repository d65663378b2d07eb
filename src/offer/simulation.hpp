#pragma once

#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "core/parallel.hpp"
#include "core/policy.hpp"
#include "offer/offer_request.hpp"

namespace negotiateup::offer {

// A vector whose resize leaves doubles uninitialized: a million paths are all
// written by the simulation's threads, so zeroing them first on one thread is waste.
template <typename T>
struct UninitializedAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  UninitializedAllocator() = default;
  template <typename U>
  UninitializedAllocator(const UninitializedAllocator<U>&) noexcept {}
  template <typename U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
  // A million paths are 8 MB written once: in 2 MiB pages the kernel maps them
  // with a few faults instead of two thousand.
  T* allocate(std::size_t n) {
    constexpr std::size_t kHugePage = std::size_t{2} << 20;
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) return std::allocator<T>::allocate(n);
    void* memory = std::aligned_alloc(kHugePage, (bytes + kHugePage - 1) / kHugePage * kHugePage);
    if (!memory) throw std::bad_alloc();
    ::madvise(memory, bytes, MADV_HUGEPAGE);
    return static_cast<T*>(memory);
  }
  void deallocate(T* p, std::size_t n) {
    if (n * sizeof(T) < (std::size_t{2} << 20)) return std::allocator<T>::deallocate(p, n);
    std::free(p);
  }
};
using PathValues = std::vector<double, UninitializedAllocator<double>>;

struct SimulationSettings {
  std::uint64_t seed = 42;
  std::size_t paths = 100'000;
  core::Jobs jobs;  // the threads that simulate paths and select percentiles
};

// The value each path gives the equity that vests within the horizon, in the
// offer's currency (a statistic, not money: rounded only when reported).
// - public RSUs: the share price follows a geometric Brownian motion with the
//   policy's drift and volatility, sampled at each year end; what vests in a year
//   is valued at that year's closing price;
// - private RSUs and options: with the policy's probability an exit happens within
//   the horizon, at a lognormal multiple of today's value (the grant's), after
//   dilution for the years until then; without an exit the equity is worth 0 within
//   the horizon. Options are worth the exit price less the strike, per share.
// Reproducible: chunks of paths draw from std::mt19937_64 (whose output the standard
// fixes) seeded from (seed, stream, chunk), turned into uniforms and normals by our
// own code, so the same input and seed give the same figures whatever the threads.
PathValues simulate_equity(const OfferTerms& terms, const core::Policy::EquityRisk& risk,
                           const SimulationSettings& settings, std::uint64_t stream);

// What vests in `year` (1 to kYears), at its expected value under the model above,
// in closed form (core/equity_value.hpp): listed shares grown by the drift to that
// year's end; private shares by core::private_equity_ratio over the horizon (a sale
// within it values everything that vests within it); options, one by one, by
// core::expected_option_value. The simulation's mean converges to the sum of the
// years (tests/unit/offer_test.cpp).
double expected_vesting(const OfferTerms& terms, const core::Policy::EquityRisk& risk, int year);

struct Distribution {
  double mean = 0;
  double p10 = 0;
  double p50 = 0;
  double p90 = 0;
};

// Of `values` plus a constant; reorders `values` (no copy of a million paths).
Distribution distribution(PathValues& values, double plus);

}  // namespace negotiateup::offer
