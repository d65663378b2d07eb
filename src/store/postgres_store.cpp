// The store on PostgreSQL, through libpq: one connection per Store, every
// statement prepared once when the store is opened, values always sent as
// parameters (binary), results read in binary, scans streamed with
// COPY ... TO STDOUT (FORMAT binary), one row in memory at a time. Built only
// with the CMake option NEGOTIATEUP_WITH_POSTGRES (src/store/CMakeLists.txt).

#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/data_point.hpp"
#include "core/date.hpp"
#include "store/backends.hpp"

namespace negotiateup::store {
namespace {

// A failure of the server, of the connection or of the data it sent. The URL is
// added where the store is opened; a store's later failures name the backend.
class PostgresError : public core::Exception {
 public:
  explicit PostgresError(std::string message)
      : core::Exception(core::Error::operational("the PostgreSQL store", std::move(message))) {}
};

core::Exception newer_schema(int version, std::size_t known) {
  return core::Exception(core::Error::bad_input(
      "the PostgreSQL store",
      fmt::format("the database has schema version {}, newer than this program's {}; expected a "
                  "negotiateup of that version or later",
                  version, known)));
}

// Each migration moves the schema one version up. The version is kept in the
// one-row table negotiateup_schema; all pending migrations run in one
// transaction under an advisory lock.
constexpr std::array kMigrations{
    R"sql(
CREATE TABLE data_points (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  content_hash TEXT NOT NULL UNIQUE,
  date DATE NOT NULL,
  company TEXT NOT NULL,
  role TEXT NOT NULL,
  level TEXT,
  region TEXT NOT NULL,
  currency TEXT NOT NULL,
  base BIGINT NOT NULL,
  stock_per_year BIGINT NOT NULL,
  bonus BIGINT NOT NULL,
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
    // digits, as in SQLite (where a bulk batch appends them in order at commit).
    R"sql(
CREATE TABLE content_hashes (
  hash bytea PRIMARY KEY,
  point_id BIGINT NOT NULL
);
INSERT INTO content_hashes SELECT decode(content_hash, 'hex'), id FROM data_points;
ALTER TABLE data_points DROP COLUMN content_hash;
)sql",
    // 4: submissions, kept apart from the data points until approved (point_id).
    R"sql(
CREATE TABLE submissions (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  status TEXT NOT NULL,
  received BIGINT NOT NULL,
  reason TEXT NOT NULL,
  token_hash bytea NOT NULL,
  content_hash bytea NOT NULL,
  point_id BIGINT,
  date DATE NOT NULL,
  company TEXT NOT NULL,
  role TEXT NOT NULL,
  level TEXT,
  region TEXT NOT NULL,
  currency TEXT NOT NULL,
  base BIGINT NOT NULL,
  stock_per_year BIGINT NOT NULL,
  bonus BIGINT NOT NULL,
  source TEXT NOT NULL,
  attributes TEXT NOT NULL,
  flags TEXT NOT NULL
);
CREATE INDEX submissions_by_hash ON submissions (content_hash, received);
CREATE INDEX submissions_by_status ON submissions (status, id);
)sql",
};

// A point's 12 columns from date to flags, as written and read by the statements
// below ($n::date: the date is sent as text).
constexpr const char* kPointFields =
    "date, company, role, level, region, currency, base, stock_per_year, bonus, source, "
    "attributes, flags";

// pg_advisory_xact_lock's key for migrations: "negotiat" in ASCII.
constexpr const char* kLockMigrations = "SELECT pg_advisory_xact_lock(7954875250313077108)";

// Type OIDs of the parameters we send (pg_type.h).
constexpr Oid kBytea = 17;
constexpr Oid kInt4 = 23;
constexpr Oid kInt8 = 20;
constexpr Oid kText = 25;

// Whitespace runs (libpq's messages end with a newline and continue on tabbed
// lines) become one space, for one-line messages.
std::string one_line(std::string_view text) {
  std::string line;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !line.empty();
    } else {
      if (space) line += ' ';
      space = false;
      line += c;
    }
  }
  return line;
}

// Big-endian (network order) integers, as PostgreSQL's binary format has them.
std::uint64_t read_big_endian(const char* bytes, std::size_t size) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < size; ++i) {
    value = (value << 8) | static_cast<unsigned char>(bytes[i]);
  }
  return value;
}

