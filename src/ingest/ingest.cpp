#include "ingest/ingest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include "core/text.hpp"
#include "ingest/peer_outliers.hpp"
#include "ingest/point_parser.hpp"
#include "ingest/records.hpp"
#include "io/atomic_files.hpp"

namespace negotiateup::ingest {
namespace {

// Rejections listed on the terminal; all of them are in the quarantine report.
constexpr std::size_t kRejectionsShown = 10;
// A row of the canonical columns takes at least this many bytes, so a file's size
// tells the store at most how many points to expect.
constexpr std::uintmax_t kFewestBytesPerPoint = 64;

// Points ready to store, and their hashes.
struct Chunk {
  std::vector<core::DataPoint> points;
  std::vector<store::ContentHash> hashes;
};
constexpr std::size_t kChunkPoints = 4096;

// Points go from the thread that reads and validates the file to the one that
// stores them, a chunk at a time. At most a few chunks wait: a slow store holds
// the reader back instead of the file piling up in memory.
class ChunkQueue {
 public:
  // False once the storing side has given up.
  bool push(Chunk chunk) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return chunks_.size() < kMostWaiting || aborted_; });
    if (aborted_) return false;
    chunks_.push_back(std::move(chunk));
    changed_.notify_all();
    return true;
  }
  // Nothing once the reader has finished and every chunk is taken.
  std::optional<Chunk> pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !chunks_.empty() || finished_; });
    if (chunks_.empty()) return std::nullopt;
    auto chunk = std::move(chunks_.front());
    chunks_.pop_front();
    changed_.notify_all();
    return chunk;
  }
  void finish() {
    std::lock_guard lock(mutex_);
    finished_ = true;
    changed_.notify_all();
  }
  void abort() {
    std::lock_guard lock(mutex_);
    aborted_ = true;
    changed_.notify_all();
  }

 private:
  static constexpr std::size_t kMostWaiting = 8;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Chunk> chunks_;
  bool finished_ = false;
  bool aborted_ = false;
};

// The kind of a rejection's reason, to count rows by: the reason without the
// values it quotes or the numbers it names. A quote opens after a character that
// is no letter nor digit and closes before one that is no quote either, so that
// an apostrophe inside a word ("the row's", 'O'Brien') neither opens nor closes
// one, and a value that ends in a quote ('it's 'so'') is left out whole.
std::string reason_kind(std::string_view reason) {
  const auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  const auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  std::string kind;
  bool quoted = false;
  for (std::size_t i = 0; i < reason.size(); ++i) {
    const char c = reason[i];
    const char before = i > 0 ? reason[i - 1] : ' ';
    const char after = i + 1 < reason.size() ? reason[i + 1] : ' ';
    if (quoted) {
      quoted = !(c == '\'' && !letter(after) && !digit(after) && after != '\'');
    } else if (c == '\'' && !letter(before) && !digit(before)) {
      kind += "'…'";
      quoted = true;
    } else if (!digit(c)) {
      kind += c;
    } else if (letter(before) || (before == '-' && i > 1 && letter(reason[i - 2]))) {
      kind += c;  // part of a word: "UTF-8", "ISO-4217"
    } else if (!digit(before)) {
      if (before == '-') kind.pop_back();  // a negative number
      kind += 'N';
    }
  }
  return kind;
}

// The reading side of an ingest: records to validated points, rejections to the
// quarantine report.
class FileReader {
 public:
  FileReader(const IngestOptions& options, IngestSummary& summary, ChunkQueue& queue)
      : options_(options), summary_(summary), queue_(queue) {
    new_chunk();
  }

  std::expected<void, core::Diagnostic> read(const std::filesystem::path& path) {
    auto read = read_records(path, header_, [&](Record& record) { visit(record); });
    if (!chunk_.points.empty()) queue_.push(std::move(chunk_));
    if (!read) return read;
    if (!setup_error_.empty())
      return std::unexpected(core::Diagnostic{path.string(), 0, setup_error_});
    return {};
  }
  std::string& rejects() { return rejects_; }
  const PeerOutliers& peers() const { return peers_; }
  // By accepted point, in order: whether it came with a flag.
  const std::vector<bool>& flagged() const { return flagged_; }
  const UnresolvedTally& unresolved() const { return unresolved_; }
  void forget_peers() { peers_ = PeerOutliers(); }

