#include <absl/container/flat_hash_map.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <stdexcept>
#include <tuple>

#include "core/parallel.hpp"
#include "core/text.hpp"
#include "store/backends.hpp"

namespace negotiateup::store {
namespace {

// SQLite's failure as the error a user reads: what the store was, what happened
// and, where SQLite's code tells, what to do.
core::Exception sqlite_error(sqlite3* db, const std::string& message) {
  const char* file = db != nullptr ? sqlite3_db_filename(db, "main") : nullptr;
  std::string where = file != nullptr && *file != '\0' ? fmt::format("sqlite:{}", file)
                                                       : std::string("the SQLite store");
  switch (db != nullptr ? sqlite3_errcode(db) & 0xff : SQLITE_ERROR) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return core::Exception(core::Error::operational(
          std::move(where), message,
          "another process is writing to this database; run the command again once it has "
          "finished"));
    case SQLITE_FULL:
      return core::Exception(core::Error::operational(
          std::move(where), message, "free space on that disk, then run the command again"));
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      return core::Exception(core::Error::operational(
          std::move(where), message,
          "check that the file's folder exists and that both are writable by this user"));
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return core::Exception(core::Error::bad_input(
          std::move(where), message + "; expected a negotiateup SQLite database or a new file"));
    default:
      return core::Exception(core::Error::operational(std::move(where), message));
  }
}

// Each migration moves the schema one version up; applied in order on open.
constexpr std::array kMigrations{
    R"sql(
CREATE TABLE data_points (
  id INTEGER PRIMARY KEY,
  content_hash TEXT NOT NULL UNIQUE,
  date TEXT NOT NULL,
  company TEXT NOT NULL,
  role TEXT NOT NULL,
  level TEXT,
  region TEXT NOT NULL,
  currency TEXT NOT NULL,
  base INTEGER NOT NULL,
  stock_per_year INTEGER NOT NULL,
  bonus INTEGER NOT NULL,
  source TEXT NOT NULL,
  attributes TEXT NOT NULL,
  flags TEXT NOT NULL
);
CREATE INDEX data_points_group ON data_points (company, role, region, date);
)sql",
    // 2: the group index went: aggregate reads a window with one scan, and keeping the
    // index up to date halved the speed of ingest.
    R"sql(
DROP INDEX IF EXISTS data_points_group;
)sql",
    // 3: the content hashes in a table of their own, as 16 bytes instead of 32 hex
    // digits, ordered by hash: a bulk batch appends its new hashes in order once
    // the points are in, instead of placing each in an index at random.
    R"sql(
CREATE TABLE content_hashes (
  hash BLOB PRIMARY KEY,
  point_id INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO content_hashes
  SELECT negotiateup_unhex(content_hash), id FROM data_points ORDER BY 1;
CREATE TABLE data_points_v3 (
  id INTEGER PRIMARY KEY,
  date TEXT NOT NULL,
  company TEXT NOT NULL,
  role TEXT NOT NULL,
  level TEXT,
  region TEXT NOT NULL,
  currency TEXT NOT NULL,
  base INTEGER NOT NULL,
  stock_per_year INTEGER NOT NULL,
  bonus INTEGER NOT NULL,
  source TEXT NOT NULL,
  attributes TEXT NOT NULL,
  flags TEXT NOT NULL
);
INSERT INTO data_points_v3
  SELECT id, date, company, role, level, region, currency, base, stock_per_year, bonus, source,
         attributes, flags
  FROM data_points ORDER BY id;
DROP TABLE data_points;
ALTER TABLE data_points_v3 RENAME TO data_points;
)sql",
    // 4: submissions, kept apart from the data points until approved (point_id).
    R"sql(