// A binary value of an integer type: bool (1 byte), int4 or int8.
std::int64_t decode_integer(std::string_view value, std::size_t size) {
  if (value.size() != size) {
    throw PostgresError(fmt::format("expected a {}-byte value, got {} bytes", size, value.size()));
  }
  const auto bits = read_big_endian(value.data(), size);
  if (size == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(bits));
  return static_cast<std::int64_t>(bits);
}

// A binary DATE: days since 2000-01-01.
core::Date decode_date(std::string_view value) {
  using namespace std::chrono;
  return core::Date{sys_days{year{2000} / January / 1} + days{decode_integer(value, 4)}};
}

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};

// One statement's result, binary format.
class Result {
 public:
  explicit Result(PGresult* result) : result_(result) {}
  PGresult* get() const { return result_.get(); }
  PGresult* release() { return result_.release(); }
  int rows() const { return PQntuples(result_.get()); }
  bool is_null(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
  std::string_view text(int row, int column) const {
    return {PQgetvalue(result_.get(), row, column),
            static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
  }
  std::int64_t int8(int row, int column) const { return decode_integer(text(row, column), 8); }
  std::int32_t int4(int row, int column) const {
    return static_cast<std::int32_t>(decode_integer(text(row, column), 4));
  }
  bool boolean(int row, int column) const { return decode_integer(text(row, column), 1) != 0; }

 private:
  std::unique_ptr<PGresult, ResultDeleter> result_;
};

// A statement's parameters, sent in binary: text as its bytes (no terminating
// NUL needed, no copy), integers in network order.
class Params {
 public:
  Params() = default;
  // Its values point into its own buffer: a copy would point into the original's.
  Params(const Params&) = delete;
  Params& operator=(const Params&) = delete;
  Params& text(std::string_view value) {
    // An empty view may have no data; libpq would read a null pointer as NULL.
    add(value.data() != nullptr ? value.data() : "", value.size());
    return *this;
  }
  Params& null() {
    values_.push_back(nullptr);
    lengths_.push_back(0);
    formats_.push_back(1);
    return *this;
  }
  Params& int8(std::int64_t value) { return integer(static_cast<std::uint64_t>(value), 8); }
  Params& int4(std::int32_t value) { return integer(static_cast<std::uint32_t>(value), 4); }
  int size() const { return static_cast<int>(values_.size()); }
  const char* const* values() const { return values_.data(); }
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }

 private:
  Params& integer(std::uint64_t bits, std::size_t size) {
    if (used_ + size > integers_.size()) throw std::logic_error("too many integer parameters");
    char* bytes = integers_.data() + used_;
    for (std::size_t i = 0; i < size; ++i) {
      bytes[size - 1 - i] = static_cast<char>(bits & 0xFF);
      bits >>= 8;
    }
    used_ += size;
    add(bytes, size);
    return *this;
  }
  void add(const char* value, std::size_t size) {
    values_.push_back(value);
    lengths_.push_back(static_cast<int>(size));
    formats_.push_back(1);
  }

  std::vector<const char*> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
  std::array<char, 64> integers_{};  // fixed: the pointers into it stay valid
  std::size_t used_ = 0;
};

// A point's fields (kPointFields) added to `params`; `texts` keeps the date and
// flags written out until the statement has run.
void add_point_fields(Params& params, const core::DataPoint& p, std::deque<std::string>& texts) {
  const auto& date = texts.emplace_back(core::format_date(p.date));
  const auto& flags = texts.emplace_back(core::join_flags(p.flags));
  params.text(date).text(p.company).text(p.role);
  if (p.level) {
    params.text(*p.level);
  } else {
    params.null();
  }
  params.text(p.region)
      .text(p.currency.code())
      .int8(p.base)
      .int8(p.stock_per_year)
      .int8(p.bonus)
      .text(p.source)
      .text(p.attributes)
      .text(flags);
}

// One row of COPY ... TO STDOUT (FORMAT binary): views into libpq's buffer.
class CopyRow {
 public:
  // Reads a row (a field count, then each field's length and bytes); false at
  // the trailer that ends the data.
  bool parse(std::string_view data) {
    if (data.size() < 2) throw PostgresError("COPY data: a row without its field count");
    const auto count = static_cast<std::int16_t>(read_big_endian(data.data(), 2));
    if (count == -1) return false;
    if (count < 0 || static_cast<std::size_t>(count) > fields_.size()) {
      throw PostgresError(fmt::format("COPY data: a row of {} fields", count));
    }
    count_ = static_cast<std::size_t>(count);
    std::size_t at = 2;
    for (std::size_t i = 0; i < count_; ++i) {
      if (data.size() - at < 4) throw PostgresError("COPY data: a row cut short");
      const auto length = static_cast<std::int32_t>(
          static_cast<std::uint32_t>(read_big_endian(data.data() + at, 4)));
      at += 4;
      nulls_[i] = length < 0;
      const auto size = nulls_[i] ? 0 : static_cast<std::size_t>(length);
      if (data.size() - at < size) throw PostgresError("COPY data: a row cut short");
      fields_[i] = data.substr(at, size);
      at += size;
    }
    if (at != data.size()) throw PostgresError("COPY data: bytes after a row");
    return true;
  }
  std::string_view text(std::size_t i) const { return field(i); }
  bool is_null(std::size_t i) const {
    field(i);  // in range
    return nulls_[i];
  }
  std::int64_t int8(std::size_t i) const { return decode_integer(field(i), 8); }
  core::Date date(std::size_t i) const { return decode_date(field(i)); }

