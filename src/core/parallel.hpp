#pragma once

// The one way work is shared between threads: every loop over independent items
// (catalog files, guides, index pages, audited files, aggregate groups, simulated
// paths) runs through parallel_for or parallel_for_chunks, and a Jobs says how many
// threads it may take.
//
// How --jobs reaches the loops: as a parameter. A command turns --jobs into a Jobs
// and hands it to every module function that runs a loop (catalog::load_catalog,
// catalog::load_catalog_cached, render::BuildOptions, audit::audit_files,
// offer::SimulationSettings, aggregate::aggregate_points, store::open_store), which
// pass it down; nothing is set globally, so a test gives each call its own. Where
// such a function defaults it, the default is Jobs{}: every core.
//
// Results must not depend on the number of threads: work(i) writes only what
// belongs to item i, and the caller combines the items in their order.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <future>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace negotiateup::core {

// How many threads a loop may use: the number given (--jobs), else the number of
// cores; a loop never starts more threads than it has items, and uses at least 1.
class Jobs {
 public:
  Jobs() = default;  // every core
  explicit Jobs(unsigned given) : given_(std::max(1u, given)) {}

  // The threads, the calling one included, for a loop over `items` items.
  unsigned threads_for(std::size_t items) const {
    const unsigned limit = given_ != 0 ? given_ : cores();
    return static_cast<unsigned>(std::clamp<std::size_t>(items, 1, limit));
  }
  // Whether work may run on a thread beside the calling one (not with --jobs 1).
  bool allow_background() const { return threads_for(2) > 1; }

 private:
  static unsigned cores() {
    static const unsigned count = std::max(1u, std::thread::hardware_concurrency());
    return count;
  }
  unsigned given_ = 0;  // 0: every core
};

// Runs work(i) exactly once for every i below count, on jobs.threads_for(count)
// threads, the calling one among them; items are handed out one at a time. With
// one thread it is a plain loop. When work throws, no further item is started,
// and the first exception thrown is rethrown here once every thread has stopped.
template <typename Work>
void parallel_for(std::size_t count, Jobs jobs, Work&& work) {
  const unsigned threads = jobs.threads_for(count);
  if (threads == 1) {
    for (std::size_t i = 0; i < count; ++i) work(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  const auto run = [&] {
    try {
      for (std::size_t i = next++; i < count && !failed; i = next++) work(i);
    } catch (...) {
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      failed = true;
    }
  };
  {
    std::vector<std::jthread> helpers;  // joined at the end of the block
    helpers.reserve(threads - 1);
    for (unsigned t = 1; t < threads; ++t) helpers.emplace_back(run);
    run();
  }
  if (failure) std::rethrow_exception(failure);
}

// work(from, to) for the consecutive chunks of `chunk` items that cover [0, count)
// (the last one shorter), as parallel_for runs items: for items too small to hand
// out one at a time, or that share scratch space.
template <typename Work>
void parallel_for_chunks(std::size_t count, std::size_t chunk, Jobs jobs, Work&& work) {
  chunk = std::max<std::size_t>(1, chunk);
  parallel_for((count + chunk - 1) / chunk, jobs,
               [&](std::size_t c) { work(c * chunk, std::min(count, (c + 1) * chunk)); });
}

// A task that overlaps the caller's own work (reading a file while the catalog is
// listed): on a thread of its own when the jobs allow more than one thread, else
// run by the first get() on the calling thread.
template <typename Task>
std::future<std::invoke_result_t<std::decay_t<Task>>> in_background(Jobs jobs, Task&& task) {
  const auto policy = jobs.allow_background() ? std::launch::async : std::launch::deferred;
  return std::async(policy, std::forward<Task>(task));
}

}  // namespace negotiateup::core
