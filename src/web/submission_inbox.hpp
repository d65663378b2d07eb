#pragma once

// Where the site's submissions go: the store (shared by every snapshot of the
// site, kept across reloads), the edit/delete tokens and the signed time stamp
// that tells how long the form took to fill (docs/submissions.md).

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/data_point.hpp"
#include "store/store.hpp"

namespace negotiateup::web {

struct SubmissionSettings {
  // The same figures sent again within this long are refused as a duplicate.
  std::chrono::seconds duplicate_window = std::chrono::hours(24);
  // A form sent back sooner than this after it was served was filled by a program.
  std::chrono::seconds min_fill_time{5};
  // A form older than this is served again rather than taken.
  std::chrono::seconds form_lifetime = std::chrono::hours(24);
  // The time now: the system clock unless a test sets another.
  std::function<std::chrono::sys_seconds()> clock;
};

// Thread-safe: the server's threads share one. The store is used by one thread
// at a time (a submission is one short transaction).
class SubmissionInbox {
 public:
  explicit SubmissionInbox(std::unique_ptr<store::Store> store, SubmissionSettings settings = {});

  struct Receipt {
    std::int64_t id = 0;
    std::string token;  // shown once to the submitter; the store keeps its hash
  };
  // Stores a validated point as pending; nothing when it is a duplicate. A
  // store's failure is thrown as core::Exception.
  std::optional<Receipt> add(const core::DataPoint& point);
  // Deletes a submission (and its point, when approved) if `token` is its token.
  bool remove(std::int64_t id, std::string_view token);

  // The value of the form's hidden field: when it was served, signed with a key
  // of this inbox so that it cannot be made up.
  std::string form_stamp() const;
  enum class StampCheck { ok, too_fast, expired, invalid };
  StampCheck check_stamp(std::string_view stamp) const;

  std::chrono::sys_seconds now() const;
  const SubmissionSettings& settings() const { return settings_; }

 private:
  std::string signature(std::int64_t seconds) const;

  std::mutex mutex_;
  std::unique_ptr<store::Store> store_;
  SubmissionSettings settings_;
  std::array<unsigned char, 32> key_{};  // random, per process
};

// A token as the store keeps it: the SHA-256 of its text.
store::TokenHash token_hash(std::string_view token);

}  // namespace negotiateup::web
