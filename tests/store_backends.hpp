#pragma once

// Fresh, empty stores of each backend for a test, and the pattern that runs a
// test over both backends:
//
//   class ThingTest : public test::StoreBackendTest {};
//   TEST_P(ThingTest, DoesIt) {
//     auto store = open_store();  // the test's own empty store; url() names it
//     ...
//   }
//   NEGOTIATEUP_INSTANTIATE_BACKENDS(ThingTest);  // Backends/ThingTest.DoesIt/sqlite,
//   .../postgresql
//
// SQLite: a fresh file in a fresh folder. PostgreSQL: a fresh database, named
// after the test (dropped first if a previous run left it), on the server named
// by NEGOTIATEUP_TEST_POSTGRES_URL. CTest sets that variable on the tests that
// require the fixture "postgres", which starts a throw-away cluster first
// (tests/postgres/start.sh, docs/store.md). Without it, PostgreSQL tests fail
// and say how to start one. In a build without PostgreSQL
// (NEGOTIATEUP_WITH_POSTGRES=0), the tests run on SQLite alone.

#include <gtest/gtest.h>
#if NEGOTIATEUP_WITH_POSTGRES
#include <libpq-fe.h>
#endif

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <expected>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "store/store.hpp"
#include "test_support.hpp"

namespace negotiateup::test {

// A content hash for a test's point, from any label ("h1"): distinct labels, distinct
// hashes.
inline store::ContentHash hash_of(std::string_view label) {
  return {std::hash<std::string_view>{}(label), label.size()};
}

#if NEGOTIATEUP_WITH_POSTGRES
inline constexpr const char* kPostgresUrlVariable = "NEGOTIATEUP_TEST_POSTGRES_URL";

// The test server's URL (its maintenance database), or why there is none.
inline std::expected<std::string, std::string> postgres_server_url() {
  const char* url = std::getenv(kPostgresUrlVariable);
  if (url == nullptr || *url == '\0') {
    return std::unexpected(std::string(kPostgresUrlVariable) +
                           " is not set: there is no PostgreSQL server to test against. Run the "
                           "tests through CTest, which starts one (the fixture 'postgres'), e.g. "
                           "ctest --test-dir build/dev -R store_test; or start one with "
                           "tests/postgres/start.sh FOLDER PORT and set " +
                           kPostgresUrlVariable + "=postgresql://postgres@127.0.0.1:PORT/postgres");
  }
  return std::string(url);
}

// `url` (a libpq URI) with its database replaced by `database`.
inline std::string with_database(std::string_view url, std::string_view database) {
  const auto scheme = url.find("://");
  const auto start = scheme == std::string_view::npos ? 0 : scheme + 3;
  const auto path = url.find_first_of("/?", start);
  std::string result(url.substr(0, path));
  result += '/';
  result += database;
  if (path != std::string_view::npos) {
    if (const auto query = url.find('?', path); query != std::string_view::npos) {
      result += url.substr(query);
    }
  }
  return result;
}

// Runs one SQL statement on the database at `url`: the first value of its first
// row (empty when it returns none), or the error.
inline std::expected<std::string, std::string> postgres_exec(const std::string& url,
                                                             const std::string& sql) {
  const std::unique_ptr<PGconn, decltype(&PQfinish)> connection(PQconnectdb(url.c_str()),
                                                                &PQfinish);
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    return std::unexpected(url + ": " + PQerrorMessage(connection.get()));
  }
  PQsetNoticeProcessor(
      connection.get(), [](void*, const char*) {}, nullptr);
  const std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(connection.get(), sql.c_str()),
                                                             &PQclear);
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return std::unexpected(sql + ": " + PQerrorMessage(connection.get()));
  }
  if (PQntuples(result.get()) == 0 || PQnfields(result.get()) == 0) return std::string();
  return std::string(PQgetvalue(result.get(), 0, 0));
}
#endif

// The running test's full name: "Backends/IngestTest.StoresGoodRows/postgresql".
inline std::string current_test_name() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return info ? std::string(info->test_suite_name()) + "." + info->name() : "no-test";
}