 private:
  std::string_view field(std::size_t i) const {
    if (i >= count_) throw PostgresError(fmt::format("COPY data: no field {}", i));
    return fields_[i];
  }

  std::array<std::string_view, 16> fields_{};
  std::array<bool, 16> nulls_{};
  std::size_t count_ = 0;
};

// The binary COPY header: signature, flags, then an extension area to skip.
std::string_view skip_copy_header(std::string_view data) {
  constexpr std::string_view kSignature("PGCOPY\n\xff\r\n\0", 11);
  if (data.size() < 19 || data.substr(0, 11) != kSignature) {
    throw PostgresError("COPY data: no binary COPY header");
  }
  const auto extension = read_big_endian(data.data() + 15, 4);
  if (data.size() - 19 < extension) throw PostgresError("COPY data: header cut short");
  return data.substr(19 + extension);
}

struct FreeMemory {
  void operator()(char* buffer) const { PQfreemem(buffer); }
};

struct ConnectionDeleter {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};

// One libpq connection; every call either succeeds or throws PostgresError.
class Connection {
 public:
  explicit Connection(PGconn* connection) : connection_(connection) {
    // Server notices ("relation already exists, skipping") are not for our users.
    PQsetNoticeProcessor(
        connection_.get(), [](void*, const char*) {}, nullptr);
  }

  // One statement without parameters (BEGIN, COMMIT, ...).
  Result exec(const char* sql) {
    return check(PQexecParams(connection_.get(), sql, 0, nullptr, nullptr, nullptr, nullptr, 1));
  }
  // Several statements without parameters: a migration script.
  void exec_script(const char* sql) { check(PQexec(connection_.get(), sql)); }
  // Rolls back, never throws: for destructors.
  void rollback() noexcept { PQclear(PQexec(connection_.get(), "ROLLBACK")); }

  // Runs the prepared COPY ... TO STDOUT (FORMAT binary) `name`, handing each row
  // to `on_row` as it arrives. If `on_row` throws, the COPY is cancelled when
  // `cancel` (outside a transaction of ours), else read to its end, and the
  // connection is ready for the next statement either way.
  template <typename OnRow>
  void copy_out(const char* name, bool cancel, OnRow&& on_row) {
    PGconn* connection = connection_.get();
    PGresult* started = PQexecPrepared(connection, name, 0, nullptr, nullptr, nullptr, 1);
    if (PQresultStatus(started) != PGRES_COPY_OUT) {
      check(started);
      throw PostgresError(fmt::format("{}: expected COPY data", name));
    }
    PQclear(started);
    struct Abort {
      PGconn* connection;
      bool cancel;
      bool done = false;
      ~Abort() {
        if (done) return;
        if (PGcancel* request = cancel ? PQgetCancel(connection) : nullptr) {
          std::array<char, 256> error{};
          PQcancel(request, error.data(), static_cast<int>(error.size()));
          PQfreeCancel(request);
        }
        char* buffer = nullptr;
        while (PQgetCopyData(connection, &buffer, 0) > 0) PQfreemem(buffer);
        while (PGresult* result = PQgetResult(connection)) PQclear(result);
      }
    } abort{connection, cancel};
    CopyRow row;
    bool header = true;
    for (;;) {
      char* raw = nullptr;
      const int length = PQgetCopyData(connection, &raw, 0);
      if (length == -1) break;  // the end
      if (length < 0) throw PostgresError(one_line(PQerrorMessage(connection)));
      const std::unique_ptr<char, FreeMemory> buffer(raw);
      std::string_view data(raw, static_cast<std::size_t>(length));
      if (header) {
        header = false;
        data = skip_copy_header(data);
        if (data.empty()) continue;
      }
      if (row.parse(data)) on_row(row);
    }
    abort.done = true;
    // The COPY's own result, then none.
    Result result(PQgetResult(connection));
    while (PGresult* more = PQgetResult(connection)) PQclear(more);
    check(result.release());
  }

