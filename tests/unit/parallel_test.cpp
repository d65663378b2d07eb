// core/parallel.hpp: the one helper every parallel loop runs through.
#include "core/parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace negotiateup::core {
namespace {

TEST(Jobs, TheNumberGivenElseTheCoresNeverMoreThanTheItemsAtLeastOne) {
  EXPECT_EQ(Jobs{3}.threads_for(10), 3U);
  EXPECT_EQ(Jobs{3}.threads_for(2), 2U);
  EXPECT_EQ(Jobs{3}.threads_for(0), 1U);
  EXPECT_EQ(Jobs{0}.threads_for(10), 1U);
  EXPECT_EQ(Jobs{200}.threads_for(1000), 200U);  // more than the cores when asked
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  EXPECT_EQ(Jobs{}.threads_for(1'000'000), cores);
  EXPECT_EQ(Jobs{}.threads_for(1), 1U);
  EXPECT_FALSE(Jobs{1}.allow_background());
  EXPECT_TRUE(Jobs{2}.allow_background());
}

TEST(ParallelFor, RunsEveryItemExactlyOnce) {
  for (const std::size_t count : {0UL, 1UL, 2UL, 7UL, 1000UL}) {
    for (unsigned jobs = 1; jobs <= 8; ++jobs) {
      std::vector<std::atomic<int>> runs(count);
      parallel_for(count, Jobs{jobs}, [&](std::size_t i) { ++runs.at(i); });
      for (std::size_t i = 0; i < count; ++i) {
        EXPECT_EQ(runs[i].load(), 1) << "item " << i << " of " << count << ", jobs " << jobs;
      }
    }
  }
}

TEST(ParallelForChunks, CoversEveryItemOnceInChunksOfTheSizeAsked) {
  for (const std::size_t count : {0UL, 1UL, 9UL, 10UL, 1001UL}) {
    for (unsigned jobs = 1; jobs <= 8; ++jobs) {
      std::vector<std::atomic<int>> runs(count);
      std::atomic<int> short_chunks{0};
      parallel_for_chunks(count, 10, Jobs{jobs}, [&](std::size_t from, std::size_t to) {
        EXPECT_LT(from, to);
        EXPECT_EQ(from % 10, 0U);
        if (to - from != 10) {
          EXPECT_EQ(to, count);
          ++short_chunks;
        }
        for (std::size_t i = from; i < to; ++i) ++runs.at(i);
      });
      for (std::size_t i = 0; i < count; ++i) EXPECT_EQ(runs[i].load(), 1) << i;
      EXPECT_EQ(short_chunks.load(), count % 10 != 0 ? 1 : 0);
    }
  }
}

// The threads that ran items, the calling one among them.
std::set<std::thread::id> threads_used(std::size_t count, Jobs jobs) {
  std::mutex mutex;
  std::set<std::thread::id> ids;
  parallel_for(count, jobs, [&](std::size_t) {
    {
      const std::lock_guard lock(mutex);
      ids.insert(std::this_thread::get_id());
    }
    // Long enough that every thread started gets items.
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  });
  return ids;
}

TEST(ParallelFor, NeverUsesMoreThreadsThanTheJobsOrTheItems) {
  for (unsigned jobs = 1; jobs <= 8; ++jobs) {
    EXPECT_LE(threads_used(64, Jobs{jobs}).size(), jobs);
    EXPECT_LE(threads_used(3, Jobs{jobs}).size(), std::min(jobs, 3U));
  }
  const auto one = threads_used(64, Jobs{1});
  ASSERT_EQ(one.size(), 1U);
  EXPECT_EQ(*one.begin(), std::this_thread::get_id());
}

TEST(ParallelFor, UsesAsManyThreadsAsTheJobsAtOnce) {
  // Each item waits until four items run at once: only four threads get there.
  constexpr unsigned kJobs = 4;
  std::atomic<unsigned> running{0};
  std::atomic<bool> all_met{true};
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  parallel_for(kJobs, Jobs{kJobs}, [&](std::size_t) {
    ++running;
    while (running.load() < kJobs) {
      if (std::chrono::steady_clock::now() > give_up) {
        all_met = false;
        return;
      }
      std::this_thread::yield();
    }
  });
  EXPECT_TRUE(all_met.load());
}

TEST(ParallelFor, AnExceptionInAnItemReachesTheCaller) {
  for (unsigned jobs = 1; jobs <= 8; ++jobs) {
    std::atomic<std::size_t> done{0};
    try {
      parallel_for(1000, Jobs{jobs}, [&](std::size_t i) {
        if (i == 37) throw std::runtime_error("item 37 failed");
        std::this_thread::sleep_for(std::chrono::microseconds(50));
        ++done;
      });
      ADD_FAILURE() << "nothing thrown with jobs " << jobs;
    } catch (const std::runtime_error& error) {
      EXPECT_STREQ(error.what(), "item 37 failed");
    }
    // No item is started once one has thrown: the other threads finish the one
    // they are on, far from all 1,000.
    EXPECT_LT(done.load(), 500U) << "jobs " << jobs;
    if (jobs == 1) {
      EXPECT_EQ(done.load(), 37U);
    }
  }
}

TEST(ParallelFor, OneOfSeveralExceptionsReachesTheCaller) {
  EXPECT_THROW(
      parallel_for(100, Jobs{4}, [](std::size_t i) { throw std::out_of_range(std::to_string(i)); }),
      std::out_of_range);
}

TEST(InBackground, OnItsOwnThreadUnlessOneJob) {
  const auto caller = std::this_thread::get_id();
  std::atomic<bool> ran{false};
  auto deferred = in_background(Jobs{1}, [&] {
    ran = true;
    return std::this_thread::get_id();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_FALSE(ran.load());  // with one job, only get() runs it
  EXPECT_EQ(deferred.get(), caller);
  EXPECT_NE(in_background(Jobs{2}, [] { return std::this_thread::get_id(); }).get(), caller);
  auto failing = in_background(Jobs{2}, []() -> int { throw std::runtime_error("no"); });
  EXPECT_THROW(failing.get(), std::runtime_error);
}

}  // namespace
}  // namespace negotiateup::core
