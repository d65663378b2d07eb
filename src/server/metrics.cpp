#include "server/metrics.hpp"

#include <fmt/format.h>

namespace negotiateup::server {
namespace {

constexpr std::array<std::string_view, 7> kRouteNames = {"page",    "api",    "asset",  "health",
                                                         "metrics", "reload", "refused"};

}  // namespace

RouteClass route_class(std::string_view target) {
  if (target.starts_with("/api/")) return RouteClass::api;
  if (target.starts_with("/assets/")) return RouteClass::asset;
  if (target == "/healthz") return RouteClass::health;
  if (target == "/metrics") return RouteClass::metrics;
  if (target.starts_with("/_reload")) return RouteClass::reload;
  return RouteClass::page;
}

void Metrics::count_request(RouteClass route, int status,
                            std::chrono::steady_clock::duration took) {
  if (status >= kFirstStatus && status < kFirstStatus + static_cast<int>(kStatuses)) {
    const auto index = static_cast<std::size_t>(route) * kStatuses +
                       static_cast<std::size_t>(status - kFirstStatus);
    requests_[index].fetch_add(1, std::memory_order_relaxed);
  }
  const auto nanoseconds = std::chrono::duration_cast<std::chrono::nanoseconds>(took).count();
  const double seconds = static_cast<double>(nanoseconds) / 1e9;
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  latency_[bucket].fetch_add(1, std::memory_order_relaxed);
  latency_sum_ns_.fetch_add(static_cast<std::uint64_t>(nanoseconds), std::memory_order_relaxed);
}

void Metrics::count_reload(bool ok) {
  (ok ? reloads_ : reload_failures_).fetch_add(1, std::memory_order_relaxed);
}

std::string Metrics::text() const {
  std::string out;
  auto line = std::back_inserter(out);
  fmt::format_to(line,
                 "# HELP negotiateup_requests_total Requests answered, by route class and "
                 "status.\n# TYPE negotiateup_requests_total counter\n");
  for (std::size_t route = 0; route < kRoutes; ++route) {
    for (std::size_t status = 0; status < kStatuses; ++status) {
      const auto count = requests_[route * kStatuses + status].load(std::memory_order_relaxed);
      if (count == 0) continue;
      fmt::format_to(line, "negotiateup_requests_total{{route=\"{}\",status=\"{}\"}} {}\n",
                     kRouteNames[route], status + kFirstStatus, count);
    }
  }
  fmt::format_to(line,
                 "# HELP negotiateup_request_seconds Time from a request's headers to its "
                 "answer written.\n# TYPE negotiateup_request_seconds histogram\n");
  std::uint64_t cumulative = 0;
  for (std::size_t bucket = 0; bucket <= kBuckets.size(); ++bucket) {
    cumulative += latency_[bucket].load(std::memory_order_relaxed);
    if (bucket < kBuckets.size()) {
      fmt::format_to(line, "negotiateup_request_seconds_bucket{{le=\"{}\"}} {}\n", kBuckets[bucket],
                     cumulative);
    } else {
      fmt::format_to(line, "negotiateup_request_seconds_bucket{{le=\"+Inf\"}} {}\n", cumulative);
    }
  }
  fmt::format_to(line, "negotiateup_request_seconds_sum {:.6f}\n",
                 static_cast<double>(latency_sum_ns_.load(std::memory_order_relaxed)) / 1e9);
  fmt::format_to(line, "negotiateup_request_seconds_count {}\n", cumulative);
  fmt::format_to(line,
                 "# HELP negotiateup_reloads_total Catalog reloads that replaced the site.\n"
                 "# TYPE negotiateup_reloads_total counter\nnegotiateup_reloads_total {}\n",
                 reloads_.load(std::memory_order_relaxed));
  fmt::format_to(line,
                 "# HELP negotiateup_reload_failures_total Reloads that failed; the old site "
                 "stayed.\n# TYPE negotiateup_reload_failures_total counter\n"
                 "negotiateup_reload_failures_total {}\n",
                 reload_failures_.load(std::memory_order_relaxed));
  fmt::format_to(line,
                 "# HELP negotiateup_connections Open client connections.\n"
                 "# TYPE negotiateup_connections gauge\nnegotiateup_connections {}\n",
                 connections());
  return out;
}

}  // namespace negotiateup::server