  void prepare(const char* name, const char* sql, std::initializer_list<Oid> types) {
    prepare_types(name, sql, std::vector<Oid>(types));
  }
  void prepare_types(const char* name, const char* sql, const std::vector<Oid>& types) {
    check(PQprepare(connection_.get(), name, sql, static_cast<int>(types.size()), types.data()));
  }
  Result run(const char* name, const Params& params = {}) {
    return check(PQexecPrepared(connection_.get(), name, params.size(), params.values(),
                                params.lengths(), params.formats(), 1));
  }

  // Runs the prepared statement `name` once for each set of parameters in libpq's
  // pipeline mode: all are sent, then all results read, one round trip for the
  // lot. The first error is thrown once the pipeline is drained (the statements
  // after it are skipped by the server). Keep a pipeline's results small enough
  // for the socket's buffers: the server waits on them while it is sent more.
  std::vector<Result> run_pipelined(const char* name, const std::deque<Params>& runs) {
    PGconn* connection = connection_.get();
    if (PQenterPipelineMode(connection) != 1) {
      throw PostgresError(one_line(PQerrorMessage(connection)));
    }
    // However it ends, the connection leaves pipeline mode ready for more.
    struct Drain {
      PGconn* connection;
      bool synced = false;
      ~Drain() {
        if (!synced && PQpipelineSync(connection) != 1) return;
        for (;;) {
          if (PQstatus(connection) != CONNECTION_OK) return;
          PGresult* result = PQgetResult(connection);
          if (result == nullptr) continue;  // the end of one statement's results
          const bool sync = PQresultStatus(result) == PGRES_PIPELINE_SYNC;
          PQclear(result);
          if (sync) break;
        }
        PQexitPipelineMode(connection);
      }
    } drain{connection};
    for (const auto& params : runs) {
      if (PQsendQueryPrepared(connection, name, params.size(), params.values(), params.lengths(),
                              params.formats(), 1) != 1) {
        throw PostgresError(one_line(PQerrorMessage(connection)));
      }
    }
    if (PQpipelineSync(connection) != 1) throw PostgresError(one_line(PQerrorMessage(connection)));
    drain.synced = true;
    std::vector<Result> results;
    results.reserve(runs.size());
    std::string first_error;
    for (std::size_t i = 0; i < runs.size(); ++i) {
      PGresult* raw = PQgetResult(connection);
      PQclear(PQgetResult(connection));  // the null that ends this statement's results
      if (PQresultStatus(raw) == PGRES_PIPELINE_ABORTED) {
        PQclear(raw);
        continue;
      }
      try {
        results.push_back(check(raw));
      } catch (const PostgresError& error) {
        if (first_error.empty()) first_error = error.error().message;
      }
    }
    if (!first_error.empty()) throw PostgresError(first_error);
    return results;
  }

 private:
  Result check(PGresult* raw) {
    Result result(raw);
    const auto status = PQresultStatus(raw);
    if (raw != nullptr && (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)) {
      return result;
    }
    const char* primary = raw ? PQresultErrorField(raw, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    throw PostgresError(one_line(primary ? primary : PQerrorMessage(connection_.get())));
  }

  std::unique_ptr<PGconn, ConnectionDeleter> connection_;
};

// A transaction opened for the duration of a scope: rolled back unless committed.
class Transaction {
 public:
  Transaction(Connection& connection, const char* begin) : connection_(connection) {
    connection_.exec(begin);
  }
  ~Transaction() {
    if (!done_) connection_.rollback();
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    done_ = true;
    // COMMIT of a failed transaction rolls back without an error: say so.
    const auto result = connection_.exec("COMMIT");
    if (std::string_view(PQcmdStatus(result.get())) != "COMMIT") {
      throw PostgresError("the transaction failed and was rolled back");
    }
  }

