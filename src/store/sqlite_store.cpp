#include <fmt/format.h>
#include <sqlite3.h>

#include <array>
#include <stdexcept>

#include "core/text.hpp"
#include "store/backends.hpp"

namespace negotiateup::store {
namespace {

class SqliteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

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
};

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) {
      throw SqliteError(sqlite3_errmsg(db));
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
  explicit SqliteStore(const std::string& path) {
    // NOMUTEX: a store is used by one thread at a time, and the serialized mode's
    // mutex on every column read was a tenth of a scan.
    if (sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
      const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw SqliteError(fmt::format("cannot open {}: {}", path, message));
    }
    // WAL: readers go on while a batch is written; FULL sync: a committed batch survives a crash.
    exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;");
    migrate();
    insert_ = std::make_unique<Statement>(db_,
                                          "INSERT INTO data_points (content_hash, date, company, "
                                          "role, level, region, currency, base, "
                                          "stock_per_year, bonus, source, attributes, flags) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                          "ON CONFLICT (content_hash) DO NOTHING");
    add_flag_ = std::make_unique<Statement>(
        db_,
        "UPDATE data_points SET flags = CASE flags WHEN '' THEN ?2 ELSE flags || ',' || ?2 END "
        "WHERE id = ?1");
  }
  ~SqliteStore() override {
    insert_.reset();
    add_flag_.reset();
    sqlite3_close(db_);
  }

  class SqliteBatch final : public Batch {
   public:
    // A file of millions of points is one transaction whose index pages are touched
    // in random order (content hashes): with the default 2 MiB cache they spill to the
    // WAL and are read back again and again. A scan does not need the big cache.
    explicit SqliteBatch(SqliteStore& store) : store_(store) {
      store_.exec("PRAGMA cache_size = -262144");
      store_.exec("BEGIN IMMEDIATE");
    }
    ~SqliteBatch() override {
      if (!done_) sqlite3_exec(store_.db_, "ROLLBACK", nullptr, nullptr, nullptr);
      sqlite3_exec(store_.db_, "PRAGMA cache_size = -2000", nullptr, nullptr, nullptr);
    }
    std::optional<std::int64_t> add(const core::DataPoint& p, std::string_view hash) override {
      auto* s = store_.insert_->get();
      // SQLITE_STATIC: the values outlive the step, after which the statement is reset.
      const auto text = [&](int index, std::string_view value) {
        sqlite3_bind_text(s, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
      };
      const auto date = core::format_date(p.date);
      text(1, hash);
      text(2, date);
      text(3, p.company);
      text(4, p.role);
      if (p.level) {
        text(5, *p.level);
      } else {
        sqlite3_bind_null(s, 5);
      }
      text(6, p.region);
      text(7, p.currency.code());
      sqlite3_bind_int64(s, 8, p.base);
      sqlite3_bind_int64(s, 9, p.stock_per_year);
      sqlite3_bind_int64(s, 10, p.bonus);
      text(11, p.source);
      text(12, p.attributes);
      const auto flags = core::join_flags(p.flags);
      text(13, flags);
      if (sqlite3_step(s) != SQLITE_DONE) {
        const std::string message = sqlite3_errmsg(store_.db_);
        sqlite3_reset(s);
        throw SqliteError(message);
      }
      sqlite3_reset(s);
      if (sqlite3_changes(store_.db_) != 1) return std::nullopt;
      return sqlite3_last_insert_rowid(store_.db_);
    }
    void flag(std::int64_t id, std::string_view flag) override {
      auto* s = store_.add_flag_->get();
      sqlite3_reset(s);
      sqlite3_bind_int64(s, 1, id);
      sqlite3_bind_text(s, 2, flag.data(), static_cast<int>(flag.size()), SQLITE_TRANSIENT);
      if (sqlite3_step(s) != SQLITE_DONE) throw SqliteError(sqlite3_errmsg(store_.db_));
    }
    void commit() override {
      store_.exec("COMMIT");
      done_ = true;
    }

   private:
    SqliteStore& store_;
    bool done_ = false;
  };

  std::unique_ptr<Batch> begin() override { return std::make_unique<SqliteBatch>(*this); }

  std::size_t count() override {
    Statement s(db_, "SELECT COUNT(*) FROM data_points");
    sqlite3_step(s.get());
    return static_cast<std::size_t>(sqlite3_column_int64(s.get(), 0));
  }

  int schema_version() override {
    Statement s(db_, "PRAGMA user_version");
    sqlite3_step(s.get());
    return sqlite3_column_int(s.get(), 0);
  }

  void for_each(const std::function<void(const core::DataPoint&)>& visit) override {
    Statement s(db_,
                "SELECT date, company, role, level, region, currency, base, stock_per_year, bonus, "
                "source, attributes, flags FROM data_points ORDER BY id");
    const auto column = [&](int i) {
      const auto* text = sqlite3_column_text(s.get(), i);
      return text ? std::string(reinterpret_cast<const char*>(text)) : std::string();
    };
    while (sqlite3_step(s.get()) == SQLITE_ROW) {
      core::DataPoint p{*core::parse_date(column(0)),
                        column(1),
                        column(2),
                        std::nullopt,
                        column(4),
                        *core::Currency::from_code(column(5)),
                        sqlite3_column_int64(s.get(), 6),
                        sqlite3_column_int64(s.get(), 7),
                        sqlite3_column_int64(s.get(), 8),
                        column(9),
                        column(10),
                        {}};
      if (sqlite3_column_type(s.get(), 3) != SQLITE_NULL) p.level = column(3);
      p.flags = core::split_flags(column(11));
      visit(p);
    }
  }

  void scan_figures(core::Date first, core::Date last,
                    const std::function<void(const StoredFigures&)>& visit) override {
    Statement s(db_,
                "SELECT date, company, role, region, currency, source, flags, base, "
                "stock_per_year, bonus FROM data_points WHERE date BETWEEN ?1 AND ?2");
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
      visit(row);
    }
  }

 private:
  void exec(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error ? error : "unknown error";
      sqlite3_free(error);
      throw SqliteError(message);
    }
  }

  void migrate() {
    const int current = schema_version();
    if (current > static_cast<int>(kMigrations.size())) {
      throw SqliteError(
          fmt::format("the database has schema version {}, newer than this program's {}", current,
                      kMigrations.size()));
    }
    for (auto version = static_cast<std::size_t>(current); version < kMigrations.size();
         ++version) {
      exec("BEGIN IMMEDIATE");
      exec(kMigrations[version]);
      exec(fmt::format("PRAGMA user_version = {}", version + 1).c_str());
      exec("COMMIT");
    }
  }

  sqlite3* db_ = nullptr;
  std::unique_ptr<Statement> insert_;
  std::unique_ptr<Statement> add_flag_;
};

}  // namespace

std::expected<std::unique_ptr<Store>, std::string> open_sqlite_store(std::string_view url) {
  const auto path = std::string(url.substr(std::string_view("sqlite:").size()));
  if (path.empty()) return std::unexpected("sqlite: needs a path, e.g. sqlite:negotiateup.db");
  try {
    return std::make_unique<SqliteStore>(path);
  } catch (const SqliteError& error) {
    return std::unexpected(fmt::format("{}: {}", url, error.what()));
  }
}

}  // namespace negotiateup::store
