#include "server/rate_limit.hpp"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <cmath>

namespace negotiateup::server {

double RateLimiter::refilled(const Bucket& bucket, Clock::time_point now) const {
  const auto elapsed = std::chrono::duration<double, std::milli>(now - bucket.updated).count();
  const auto gained = elapsed / static_cast<double>(limit_.refill.count());
  return std::min(static_cast<double>(limit_.burst), bucket.tokens + std::max(0.0, gained));
}

void RateLimiter::forget_idle(Clock::time_point now) {
  // A full bucket says nothing a new one would not.
  std::erase_if(buckets_, [&](const auto& entry) {
    return refilled(entry.second, now) >= static_cast<double>(limit_.burst);
  });
}

std::optional<std::chrono::seconds> RateLimiter::admit(std::string_view client,
                                                       Clock::time_point now) {
  const std::lock_guard lock(mutex_);
  auto found = buckets_.find(std::string(client));
  if (found == buckets_.end()) {
    if (buckets_.size() >= limit_.max_clients) forget_idle(now);
    if (buckets_.size() >= limit_.max_clients) return std::nullopt;
    found =
        buckets_.emplace(std::string(client), Bucket{static_cast<double>(limit_.burst), now}).first;
  }
  auto& bucket = found->second;
  bucket.tokens = refilled(bucket, now);
  bucket.updated = now;
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return std::nullopt;
  }
  const auto wait_ms = (1.0 - bucket.tokens) * static_cast<double>(limit_.refill.count());
  return std::chrono::seconds(
      std::max<long long>(1, static_cast<long long>(std::ceil(wait_ms / 1000.0))));
}

std::size_t RateLimiter::tracked() const {
  const std::lock_guard lock(mutex_);
  return buckets_.size();
}

std::string client_key(std::string_view address) {
  boost::system::error_code error;
  const auto parsed = boost::asio::ip::make_address(address, error);
  if (error) return std::string(address);
  if (parsed.is_v6()) {
    const auto v6 = parsed.to_v6();
    if (v6.is_v4_mapped()) {
      return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).to_string();
    }
    auto bytes = v6.to_bytes();
    std::fill(bytes.begin() + 8, bytes.end(), 0);
    return boost::asio::ip::address_v6(bytes).to_string() + "/64";
  }
  return parsed.to_string();
}

}  // namespace negotiateup::server
