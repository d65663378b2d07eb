#pragma once

// A per-client rate limit for the routes that cost real work (an offer's
// simulation): a token bucket per client address, refilled at a steady rate,
// so that a candidate's bursts pass and a script's flood gets 429 with
// Retry-After. In memory, per server: behind several servers each keeps its own.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace negotiateup::server {

struct RateLimit {
  std::size_t burst = 10;                   // requests a client may make at once
  std::chrono::milliseconds refill{6'000};  // then one more per this long
  std::size_t max_clients = 100'000;        // addresses tracked at once
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  explicit RateLimiter(RateLimit limit) : limit_(limit) {}

  // Nothing when `client` may go on (and a token is spent), else how long until
  // it may: whole seconds, at least 1, as Retry-After says them. A new client
  // when `max_clients` are tracked, all of them busy, is let through untracked:
  // a flood from that many addresses is the connection cap's to stop.
  std::optional<std::chrono::seconds> admit(std::string_view client, Clock::time_point now);

  std::size_t tracked() const;

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };
  double refilled(const Bucket& bucket, Clock::time_point now) const;
  void forget_idle(Clock::time_point now);

  RateLimit limit_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

// The part of an address a limit counts: an IPv4 address whole, an IPv6
// address by its /64 (one subscriber's network; the rest is chosen at will).
std::string client_key(std::string_view address);

}  // namespace negotiateup::server