 private:
  Connection& connection_;
  bool done_ = false;
};

// Points sent in one round trip: their results (about 60 bytes each) stay well
// within the socket's buffers.
constexpr std::size_t kPipelined = 256;

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(Connection connection) : connection_(std::move(connection)) {
    migrate();
    connection_.prepare("negotiateup_insert",
                        // The hash first: a point whose hash is stored already is not.
                        "WITH new_hash AS (INSERT INTO content_hashes (hash, point_id) VALUES "
                        "($1, nextval('data_points_id_seq'::regclass)) "
                        "ON CONFLICT (hash) DO NOTHING RETURNING point_id) "
                        "INSERT INTO data_points (id, date, company, role, level, region, "
                        "currency, base, stock_per_year, bonus, source, attributes, flags) "
                        "OVERRIDING SYSTEM VALUE SELECT point_id, $2::date, $3, $4, $5, $6, $7, "
                        "$8, $9, $10, $11, $12, $13 FROM new_hash RETURNING id",
                        {kBytea, kText, kText, kText, kText, kText, kText, kInt8, kInt8, kInt8,
                         kText, kText, kText});
    connection_.prepare("negotiateup_flag",
                        "UPDATE data_points SET flags = CASE flags WHEN '' THEN $2 "
                        "ELSE flags || ',' || $2 END WHERE id = $1",
                        {kInt8, kText});
    connection_.prepare("negotiateup_count", "SELECT count(*) FROM data_points", {});
    connection_.prepare("negotiateup_company_counts",
                        "SELECT company, count(*) FROM data_points GROUP BY company", {});
    connection_.prepare("negotiateup_version", "SELECT version FROM negotiateup_schema", {});
    // Scans stream with COPY, so that ten million points are never in memory at
    // once. COPY takes no parameters: the dates go through set_config first.
    connection_.prepare("negotiateup_points",
                        "COPY (SELECT date, company, role, level, region, currency, base, "
                        "stock_per_year, bonus, source, attributes, flags "
                        "FROM data_points ORDER BY id) TO STDOUT (FORMAT binary)",
                        {});
    connection_.prepare("negotiateup_scan_range",
                        "SELECT set_config('negotiateup.scan_first', $1, false), "
                        "set_config('negotiateup.scan_last', $2, false)",
                        {kText, kText});
    const auto point_types = {kText, kText, kText, kText, kText, kText,
                              kInt8, kInt8, kInt8, kText, kText, kText};
    std::vector<Oid> submission_types{kInt8, kBytea, kBytea};
    submission_types.insert(submission_types.end(), point_types.begin(), point_types.end());
    connection_.prepare_types(
        "negotiateup_submission_insert",
        fmt::format("INSERT INTO submissions (status, received, reason, token_hash, content_hash, "
                    "{}) VALUES ('pending', $1, '', $2, $3, $4::date, $5, $6, $7, $8, $9, $10, "
                    "$11, $12, $13, $14, $15) RETURNING id",
                    kPointFields)
            .c_str(),
        submission_types);
    // Identical submissions sent at once: each waits for the other's transaction.
    connection_.prepare("negotiateup_submission_lock", "SELECT pg_advisory_xact_lock($1)", {kInt8});
    connection_.prepare(
        "negotiateup_submission_seen",
        "SELECT 1 FROM submissions WHERE content_hash = $1 AND received >= $2 LIMIT 1",
        {kBytea, kInt8});
    connection_.prepare("negotiateup_submissions",
                        fmt::format("SELECT id, status, received, reason, {} FROM submissions "
                                    "WHERE $1::text IS NULL OR status = $1 ORDER BY id",
                                    kPointFields)
                            .c_str(),
                        {kText});
    connection_.prepare(
        "negotiateup_submission_find",
        fmt::format("SELECT point_id, {} FROM submissions WHERE id = $1 FOR UPDATE", kPointFields)
            .c_str(),
        {kInt8});
    connection_.prepare("negotiateup_submission_find_token",
                        fmt::format("SELECT point_id, {} FROM submissions "
                                    "WHERE id = $1 AND token_hash = $2 FOR UPDATE",
                                    kPointFields)
                            .c_str(),
                        {kInt8, kBytea});
    connection_.prepare(
        "negotiateup_submission_update",
        "UPDATE submissions SET status = $2, reason = $3, point_id = $4 WHERE id = $1",
        {kInt8, kText, kText, kInt8});
    connection_.prepare("negotiateup_submission_delete", "DELETE FROM submissions WHERE id = $1",
                        {kInt8});
    connection_.prepare("negotiateup_point_delete",
                        "WITH point AS (DELETE FROM data_points WHERE id = $1) "
                        "DELETE FROM content_hashes WHERE hash = $2",
                        {kInt8, kBytea});
    connection_.prepare(
        "negotiateup_figures",
        "COPY (SELECT date, company, role, region, currency, source, flags, base, "
        "stock_per_year, bonus, level FROM data_points WHERE date BETWEEN "
        "(SELECT current_setting('negotiateup.scan_first')::date) AND "
        "(SELECT current_setting('negotiateup.scan_last')::date)) TO STDOUT (FORMAT binary)",
        {});
  }

