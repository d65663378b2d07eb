#pragma once

// What /metrics reports, in Prometheus' text format: counted with atomics on the
// request path, so that no thread waits for another to count.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace negotiateup::server {

enum class RouteClass { page, api, asset, health, metrics, reload, refused };

// The class of a request target, for the request counters.
RouteClass route_class(std::string_view target);

class Metrics {
 public:
  void count_request(RouteClass route, int status, std::chrono::steady_clock::duration took);
  void count_reload(bool ok);
  void connection_opened() { connections_.fetch_add(1, std::memory_order_relaxed); }
  void connection_closed() { connections_.fetch_sub(1, std::memory_order_relaxed); }
  std::int64_t connections() const { return connections_.load(std::memory_order_relaxed); }

  std::string text() const;

 private:
  static constexpr std::size_t kRoutes = 7;
  static constexpr int kFirstStatus = 100;
  static constexpr std::size_t kStatuses = 500;  // 100 to 599
  // Upper bounds in seconds, as Prometheus' default buckets go, finer at the
  // bottom where answers from memory are.
  static constexpr std::array<double, 12> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                      0.01,   0.025,   0.05,   0.1,   0.5,    1.0};

  std::array<std::atomic<std::uint64_t>, kRoutes * kStatuses> requests_{};
  std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> latency_{};  // last: +Inf
  std::atomic<std::uint64_t> latency_sum_ns_{0};
  std::atomic<std::uint64_t> reloads_{0};
  std::atomic<std::uint64_t> reload_failures_{0};
  std::atomic<std::int64_t> connections_{0};
};

}  // namespace negotiateup::server
