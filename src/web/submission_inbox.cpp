#include "web/submission_inbox.hpp"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <charconv>
#include <stdexcept>

#include "core/error.hpp"

namespace negotiateup::web {
namespace {

constexpr std::size_t kTokenBytes = 16;      // 128 bits: never guessed
constexpr std::size_t kSignatureHexes = 32;  // 128 bits of the HMAC

std::string hex(const unsigned char* bytes, std::size_t size) {
  std::string text;
  text.reserve(2 * size);
  for (std::size_t i = 0; i < size; ++i)
    fmt::format_to(std::back_inserter(text), "{:02x}", bytes[i]);
  return text;
}

void random_bytes(unsigned char* bytes, std::size_t size) {
  if (RAND_bytes(bytes, static_cast<int>(size)) != 1) {
    throw core::Exception(core::Error::operational("the random number generator",
                                                   "OpenSSL could not produce random bytes"));
  }
}

}  // namespace

store::TokenHash token_hash(std::string_view token) {
  store::TokenHash hash{};
  unsigned int size = 0;
  if (EVP_Digest(token.data(), token.size(), hash.data(), &size, EVP_sha256(), nullptr) != 1 ||
      size != hash.size()) {
    throw std::runtime_error("SHA-256 failed");
  }
  return hash;
}

SubmissionInbox::SubmissionInbox(std::unique_ptr<store::Store> store, SubmissionSettings settings)
    : store_(std::move(store)), settings_(std::move(settings)) {
  random_bytes(key_.data(), key_.size());
}

std::chrono::sys_seconds SubmissionInbox::now() const {
  if (settings_.clock) return settings_.clock();
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::optional<SubmissionInbox::Receipt> SubmissionInbox::add(const core::DataPoint& point) {
  std::array<unsigned char, kTokenBytes> bytes{};
  random_bytes(bytes.data(), bytes.size());
  auto token = hex(bytes.data(), bytes.size());
  const auto received = now();
  const std::lock_guard lock(mutex_);
  const auto id = store_->add_submission(point, token_hash(token), received,
                                         received - settings_.duplicate_window);
  if (!id) return std::nullopt;
  return Receipt{*id, std::move(token)};
}

bool SubmissionInbox::remove(std::int64_t id, std::string_view token) {
  const auto hash = token_hash(token);
  const std::lock_guard lock(mutex_);
  return store_->delete_submission(id, hash);
}

std::string SubmissionInbox::signature(std::int64_t seconds) const {
  const auto message = std::to_string(seconds);
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int size = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(), &size);
  return hex(mac.data(), kSignatureHexes / 2);
}

std::string SubmissionInbox::form_stamp() const {
  const auto seconds = now().time_since_epoch().count();
  return fmt::format("{}.{}", seconds, signature(seconds));
}

SubmissionInbox::StampCheck SubmissionInbox::check_stamp(std::string_view stamp) const {
  const auto dot = stamp.find('.');
  if (dot == std::string_view::npos) return StampCheck::invalid;
  std::int64_t seconds = 0;
  const auto [end, error] = std::from_chars(stamp.data(), stamp.data() + dot, seconds);
  if (error != std::errc() || end != stamp.data() + dot) return StampCheck::invalid;
  const auto expected = signature(seconds);
  const auto given = stamp.substr(dot + 1);
  if (given.size() != expected.size() ||
      CRYPTO_memcmp(given.data(), expected.data(), expected.size()) != 0) {
    return StampCheck::invalid;
  }
  const auto age = now() - std::chrono::sys_seconds(std::chrono::seconds(seconds));
  if (age < settings_.min_fill_time) return StampCheck::too_fast;
  if (age > settings_.form_lifetime) return StampCheck::expired;
  return StampCheck::ok;
}

}  // namespace negotiateup::web