  class PostgresBatch final : public Batch {
   public:
    explicit PostgresBatch(PostgresStore& store) : store_(store) {
      if (store_.in_batch_) throw PostgresError("a batch is already open on this store");
      transaction_.emplace(store_.connection_, "BEGIN");
      store_.in_batch_ = true;
    }
    ~PostgresBatch() override {
      if (transaction_) {
        transaction_.reset();  // rolls back
        store_.in_batch_ = false;
      }
    }
    std::vector<std::int64_t> add(std::span<const core::DataPoint> points,
                                  std::span<const ContentHash> hashes) override {
      std::vector<std::int64_t> ids;
      ids.reserve(points.size());
      for (std::size_t first = 0; first < points.size(); first += kPipelined) {
        const auto count = std::min(kPipelined, points.size() - first);
        // What the parameters point into, kept until the results are in (deques
        // never move what they hold).
        std::deque<std::array<char, 16>> hash_bytes;
        std::deque<std::string> texts;
        std::deque<Params> runs;
        for (std::size_t i = first; i < first + count; ++i) {
          const auto& p = points[i];
          const auto& bytes = hash_bytes.emplace_back(hashes[i].bytes());
          auto& params = runs.emplace_back();
          params.text({bytes.data(), bytes.size()});  // binary bytea: the bytes themselves
          add_point_fields(params, p, texts);
        }
        for (const auto& result : store_.connection_.run_pipelined("negotiateup_insert", runs)) {
          ids.push_back(result.rows() == 0 ? 0 : result.int8(0, 0));  // 0: the hash was stored
        }
      }
      return ids;
    }
    void flag(std::int64_t id, std::string_view flag) override {
      store_.connection_.run("negotiateup_flag", Params().int8(id).text(flag));
    }
    void commit() override {
      if (!transaction_) throw PostgresError("this batch is already committed");
      // Done, even when COMMIT fails (the transaction is then rolled back).
      store_.in_batch_ = false;
      struct Done {
        std::optional<Transaction>& transaction;
        ~Done() { transaction.reset(); }
      } done{transaction_};
      transaction_->commit();
    }

   private:
    PostgresStore& store_;
    std::optional<Transaction> transaction_;
  };

  // PostgreSQL keeps its unique index through a batch of any size: other servers
  // may be adding points at the same time.
  std::unique_ptr<Batch> begin(std::size_t) override {
    return std::make_unique<PostgresBatch>(*this);
  }

  std::size_t count() override {
    return static_cast<std::size_t>(connection_.run("negotiateup_count").int8(0, 0));
  }

  int schema_version() override { return connection_.run("negotiateup_version").int4(0, 0); }

  std::vector<std::pair<std::string, std::size_t>> company_counts() override {
    const auto result = connection_.run("negotiateup_company_counts");
    std::vector<std::pair<std::string, std::size_t>> counts;
    for (int i = 0; i < result.rows(); ++i)
      counts.emplace_back(result.text(i, 0), static_cast<std::size_t>(result.int8(i, 1)));
    return counts;
  }

  void for_each(const std::function<void(const core::DataPoint&)>& visit) override {
    // Inside a batch, the COPY runs in its transaction and sees its points.
    connection_.copy_out("negotiateup_points", !in_batch_, [&](const CopyRow& row) {
      core::DataPoint p{row.date(0),
                        std::string(row.text(1)),
                        std::string(row.text(2)),
                        std::nullopt,
                        std::string(row.text(4)),
                        currency(row.text(5)),
                        row.int8(6),
                        row.int8(7),
                        row.int8(8),
                        std::string(row.text(9)),
                        std::string(row.text(10)),
                        {}};
      if (!row.is_null(3)) p.level = std::string(row.text(3));
      p.flags = core::split_flags(row.text(11));
      visit(p);
    });
  }