 private:
  void visit(Record& record) {
    if (!parser_ && setup_error_.empty()) setup();
    if (!parser_ || stopped_) return;
    ++summary_.read;
    // A field more or fewer than the header's is a value shifted into another
    // column (an unquoted comma, a truncated line), not a point.
    if (record.fields.size() != header_.size()) {
      return reject(record,
                    fmt::format("{}; expected {}, one per column of the header",
                                core::count_of(record.fields.size(), "field"), header_.size()));
    }
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
      if (!storable_text(record.fields[i])) {
        return reject(record, fmt::format("{} is not UTF-8 text without NUL characters",
                                          i < header_.size() ? header_[i] : "a column"));
      }
    }
    const Record* canonical = &record;
    if (options_.mapper) {
      auto fields = options_.mapper->map(record);
      if (!fields) return reject(record, fields.error());
      mapped_.number = record.number;
      mapped_.fields = std::move(*fields);
      canonical = &mapped_;
    }
    auto point = parser_->parse(*canonical);
    if (!point) return reject(record, point.error());
    if (options_.mapper) unresolved_.add(flagged_.size(), options_.mapper->unresolved());
    flagged_.push_back(!point->flags.empty());
    chunk_.hashes.push_back(store::content_hash(*point, hash_text_));
    peers_.add(*point);
    chunk_.points.push_back(std::move(*point));
    if (chunk_.points.size() == kChunkPoints) {
      stopped_ = !queue_.push(std::move(chunk_));
      new_chunk();
    }
  }

  void new_chunk() {
    chunk_ = Chunk();
    chunk_.points.reserve(kChunkPoints);
    chunk_.hashes.reserve(kChunkPoints);
  }

  void setup() {
    auto columns = header_;
    if (options_.mapper) {
      auto mapped = options_.mapper->columns(header_);
      if (!mapped) {
        setup_error_ = mapped.error();
        return;
      }
      columns = std::move(*mapped);
    }
    auto parser = PointParser::for_columns(std::move(columns), options_.vesting_years);
    if (!parser) {
      setup_error_ = parser.error();
      return;
    }
    parser_.emplace(std::move(*parser));
  }

  void reject(const Record& record, std::string reason) {
    ++summary_.rejected;
    if (rejects_.empty()) {
      std::vector<std::string> names{"record", "reason"};
      names.insert(names.end(), header_.begin(), header_.end());
      rejects_ = csv_line(names);
    }
    std::vector<std::string> row{std::to_string(record.number), reason};
    row.insert(row.end(), record.fields.begin(), record.fields.end());
    rejects_ += csv_line(row);
    ++summary_.rejected_by_reason[reason_kind(reason)];
    if (summary_.first_rejections.size() < kRejectionsShown) {
      summary_.first_rejections.push_back({record.number, std::move(reason)});
    }
  }

  const IngestOptions& options_;
  IngestSummary& summary_;  // read and rejected: this side's counts
  ChunkQueue& queue_;
  std::vector<std::string> header_;
  std::optional<PointParser> parser_;
  std::string setup_error_;
  bool stopped_ = false;  // the storing side gave up
  std::string rejects_;   // the quarantine report: record, reason, then the row as read
  Record mapped_;         // reused from row to row
  std::string hash_text_;
  PeerOutliers peers_;
  std::vector<bool> flagged_;
  UnresolvedTally unresolved_;
  Chunk chunk_;
};

}  // namespace

core::Result<IngestSummary> ingest_file(const std::filesystem::path& path, store::Store& store,
                                        const IngestOptions& options) {
  IngestSummary summary;
  std::error_code size_error;
  const auto bytes = std::filesystem::file_size(path, size_error);
  // One transaction for the whole file: rolled back unless the whole file is read.
  auto batch = store.begin(size_error ? 0 : static_cast<std::size_t>(bytes / kFewestBytesPerPoint));

  // One thread reads, validates and hashes while this one stores: each is about
  // half of the work. A pipeline of two stages that hand chunks over in file
  // order, not a loop over independent items: it keeps a thread of its own
  // whatever --jobs says (core/parallel.hpp shares out loops only).
  ChunkQueue queue;
  FileReader reader(options, summary, queue);
  std::expected<void, core::Diagnostic> read;
  std::exception_ptr reader_failure;
  std::thread reading([&] {
    try {
      read = reader.read(path);
    } catch (...) {
      reader_failure = std::current_exception();
    }
    queue.finish();
  });
  struct JoinReader {
    ChunkQueue& queue;
    std::thread& thread;
    ~JoinReader() {
      queue.abort();  // a store that failed stops the reader
      thread.join();
    }
  };
  std::vector<std::int64_t> ids;  // by accepted point: its id, or 0 for a duplicate
  {
    JoinReader join{queue, reading};
    while (auto chunk = queue.pop()) {
      const auto added = batch->add(chunk->points, chunk->hashes);
      ids.insert(ids.end(), added.begin(), added.end());
    }
  }
  if (reader_failure) std::rethrow_exception(reader_failure);
  if (!read) return std::unexpected(core::Error(read.error()));
  summary.duplicate = static_cast<std::size_t>(std::count(ids.begin(), ids.end(), 0));
  summary.stored = ids.size() - summary.duplicate;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] != 0 && reader.flagged()[i]) ++summary.flagged;  // of the points stored
  }
  auto unresolved = reader.unresolved().count(ids);
  summary.unresolved = unresolved.points;
  summary.unresolved_companies = std::move(unresolved.companies);
  summary.unresolved_roles = std::move(unresolved.roles);
  summary.unresolved_regions = std::move(unresolved.regions);
  for (const auto i : reader.peers().outliers(ids)) {
    batch->flag(ids[i], "peer-outlier");
    if (!reader.flagged()[i]) ++summary.flagged;
  }
  // Their memory, before the store's commit takes more (a bulk batch sorts its hashes).
  std::vector<std::int64_t>().swap(ids);
  reader.forget_peers();
  // The report first: rows are never committed without the report of those left out.
  if (summary.rejected > 0) {
    summary.rejects = options.rejects;
    if (auto written = io::write_file_atomically(summary.rejects, reader.rejects()); !written) {
      return std::unexpected(written.error());
    }
  }
  batch->commit();
  return summary;
}

}  // namespace negotiateup::ingest