CREATE TABLE submissions (
  id INTEGER PRIMARY KEY,
  status TEXT NOT NULL,
  received INTEGER NOT NULL,
  reason TEXT NOT NULL,
  token_hash BLOB NOT NULL,
  content_hash BLOB NOT NULL,
  point_id INTEGER,
  date TEXT NOT NULL,
  company TEXT NOT NULL,
  role TEXT NOT NULL,
  level TEXT,
  region TEXT NOT NULL,
  currency TEXT NOT NULL,
  base INTEGER NOT NULL,
  stock_per_year INTEGER NOT NULL,
  bonus INTEGER NOT NULL,
  source TEXT NOT NULL,
  attributes TEXT NOT NULL,
  flags TEXT NOT NULL
);
CREATE INDEX submissions_by_hash ON submissions (content_hash, received);
CREATE INDEX submissions_by_status ON submissions (status, id);
)sql",
};

// Migration 3's conversion of a hash written as 32 hex digits to its 16 bytes.
void unhex(sqlite3_context* context, int, sqlite3_value** arguments) {
  const auto* text = sqlite3_value_text(arguments[0]);
  const auto size = sqlite3_value_bytes(arguments[0]);
  std::array<unsigned char, 16> bytes{};
  const auto digit = [](unsigned char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (int i = 0; text != nullptr && size == 32 && i < 16; ++i) {
    const int high = digit(text[2 * i]);
    const int low = digit(text[2 * i + 1]);
    if (high < 0 || low < 0) break;
    bytes[static_cast<std::size_t>(i)] = static_cast<unsigned char>(high * 16 + low);
    if (i == 15) return sqlite3_result_blob(context, bytes.data(), 16, SQLITE_TRANSIENT);
  }
  sqlite3_result_error(context, "a content hash that is not 32 lower-case hex digits", -1);
}

// Pages of 64 KiB rather than SQLite's 4 KiB: an ingest appends rows and an
// aggregate reads them all, and both go faster with fewer, larger pages (inserting
// 1,000,000 points: 0.65 s against 1.17 s in the sqlite3 shell).
constexpr int kPageSize = 65536;

// Rows per INSERT in a batch: one statement's step and reset, and one pass of its
// program's setup, for many rows. Hashes are small rows, inserted in order at a
// bulk batch's commit, alone on the critical path.
constexpr int kPointsPerInsert = 64;
constexpr int kHashesPerInsert = 1024;
constexpr int kPointColumns = 13;
constexpr int kHashColumns = 2;

// INSERT INTO `table_and_columns` VALUES (?, ...), ... for `rows` rows.
std::string insert_sql(std::string_view table_and_columns, int columns, int rows) {
  std::string row = "(?";
  for (int c = 1; c < columns; ++c) row += ", ?";
  row += ")";
  std::string sql = fmt::format("INSERT INTO {} VALUES {}", table_and_columns, row);
  for (int r = 1; r < rows; ++r) sql += ", " + row;
  return sql;
}
constexpr std::string_view kPointsTable =
    "data_points (id, date, company, role, level, region, currency, base, stock_per_year, bonus, "
    "source, attributes, flags)";
constexpr std::string_view kHashesTable = "content_hashes (hash, point_id)";

// A stored content hash (a 16-byte blob).
ContentHash read_hash(sqlite3_stmt* statement, int column) {
  const auto* bytes = static_cast<const unsigned char*>(sqlite3_column_blob(statement, column));
  if (bytes == nullptr || sqlite3_column_bytes(statement, column) != 16) {
    throw core::Exception(core::Error::operational(
        "the SQLite store", "a stored content hash is not 16 bytes", "the database is damaged"));
  }
  ContentHash hash;
  for (int i = 0; i < 8; ++i) {
    hash.high = (hash.high << 8) | bytes[i];
    hash.low = (hash.low << 8) | bytes[8 + i];
  }
  return hash;
}

// The 12 columns of a point from date to flags, as parameters at+1 to at+12.
// SQLITE_STATIC: the point, `date` and `flags` outlive the statement's step.
void bind_point_fields(sqlite3_stmt* s, int at, const core::DataPoint& p, std::string& date,
                       std::string& flags) {
  const auto text = [&](int column, std::string_view value) {
    sqlite3_bind_text(s, at + column, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  };
  date = core::format_date(p.date);
  flags = core::join_flags(p.flags);
  text(1, date);
  text(2, p.company);
  text(3, p.role);
  if (p.level) {
    text(4, *p.level);
  } else {
    sqlite3_bind_null(s, at + 4);
  }
  text(5, p.region);
  text(6, p.currency.code());
  sqlite3_bind_int64(s, at + 7, p.base);
  sqlite3_bind_int64(s, at + 8, p.stock_per_year);
  sqlite3_bind_int64(s, at + 9, p.bonus);
  text(10, p.source);
  text(11, p.attributes);
  text(12, flags);
}
constexpr std::string_view kPointFields =
    "date, company, role, level, region, currency, base, stock_per_year, bonus, source, "
    "attributes, flags";

// The point in the 12 columns kPointFields from `first` on: stored by this
// program, so always a valid date and currency.
core::DataPoint read_point(sqlite3_stmt* s, int first) {
  const auto column = [&](int i) {
    const auto* text = sqlite3_column_text(s, first + i);
    return text ? std::string(reinterpret_cast<const char*>(text)) : std::string();
  };
  core::DataPoint p{*core::parse_date(column(0)),
                    column(1),
                    column(2),
                    std::nullopt,
                    column(4),
                    *core::Currency::from_code(column(5)),
                    sqlite3_column_int64(s, first + 6),
                    sqlite3_column_int64(s, first + 7),
                    sqlite3_column_int64(s, first + 8),
                    column(9),
                    column(10),
                    {}};
  if (sqlite3_column_type(s, first + 3) != SQLITE_NULL) p.level = column(3);
  p.flags = core::split_flags(column(11));
  return p;
}

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) {
      throw sqlite_error(db, sqlite3_errmsg(db));
    }
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt* get() { return statement_; }

 private:
  sqlite3_stmt* statement_ = nullptr;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(const std::string& path, core::Jobs jobs, std::chrono::milliseconds lock_wait)
      : jobs_(jobs) {
    // NOMUTEX: a store is used by one thread at a time, and the serialized mode's
    // mutex on every column read was a tenth of a scan.
    if (sqlite3_open_v2(path.c_str(), &db_.handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
      throw sqlite_error(db_, fmt::format("cannot open {}: {}", path,
                                          db_ ? sqlite3_errmsg(db_) : "out of memory"));
    }
    // Another writer (a second ingest, an aggregate) is waited for before a
    // statement gives up, from the first statement on: setting WAL takes a lock.
    sqlite3_busy_timeout(db_, static_cast<int>(lock_wait.count()));
    // The page size counts only when the file is made: see kPageSize. WAL: readers go
    // on while a batch is written; FULL sync: a committed batch survives a crash.
    exec(fmt::format("PRAGMA page_size = {}", kPageSize).c_str());
    exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
    sqlite3_create_function(db_, "negotiateup_unhex", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                            nullptr, unhex, nullptr, nullptr);
    migrate();
    const auto prepare = [&](std::string_view table, int columns, int rows,
                             std::string_view tail = "") {
      return std::make_unique<Statement>(
          db_, (insert_sql(table, columns, rows) + std::string(tail)).c_str());
    };
    insert_point_ = prepare(kPointsTable, kPointColumns, 1);
    insert_points_ = prepare(kPointsTable, kPointColumns, kPointsPerInsert);
    insert_hash_ = prepare(kHashesTable, kHashColumns, 1);
    insert_hashes_ = prepare(kHashesTable, kHashColumns, kHashesPerInsert);
    insert_new_hash_ = prepare(kHashesTable, kHashColumns, 1, " ON CONFLICT (hash) DO NOTHING");
    add_flag_ = std::make_unique<Statement>(
        db_,
        "UPDATE data_points SET flags = CASE flags WHEN '' THEN ?2 ELSE flags || ',' || ?2 END "
        "WHERE id = ?1");
  }

  // A batch at least as large as the store is loaded in bulk: duplicates are found
  // among the hashes in memory, and the new hashes go into their table at commit,
  // in order. Placing each random hash in an index larger than the cache cost a
  // page read and write per point (7x the time of sqlite3's .import), and building
  // the index once with CREATE INDEX after the points still cost a sixth of an
  // ingest. A smaller batch checks each point against the table, which is cheaper
  // than reading the whole store's hashes.
  class SqliteBatch final : public Batch {
   public:
    SqliteBatch(SqliteStore& store, std::size_t expected_points) : store_(store) {
      store_.exec("BEGIN IMMEDIATE");
      // The write lock is held: no one else takes ids until the batch ends.
      const auto stored = store_.integer("SELECT ifnull(max(id), 0) FROM data_points");
      first_id_ = next_id_ = stored + 1;
      bulk_ = expected_points > 0 && expected_points >= static_cast<std::size_t>(stored);
      if (!bulk_) {
        // The hash pages a batch touches, at random, stay in this cache instead of
        // spilling to the WAL and being read back. A bulk batch appends, and is faster
        // with the default cache.
        store_.exec("PRAGMA cache_size = -262144");
        return;
      }
      hashes_.reserve(static_cast<std::size_t>(stored) + expected_points);
      Statement stored_hashes(store_.db_, "SELECT hash FROM content_hashes");
      while (sqlite3_step(stored_hashes.get()) == SQLITE_ROW) {
        hashes_.emplace(read_hash(stored_hashes.get(), 0), kStoredBefore);
      }
    }
    ~SqliteBatch() override {
      if (!done_) sqlite3_exec(store_.db_, "ROLLBACK", nullptr, nullptr, nullptr);
      sqlite3_exec(store_.db_, "PRAGMA cache_size = -2000", nullptr, nullptr, nullptr);
    }
    std::vector<std::int64_t> add(std::span<const core::DataPoint> points,
                                  std::span<const ContentHash> hashes) override {
      // In bulk, each hash's place in the table in memory is fetched a few points
      // ahead of its look-up: one by one, each look-up was a cache miss, an eighth
      // of an ingest.
      constexpr std::size_t kAhead = 16;
      if (bulk_) {
        for (std::size_t i = 0; i < std::min(kAhead, hashes.size()); ++i)
          hashes_.prefetch(hashes[i]);
      }
      std::vector<std::int64_t> ids;
      ids.reserve(points.size());
      std::vector<const core::DataPoint*> pending;  // new points not yet inserted
      for (std::size_t i = 0; i < points.size(); ++i) {
        if (bulk_ && i + kAhead < hashes.size()) hashes_.prefetch(hashes[i + kAhead]);
        const auto id = new_id(hashes[i]);
        ids.push_back(id);
        if (id == 0) continue;
        pending.push_back(&points[i]);
        if (pending.size() == kPointsPerInsert) {
          insert_points(pending, id - kPointsPerInsert + 1);
          pending.clear();
        }
      }
      insert_points(pending, next_id_ - static_cast<std::int64_t>(pending.size()));
      return ids;
    }
    void flag(std::int64_t id, std::string_view flag) override {
      auto* s = store_.add_flag_->get();
      sqlite3_reset(s);
      sqlite3_bind_int64(s, 1, id);
      sqlite3_bind_text(s, 2, flag.data(), static_cast<int>(flag.size()), SQLITE_TRANSIENT);
      if (sqlite3_step(s) != SQLITE_DONE)
        throw sqlite_error(store_.db_, sqlite3_errmsg(store_.db_));
    }
    void commit() override {
      if (bulk_) insert_new_hashes();
      store_.exec("COMMIT");
      done_ = true;
    }

   private:
    static constexpr std::int64_t kStoredBefore = 0;  // ids start at 1
    struct HashOfHash {
      std::size_t operator()(const ContentHash& hash) const { return hash.low; }  // uniform already
    };
    using HashAndId = std::pair<ContentHash, std::int64_t>;

    // The id a point with this hash gets, or 0 for a duplicate. Ids follow one
    // another: the points are inserted, in order, by insert_points.
    std::int64_t new_id(const ContentHash& hash) {
      const auto id = next_id_;
      if (bulk_) {
        if (!hashes_.try_emplace(hash, id).second) return 0;
      } else {
        auto* s = store_.insert_new_hash_->get();
        bind_hash(s, 0, hash, id);
        step(s);
        if (sqlite3_changes(store_.db_) != 1) return 0;
      }
      ++next_id_;
      return id;
    }

    // The points, with ids from `first_id` on: kPointsPerInsert a statement while
    // there are as many, then one a statement.
    void insert_points(std::span<const core::DataPoint* const> points, std::int64_t first_id) {
      std::size_t done = 0;
      while (points.size() - done >= kPointsPerInsert) {
        auto* s = store_.insert_points_->get();
        for (int r = 0; r < kPointsPerInsert; ++r, ++done) {
          bind_point(s, r, *points[done], first_id + static_cast<std::int64_t>(done));
        }
        step(s);
      }
      for (; done < points.size(); ++done) {
        auto* s = store_.insert_point_->get();
        bind_point(s, 0, *points[done], first_id + static_cast<std::int64_t>(done));
        step(s);
      }
    }

    // Binds a point as row `row` of an insert.
    void bind_point(sqlite3_stmt* s, int row, const core::DataPoint& p, std::int64_t id) {
      const int at = row * kPointColumns;
      sqlite3_bind_int64(s, at + 1, id);
      bind_point_fields(s, at + 1, p, dates_[static_cast<std::size_t>(row)],
                        flags_[static_cast<std::size_t>(row)]);
    }

    // Binds a hash and its point's id as row `row` of an insert.
    void bind_hash(sqlite3_stmt* s, int row, const ContentHash& hash, std::int64_t id) {
      const int at = row * kHashColumns;
      auto& bytes = hash_bytes_[static_cast<std::size_t>(row)];
      bytes = hash.bytes();
      sqlite3_bind_blob(s, at + 1, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
      sqlite3_bind_int64(s, at + 2, id);
    }
    void step(sqlite3_stmt* s) {
      if (sqlite3_step(s) != SQLITE_DONE) {
        const std::string message = sqlite3_errmsg(store_.db_);
        auto error = sqlite_error(store_.db_, message);
        sqlite3_reset(s);
        throw error;
      }
      sqlite3_reset(s);
    }

    // The batch's hashes in the order of their table (the order of their bytes),
    // sorted in two halves at once: the hashes are uniform, so the top bit splits
    // them evenly.
    void insert_new_hashes() {
      std::vector<HashAndId> added;
      added.reserve(static_cast<std::size_t>(next_id_ - first_id_));
      for (const auto& entry : hashes_) {
        if (entry.second != kStoredBefore) added.push_back(entry);
      }
      decltype(hashes_)().swap(hashes_);
      const auto by_hash = [](const HashAndId& a, const HashAndId& b) {
        return std::tie(a.first.high, a.first.low) < std::tie(b.first.high, b.first.low);
      };
      const auto middle = std::partition(added.begin(), added.end(), [](const HashAndId& entry) {
        return (entry.first.high >> 63) == 0;
      });
      core::parallel_for(2, store_.jobs_, [&](std::size_t half) {
        if (half == 0) {
          std::sort(added.begin(), middle, by_hash);
        } else {
          std::sort(middle, added.end(), by_hash);
        }
      });
      std::size_t done = 0;
      while (added.size() - done >= kHashesPerInsert) {
        auto* s = store_.insert_hashes_->get();
        for (int r = 0; r < kHashesPerInsert; ++r, ++done) {
          bind_hash(s, r, added[done].first, added[done].second);
        }
        step(s);
      }
      for (; done < added.size(); ++done) {
        auto* s = store_.insert_hash_->get();
        bind_hash(s, 0, added[done].first, added[done].second);
        step(s);
      }
    }

    SqliteStore& store_;
    bool bulk_ = false;
    std::int64_t first_id_ = 1;  // the batch's first point's
    std::int64_t next_id_ = 1;
    // In bulk: every hash stored before (id kStoredBefore) and added by the batch.
    absl::flat_hash_map<ContentHash, std::int64_t, HashOfHash> hashes_;
    // What is bound for each row of an insert, kept until its step.
    std::array<std::string, kPointsPerInsert> dates_;
    std::array<std::string, kPointsPerInsert> flags_;
    std::array<std::array<char, 16>, kHashesPerInsert> hash_bytes_;
    bool done_ = false;
  };

  std::unique_ptr<Batch> begin(std::size_t expected_points) override {
    return std::make_unique<SqliteBatch>(*this, expected_points);
  }

  std::size_t count() override {
    return static_cast<std::size_t>(integer("SELECT COUNT(*) FROM data_points"));
  }

  int schema_version() override { return static_cast<int>(integer("PRAGMA user_version")); }

  std::vector<std::pair<std::string, std::size_t>> company_counts() override {
    Statement s(db_, "SELECT company, COUNT(*) FROM data_points GROUP BY company");
    std::vector<std::pair<std::string, std::size_t>> counts;
    while (sqlite3_step(s.get()) == SQLITE_ROW) {
      const auto* name = reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 0));
      counts.emplace_back(name ? name : "",
                          static_cast<std::size_t>(sqlite3_column_int64(s.get(), 1)));
    }
    return counts;
  }

  void for_each(const std::function<void(const core::DataPoint&)>& visit) override {
    Statement s(db_, fmt::format("SELECT {} FROM data_points ORDER BY id", kPointFields).c_str());
    while (sqlite3_step(s.get()) == SQLITE_ROW) visit(read_point(s.get(), 0));
  }

  std::optional<std::int64_t> add_submission(const core::DataPoint& point, const TokenHash& token,
                                             std::chrono::sys_seconds received,
                                             std::chrono::sys_seconds duplicates_since) override {
    std::string text;
    const auto hash = content_hash(point, text).bytes();
    Transaction transaction(*this);
    Statement seen(db_,
                   "SELECT 1 FROM submissions WHERE content_hash = ?1 AND received >= ?2 LIMIT 1");
    bind_blob(seen.get(), 1, hash);
    sqlite3_bind_int64(seen.get(), 2, duplicates_since.time_since_epoch().count());
    if (step(seen.get())) return std::nullopt;
    Statement insert(
        db_, fmt::format("INSERT INTO submissions (status, received, reason, token_hash, "
                         "content_hash, {}) VALUES ('pending', ?1, '', ?2, ?3, ?4, ?5, ?6, ?7, "
                         "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                         kPointFields)
                 .c_str());
    sqlite3_bind_int64(insert.get(), 1, received.time_since_epoch().count());
    bind_blob(insert.get(), 2, token);
    bind_blob(insert.get(), 3, hash);
    std::string date;
    std::string flags;
    bind_point_fields(insert.get(), 3, point, date, flags);
    step(insert.get());
    const auto id = sqlite3_last_insert_rowid(db_);
    transaction.commit();
    return id;
  }

  std::vector<Submission> submissions(std::optional<SubmissionStatus> status) override {
    Statement s(db_, fmt::format("SELECT id, status, received, reason, {} FROM submissions "
                                 "WHERE ?1 IS NULL OR status = ?1 ORDER BY id",
                                 kPointFields)
                         .c_str());
    if (status) {
      const auto name = core::name_of(*status);
      sqlite3_bind_text(s.get(), 1, name.data(), static_cast<int>(name.size()), SQLITE_STATIC);
    }
    std::vector<Submission> found;
    while (step(s.get())) {
      const auto* name = reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 1));
      found.push_back(
          {sqlite3_column_int64(s.get(), 0),
           core::parse_name<SubmissionStatus>(name ? name : "").value_or(SubmissionStatus::pending),
           std::chrono::sys_seconds(std::chrono::seconds(sqlite3_column_int64(s.get(), 2))),
           reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 3)), read_point(s.get(), 4)});
    }
    return found;
  }

  std::vector<std::int64_t> decide(std::span<const std::int64_t> ids, SubmissionStatus status,
                                   std::string_view reason) override {
    // A batch: the write lock, one transaction, and approved points added the way
    // ingest adds them.
    SqliteBatch batch(*this, 0);
    Batch& adding = batch;  // the one-point add, which SqliteBatch's own add hides
    std::vector<std::int64_t> missing;
    std::string text;
    for (const auto id : ids) {
      Statement find(
          db_,
          fmt::format("SELECT point_id, {} FROM submissions WHERE id = ?1", kPointFields).c_str());
      sqlite3_bind_int64(find.get(), 1, id);
      if (!step(find.get())) {
        missing.push_back(id);
        continue;
      }
      std::optional<std::int64_t> point_id;
      if (sqlite3_column_type(find.get(), 0) != SQLITE_NULL)
        point_id = sqlite3_column_int64(find.get(), 0);
      const auto point = approved_point(read_point(find.get(), 1), id);
      if (status == SubmissionStatus::approved && !point_id) {
        point_id = adding.add(point, content_hash(point, text));
      } else if (status != SubmissionStatus::approved && point_id) {
        delete_point(*point_id, content_hash(point, text));
        point_id.reset();
      }
      Statement update(db_,
                       "UPDATE submissions SET status = ?2, reason = ?3, point_id = ?4 "
                       "WHERE id = ?1");
      const auto name = core::name_of(status);
      sqlite3_bind_int64(update.get(), 1, id);
      sqlite3_bind_text(update.get(), 2, name.data(), static_cast<int>(name.size()), SQLITE_STATIC);
      sqlite3_bind_text(update.get(), 3, reason.data(), static_cast<int>(reason.size()),
                        SQLITE_STATIC);
      if (point_id) {
        sqlite3_bind_int64(update.get(), 4, *point_id);
      } else {
        sqlite3_bind_null(update.get(), 4);
      }
      step(update.get());
    }
    if (missing.empty()) batch.commit();
    return missing;
  }

  bool delete_submission(std::int64_t id, const TokenHash& token) override {
    Transaction transaction(*this);
    Statement find(db_, fmt::format("SELECT point_id, {} FROM submissions "
                                    "WHERE id = ?1 AND token_hash = ?2",
                                    kPointFields)
                            .c_str());
    sqlite3_bind_int64(find.get(), 1, id);
    bind_blob(find.get(), 2, token);
    if (!step(find.get())) return false;
    if (sqlite3_column_type(find.get(), 0) != SQLITE_NULL) {
      std::string text;
      delete_point(sqlite3_column_int64(find.get(), 0),
                   content_hash(approved_point(read_point(find.get(), 1), id), text));
    }
    Statement remove(db_, "DELETE FROM submissions WHERE id = ?1");
    sqlite3_bind_int64(remove.get(), 1, id);
    step(remove.get());
    transaction.commit();
    return true;
  }

  void scan_figures(core::Date first, core::Date last,
                    const std::function<void(const StoredFigures&)>& visit) override {
    Statement s(db_,
                "SELECT date, company, role, region, currency, source, flags, base, "
                "stock_per_year, bonus, level FROM data_points WHERE date BETWEEN ?1 AND ?2");
    const auto from = core::format_date(first);
    const auto to = core::format_date(last);
    sqlite3_bind_text(s.get(), 1, from.data(), static_cast<int>(from.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(s.get(), 2, to.data(), static_cast<int>(to.size()), SQLITE_TRANSIENT);
    const auto column = [&](int i) {
      return std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(s.get(), i)),
                              static_cast<std::size_t>(sqlite3_column_bytes(s.get(), i)));
    };
    StoredFigures row;
    while (sqlite3_step(s.get()) == SQLITE_ROW) {
      // Stored by this program, so always a valid date.
      row.date = *core::parse_date(column(0));
      row.company = column(1);
      row.role = column(2);
      row.region = column(3);
      row.currency = column(4);
      row.source = column(5);
      row.flags = column(6);
      row.base = sqlite3_column_int64(s.get(), 7);
      row.stock_per_year = sqlite3_column_int64(s.get(), 8);
      row.bonus = sqlite3_column_int64(s.get(), 9);
      row.level = column(10);  // NULL reads as empty
      visit(row);
    }
  }

 private:
  // BEGIN IMMEDIATE for a scope: rolled back unless committed.
  class Transaction {
   public:
    explicit Transaction(SqliteStore& store) : store_(store) { store_.exec("BEGIN IMMEDIATE"); }
    ~Transaction() {
      if (!done_) sqlite3_exec(store_.db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit() {
      store_.exec("COMMIT");
      done_ = true;
    }

   private:
    SqliteStore& store_;
    bool done_ = false;
  };

  // True for a row, false when done; throws on an error.
  bool step(sqlite3_stmt* s) {
    const int status = sqlite3_step(s);
    if (status == SQLITE_ROW) return true;
    if (status == SQLITE_DONE) return false;
    throw sqlite_error(db_, sqlite3_errmsg(db_));
  }

  // SQLITE_TRANSIENT: SQLite copies the bytes.
  template <typename Bytes>
  static void bind_blob(sqlite3_stmt* s, int column, const Bytes& bytes) {
    sqlite3_bind_blob(s, column, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  }

  // A data point and its content hash, inside the caller's transaction.
  void delete_point(std::int64_t id, const ContentHash& hash) {
    Statement point(db_, "DELETE FROM data_points WHERE id = ?1");
    sqlite3_bind_int64(point.get(), 1, id);
    step(point.get());
    Statement stored_hash(db_, "DELETE FROM content_hashes WHERE hash = ?1");
    bind_blob(stored_hash.get(), 1, hash.bytes());
    step(stored_hash.get());
  }

  void exec(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error ? error : "unknown error";
      sqlite3_free(error);
      throw sqlite_error(db_, message);
    }
  }

  void migrate() {
    // The version is read again under the write lock: two processes opening a new
    // file at once would otherwise both apply the first migration.
    while (schema_version() != static_cast<int>(kMigrations.size())) {
      exec("BEGIN IMMEDIATE");
      const int current = schema_version();
      if (current > static_cast<int>(kMigrations.size())) {
        exec("ROLLBACK");
        throw core::Exception(core::Error::bad_input(
            fmt::format("sqlite:{}", sqlite3_db_filename(db_, "main")),
            fmt::format("the database has schema version {}, newer than this program's {}; "
                        "expected a negotiateup of that version or later",
                        current, kMigrations.size())));
      }
      if (current < static_cast<int>(kMigrations.size())) {
        exec(kMigrations[static_cast<std::size_t>(current)]);
        exec(fmt::format("PRAGMA user_version = {}", current + 1).c_str());
      }
      exec("COMMIT");
    }
  }

  std::int64_t integer(const char* sql) {
    Statement s(db_, sql);
    if (sqlite3_step(s.get()) != SQLITE_ROW) throw sqlite_error(db_, sqlite3_errmsg(db_));
    return sqlite3_column_int64(s.get(), 0);
  }

  // Owns the connection. Declared before the statements, so that they are
  // finalized before it is closed, also when the constructor throws.
  struct Connection {
    sqlite3* handle = nullptr;
    Connection() = default;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection() { sqlite3_close(handle); }
    operator sqlite3*() const { return handle; }  // NOLINT(google-explicit-constructor)
  };

  Connection db_;
  core::Jobs jobs_;
  std::unique_ptr<Statement> insert_point_;
  std::unique_ptr<Statement> insert_points_;  // kPointsPerInsert rows
  std::unique_ptr<Statement> insert_hash_;
  std::unique_ptr<Statement> insert_hashes_;    // kHashesPerInsert rows
  std::unique_ptr<Statement> insert_new_hash_;  // does nothing for a hash already stored
  std::unique_ptr<Statement> add_flag_;
};

}  // namespace

core::Result<std::unique_ptr<Store>> open_sqlite_store(std::string_view path, core::Jobs jobs,
                                                       std::chrono::milliseconds lock_wait) {
  if (path.empty()) {
    return std::unexpected(
        core::Error::bad_input("--db", "sqlite: needs a path, e.g. sqlite:negotiateup.db"));
  }
  // Before SQLite is first used: no statistics of its memory, whose mutex it would
  // take on every allocation (3 % of an ingest).
  static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  (void)configured;
  try {
    return std::make_unique<SqliteStore>(std::string(path), jobs, lock_wait);
  } catch (const core::Exception& error) {
    return std::unexpected(error.error());
  }
}

}  // namespace negotiateup::store