  void scan_figures(core::Date first, core::Date last,
                    const std::function<void(const StoredFigures&)>& visit) override {
    const auto from = core::format_date(first);
    const auto to = core::format_date(last);
    connection_.run("negotiateup_scan_range", Params().text(from).text(to));
    StoredFigures figures;
    connection_.copy_out("negotiateup_figures", !in_batch_, [&](const CopyRow& row) {
      figures.date = row.date(0);
      figures.company = row.text(1);
      figures.role = row.text(2);
      figures.region = row.text(3);
      figures.currency = row.text(4);
      figures.source = row.text(5);
      figures.flags = row.text(6);
      figures.base = row.int8(7);
      figures.stock_per_year = row.int8(8);
      figures.bonus = row.int8(9);
      figures.level = row.is_null(10) ? std::string_view() : row.text(10);
      visit(figures);
    });
  }

  std::optional<std::int64_t> add_submission(const core::DataPoint& point, const TokenHash& token,
                                             std::chrono::sys_seconds received,
                                             std::chrono::sys_seconds duplicates_since) override {
    std::string text;
    const auto hash = content_hash(point, text);
    const auto hash_bytes = hash.bytes();
    const std::string_view hash_view(hash_bytes.data(), hash_bytes.size());
    const std::string_view token_view(reinterpret_cast<const char*>(token.data()), token.size());
    Transaction transaction(connection_, "BEGIN");
    connection_.run("negotiateup_submission_lock",
                    Params().int8(static_cast<std::int64_t>(hash.high)));
    if (connection_
            .run("negotiateup_submission_seen",
                 Params().text(hash_view).int8(duplicates_since.time_since_epoch().count()))
            .rows() > 0) {
      return std::nullopt;
    }
    std::deque<std::string> texts;
    Params params;
    params.int8(received.time_since_epoch().count()).text(token_view).text(hash_view);
    add_point_fields(params, point, texts);
    const auto id = connection_.run("negotiateup_submission_insert", params).int8(0, 0);
    transaction.commit();
    return id;
  }

  std::vector<Submission> submissions(std::optional<SubmissionStatus> status) override {
    Params params;
    if (status) {
      params.text(core::name_of(*status));
    } else {
      params.null();
    }
    const auto result = connection_.run("negotiateup_submissions", params);
    std::vector<Submission> found;
    for (int row = 0; row < result.rows(); ++row) {
      found.push_back({result.int8(row, 0),
                       core::parse_name<SubmissionStatus>(result.text(row, 1))
                           .value_or(SubmissionStatus::pending),
                       std::chrono::sys_seconds(std::chrono::seconds(result.int8(row, 2))),
                       std::string(result.text(row, 3)), read_point(result, row, 4)});
    }
    return found;
  }

  std::vector<std::int64_t> decide(std::span<const std::int64_t> ids, SubmissionStatus status,
                                   std::string_view reason) override {
    // A batch: one transaction, and approved points added the way ingest adds them.
    PostgresBatch batch(*this);
    Batch& adding = batch;  // the one-point add, which PostgresBatch's own add hides
    std::vector<std::int64_t> missing;
    std::string text;
    for (const auto id : ids) {
      const auto found = connection_.run("negotiateup_submission_find", Params().int8(id));
      if (found.rows() == 0) {
        missing.push_back(id);
        continue;
      }
      std::optional<std::int64_t> point_id;
      if (!found.is_null(0, 0)) point_id = found.int8(0, 0);
      const auto point = approved_point(read_point(found, 0, 1), id);
      if (status == SubmissionStatus::approved && !point_id) {
        point_id = adding.add(point, content_hash(point, text));
      } else if (status != SubmissionStatus::approved && point_id) {
        delete_point(*point_id, content_hash(point, text));
        point_id.reset();
      }
      Params update;
      update.int8(id).text(core::name_of(status)).text(reason);
      if (point_id) {
        update.int8(*point_id);
      } else {
        update.null();
      }
      connection_.run("negotiateup_submission_update", update);
    }
    if (missing.empty()) batch.commit();
    return missing;
  }

  bool delete_submission(std::int64_t id, const TokenHash& token) override {
    Transaction transaction(connection_, "BEGIN");
    const auto found = connection_.run(
        "negotiateup_submission_find_token",
        Params().int8(id).text({reinterpret_cast<const char*>(token.data()), token.size()}));
    if (found.rows() == 0) return false;
    if (!found.is_null(0, 0)) {
      std::string text;
      delete_point(found.int8(0, 0),
                   content_hash(approved_point(read_point(found, 0, 1), id), text));
    }
    connection_.run("negotiateup_submission_delete", Params().int8(id));
    transaction.commit();
    return true;
  }

