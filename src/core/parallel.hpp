#pragma once

// Work shared out over the machine's cores, for the loops that read a catalog and
// write a site; the callers' work items must not depend on each other.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace negotiateup::core {

// Runs work(i) for every i below count, on every core.
template <typename Work>
void on_every_core(std::size_t count, Work work) {
  std::atomic<std::size_t> next{0};
  const auto run = [&] {
    for (std::size_t i = next++; i < count; i = next++) work(i);
  };
  std::vector<std::jthread> workers;
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned t = 1; t < threads && t < count; ++t) workers.emplace_back(run);
  run();
}

// work(from, to) on every core for chunks of [0, count): for work too small per
// item to hand out one at a time.
template <typename Work>
void on_every_chunk(std::size_t count, Work work, std::size_t chunk = 4096) {
  on_every_core((count + chunk - 1) / chunk,
                [&](std::size_t c) { work(c * chunk, std::min(count, (c + 1) * chunk)); });
}

}  // namespace negotiateup::core
