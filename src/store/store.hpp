#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/data_point.hpp"
#include "core/enum_names.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"

namespace negotiateup::store {

// The figures of one stored point that `aggregate` reads. The views are valid
// only during the call that receives them.
struct StoredFigures {
  core::Date date;
  std::string_view company;
  std::string_view role;
  std::string_view region;
  std::string_view level;     // empty when the point has none
  std::string_view currency;  // ISO 4217 code
  std::string_view source;
  std::string_view flags;  // comma-separated, empty when none
  std::int64_t base = 0;
  std::int64_t stock_per_year = 0;
  std::int64_t bonus = 0;
};

// What makes two points the same point: 128 bits of a hash of all their fields.
struct ContentHash {
  std::uint64_t high = 0;
  std::uint64_t low = 0;
  friend bool operator==(const ContentHash&, const ContentHash&) = default;
  // As both stores keep it: 16 bytes, big-endian, `high` first.
  std::array<char, 16> bytes() const {
    std::array<char, 16> out{};
    for (int i = 0; i < 8; ++i) {
      out[static_cast<std::size_t>(i)] = static_cast<char>(high >> (56 - 8 * i));
      out[static_cast<std::size_t>(8 + i)] = static_cast<char>(low >> (56 - 8 * i));
    }
    return out;
  }
};

// XXH3-128 of all the point's fields joined by \x1f: the one hash that makes a
// point stored twice a duplicate (ingest, and an approved submission). `text` is
// the caller's buffer, reused from point to point.
ContentHash content_hash(const core::DataPoint& point, std::string& text);

// Submissions (docs/submissions.md): points people send through the site. They
// are kept apart from the data points, pending, until a moderator approves them;
// only then does `aggregate` see them.
enum class SubmissionStatus { pending, approved, rejected };
inline constexpr core::EnumName<SubmissionStatus> kSubmissionStatusNames[] = {
    {SubmissionStatus::pending, "pending"},
    {SubmissionStatus::approved, "approved"},
    {SubmissionStatus::rejected, "rejected"}};
constexpr std::span<const core::EnumName<SubmissionStatus>> names_of(SubmissionStatus) {
  return kSubmissionStatusNames;
}

// The source of every submission's point. Each approved submission is a person's
// own report: aggregate counts it as a source of its own for the policy's
// max_source_share (docs/aggregate.md), not as one provider.
inline constexpr std::string_view kSubmissionSource = "negotiateup submission";

// The company that market-wide points are stored under: data that names no
// employer (the aijobs profile's). It is no catalog company, and no submission
// may name it (ingest/submission.hpp).
inline constexpr std::string_view kMarketCompany = "market";

// A submission as stored. Nothing in it says who sent it.
struct Submission {
  std::int64_t id = 0;
  SubmissionStatus status = SubmissionStatus::pending;
  std::chrono::sys_seconds received;
  std::string reason;     // the moderator's, empty while pending
  core::DataPoint point;  // as submitted, with the flags validation gave it
};

// What a store keeps of a submission's edit/delete token: its SHA-256, never the
// token itself.
using TokenHash = std::array<std::uint8_t, 32>;

// Where data points are kept: SQLite embedded (the default) or PostgreSQL shared.
// Both have the same schema, upgraded by versioned migrations when opened. Every
// member function may throw core::Exception: operational when the database fails
// (locked past the busy timeout, disk full, connection lost), bad input when a
// file is no negotiateup database.
class Store {
 public:
  virtual ~Store() = default;

  // One file's points, all or none: nothing is visible to others, or kept after a
  // crash, until commit().
  class Batch {
   public:
    virtual ~Batch() = default;
    // Stores the points, in order, each with its content hash: gives each one's
    // new id, or 0 when a point with the same hash is already stored (before, or
    // earlier in this batch). A chunk at a time lets a store look hashes up
    // together and send points in one round trip.
    virtual std::vector<std::int64_t> add(std::span<const core::DataPoint> points,
                                          std::span<const ContentHash> hashes) = 0;
    // One point: its new id, or nothing for a duplicate.
    std::optional<std::int64_t> add(const core::DataPoint& point, const ContentHash& hash) {
      const auto id = add(std::span(&point, 1), std::span(&hash, 1)).front();
      return id != 0 ? std::optional(id) : std::nullopt;
    }
    // Adds a flag to a point added in this batch (found suspicious only once the
    // whole file has been read).
    virtual void flag(std::int64_t id, std::string_view flag) = 0;
    virtual void commit() = 0;  // a batch not committed is rolled back when destroyed
  };

  // `expected_points`, how many points the caller means to add (0 when it cannot
  // tell), lets a store load a batch larger than what it holds in bulk.
  virtual std::unique_ptr<Batch> begin(std::size_t expected_points) = 0;
  virtual std::size_t count() = 0;
  // Every point in the order it was stored.
  virtual void for_each(const std::function<void(const core::DataPoint&)>& visit) = 0;
  // The points dated from `first` to `last` inclusive, in no particular order.
  virtual void scan_figures(core::Date first, core::Date last,
                            const std::function<void(const StoredFigures&)>& visit) = 0;
  // How many points each company name has, as stored (every spelling apart), in
  // no particular order.
  virtual std::vector<std::pair<std::string, std::size_t>> company_counts() = 0;
  virtual int schema_version() = 0;

  // A new pending submission: its id, or nothing when a submission with the same
  // content hash was received at `duplicates_since` or later (the same form sent
  // twice). Checked and stored in one transaction: of two identical submissions
  // sent at once, one is stored.
  virtual std::optional<std::int64_t> add_submission(const core::DataPoint& point,
                                                     const TokenHash& token,
                                                     std::chrono::sys_seconds received,
                                                     std::chrono::sys_seconds duplicates_since) = 0;
  // The submissions with this status (all of them without one), oldest first.
  virtual std::vector<Submission> submissions(std::optional<SubmissionStatus> status) = 0;
  // Sets the status of each submission in `ids`, with the moderator's reason, in
  // one transaction. An approved submission's point joins the data points (with
  // its submission id as an attribute, so that two people who report the same
  // figures are two points); one rejected after approval leaves them again. Gives
  // the ids that name no submission (nothing is changed then).
  virtual std::vector<std::int64_t> decide(std::span<const std::int64_t> ids,
                                           SubmissionStatus status, std::string_view reason) = 0;
  // Deletes a submission, and its data point when approved, if `token` is its
  // token's hash; false (nothing deleted) otherwise.
  virtual bool delete_submission(std::int64_t id, const TokenHash& token) = 0;
};

// A file path or "sqlite:PATH" (SQLite, the file created when missing), or
// "postgresql://..." (a libpq connection URI). A URL or a file that is no store
// is bad input; a database that cannot be reached, opened or written is an
// operational error. `jobs`: the threads a store may use for its own work
// (SQLite sorts a batch's hashes on two). `lock_wait`: how long a SQLite
// statement waits for another process's write (an ingest, an aggregate) before
// it fails.
inline constexpr std::chrono::milliseconds kDefaultLockWait = std::chrono::seconds(30);
core::Result<std::unique_ptr<Store>> open_store(
    std::string_view url, core::Jobs jobs = {},
    std::chrono::milliseconds lock_wait = kDefaultLockWait);
// The same for a command that only reads a store (aggregate, unresolved): a
// SQLite file that does not exist is bad input, and is not created.
core::Result<std::unique_ptr<Store>> open_existing_store(
    std::string_view url, core::Jobs jobs = {},
    std::chrono::milliseconds lock_wait = kDefaultLockWait);

}  // namespace negotiateup::store