 private:
  // The point in the columns kPointFields of a result row, from column `first`.
  static core::DataPoint read_point(const Result& result, int row, int first) {
    core::DataPoint p{decode_date(result.text(row, first)),
                      std::string(result.text(row, first + 1)),
                      std::string(result.text(row, first + 2)),
                      std::nullopt,
                      std::string(result.text(row, first + 4)),
                      currency(result.text(row, first + 5)),
                      result.int8(row, first + 6),
                      result.int8(row, first + 7),
                      result.int8(row, first + 8),
                      std::string(result.text(row, first + 9)),
                      std::string(result.text(row, first + 10)),
                      core::split_flags(result.text(row, first + 11))};
    if (!result.is_null(row, first + 3)) p.level = std::string(result.text(row, first + 3));
    return p;
  }

  // A data point and its content hash, inside the caller's transaction.
  void delete_point(std::int64_t id, const ContentHash& hash) {
    const auto bytes = hash.bytes();
    connection_.run("negotiateup_point_delete",
                    Params().int8(id).text({bytes.data(), bytes.size()}));
  }

  static core::Currency currency(std::string_view code) {
    const auto parsed = core::Currency::from_code(code);
    if (!parsed) throw PostgresError(fmt::format("unknown currency '{}' in the store", code));
    return *parsed;
  }

  void migrate() {
    const auto current = stored_version();
    if (current && *current == static_cast<int>(kMigrations.size())) return;
    Transaction transaction(connection_, "BEGIN");
    // One process migrates at a time; the others wait here, then find it done.
    connection_.exec(kLockMigrations);
    connection_.exec_script(
        "CREATE TABLE IF NOT EXISTS negotiateup_schema ("
        "  id INTEGER PRIMARY KEY DEFAULT 1 CHECK (id = 1),"
        "  version INTEGER NOT NULL);"
        "INSERT INTO negotiateup_schema (version) VALUES (0) ON CONFLICT (id) DO NOTHING;");
    const int version = connection_.exec("SELECT version FROM negotiateup_schema").int4(0, 0);
    if (version > static_cast<int>(kMigrations.size())) {
      throw newer_schema(version, kMigrations.size());
    }
    for (auto next = static_cast<std::size_t>(version); next < kMigrations.size(); ++next) {
      connection_.exec_script(kMigrations[next]);
    }
    connection_.prepare("negotiateup_set_version", "UPDATE negotiateup_schema SET version = $1",
                        {kInt4});
    connection_.run("negotiateup_set_version",
                    Params().int4(static_cast<std::int32_t>(kMigrations.size())));
    transaction.commit();
  }

  // The recorded schema version; nothing when the database has none yet.
  std::optional<int> stored_version() {
    if (!connection_.exec("SELECT to_regclass('negotiateup_schema') IS NOT NULL").boolean(0, 0)) {
      return std::nullopt;
    }
    const auto result = connection_.exec("SELECT version FROM negotiateup_schema");
    if (result.rows() == 0) return std::nullopt;
    const int version = result.int4(0, 0);
    if (version > static_cast<int>(kMigrations.size())) {
      throw newer_schema(version, kMigrations.size());
    }
    return version;
  }

  Connection connection_;
  bool in_batch_ = false;
};

}  // namespace

core::Result<std::unique_ptr<Store>> open_postgres_store(std::string_view url) {
  const std::string uri(url);
  // libpq quotes some parts of a URL it cannot read: never the password.
  const auto failure = [&](core::ErrorKind kind, std::string message) {
    return std::unexpected(core::Error(
        kind, redact_url(url), without_password(std::move(message), url),
        kind == core::ErrorKind::operational
            ? "check that the server is running and that the URL names a database that exists"
            : ""));
  };
  // Defaults first: what the URL says overrides them.
  const std::array<const char*, 5> keywords{"connect_timeout", "application_name",
                                            "client_encoding", "dbname", nullptr};
  const std::array<const char*, 5> values{"10", "negotiateup", "UTF8", uri.c_str(), nullptr};
  PGconn* raw = PQconnectdbParams(keywords.data(), values.data(), 1);
  if (raw == nullptr) return failure(core::ErrorKind::operational, "out of memory");
  if (PQstatus(raw) != CONNECTION_OK) {
    std::string message = one_line(PQerrorMessage(raw));
    PQfinish(raw);
    return failure(core::ErrorKind::operational, std::move(message));
  }
  try {
    return std::make_unique<PostgresStore>(Connection(raw));
  } catch (const core::Exception& error) {
    return failure(error.error().kind, error.error().message);
  }
}

}  // namespace negotiateup::store