// `name` with every character but [a-z0-9] as '_', lower case.
inline std::string identifier(std::string_view name) {
  std::string result;
  for (const char c : name) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    result += keep ? c : (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : '_';
  }
  return result;
}

// A database name for a test: PostgreSQL keeps 63 bytes of a name, so a long one
// is cut and ends with a hash of the whole (FNV-1a) to stay unique.
inline std::string database_name_for(std::string_view test_name) {
  std::string name = "test_" + identifier(test_name);
  if (name.size() <= 63) return name;
  std::uint32_t hash = 2166136261u;
  for (const char c : name) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", hash);
  return name.substr(0, 54) + "_" + hex;
}

#if NEGOTIATEUP_WITH_POSTGRES
// The empty database `name` on the test server, created again if a previous run
// left it: its URL.
inline std::expected<std::string, std::string> fresh_postgres_database(const std::string& name) {
  const auto server = postgres_server_url();
  if (!server) return server;
  // The name is made of [a-z0-9_] (database_name_for), so quoting it is enough.
  if (auto dropped =
          postgres_exec(*server, "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
      !dropped) {
    return std::unexpected(dropped.error());
  }
  if (auto created = postgres_exec(*server, "CREATE DATABASE \"" + name + "\""); !created) {
    return std::unexpected(created.error());
  }
  return with_database(*server, name);
}
#endif

// A fresh, empty store of `backend` ("sqlite" or "postgresql") for the running
// test: its URL. SQLite's file goes in `folder`.
inline std::expected<std::string, std::string> fresh_store_url(
    std::string_view backend, const std::filesystem::path& folder) {
  if (backend == "sqlite") {
    std::filesystem::remove(folder / "store.db");
    return "sqlite:" + (folder / "store.db").string();
  }
#if NEGOTIATEUP_WITH_POSTGRES
  if (backend == "postgresql")
    return fresh_postgres_database(database_name_for(current_test_name()));
#endif
  return std::unexpected("unknown backend '" + std::string(backend) + "'");
}

// Runs a test once per backend (NEGOTIATEUP_INSTANTIATE_BACKENDS): each run has a
// fresh folder and a fresh, empty store.
class StoreBackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    folder_ = fresh_folder(identifier(current_test_name()));
    auto url = fresh_store_url(GetParam(), folder_);
    ASSERT_TRUE(url.has_value()) << url.error();
    url_ = *url;
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  const std::string& backend() const { return GetParam(); }
  const std::string& url() const { return url_; }
  const std::filesystem::path& folder() const { return folder_; }
  // The test's store, opened (again); throws, so failing the test, if it cannot be.
  std::unique_ptr<store::Store> open_store() const {
    auto store = store::open_store(url_);
    if (!store) throw std::runtime_error(store.error().to_string());
    return std::move(*store);
  }

 private:
  std::filesystem::path folder_;
  std::string url_;
};

#if NEGOTIATEUP_WITH_POSTGRES
// A fresh, empty PostgreSQL database for a test of PostgreSQL alone.
class PostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto url = fresh_postgres_database(database_name_for(current_test_name()));
    ASSERT_TRUE(url.has_value()) << url.error();
    url_ = *url;
  }
  const std::string& url() const { return url_; }

 private:
  std::string url_;
};
#endif

inline std::string backend_test_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

}  // namespace negotiateup::test

// Runs the TEST_Ps of `suite` (a StoreBackendTest) once on each backend.
#if NEGOTIATEUP_WITH_POSTGRES
#define NEGOTIATEUP_STORE_BACKENDS "sqlite", "postgresql"
#else
#define NEGOTIATEUP_STORE_BACKENDS "sqlite"
#endif
#define NEGOTIATEUP_INSTANTIATE_BACKENDS(suite)                                            \
  INSTANTIATE_TEST_SUITE_P(Backends, suite, ::testing::Values(NEGOTIATEUP_STORE_BACKENDS), \
                           ::negotiateup::test::backend_test_name)
