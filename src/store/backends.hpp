#pragma once

// The store's backends, dispatched by open_store (open_store.cpp). Internal to
// src/store/: users call store::open_store.

#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "store/postgres_module.hpp"
#include "store/store.hpp"

namespace negotiateup::store {

// "sqlite:PATH": the file is created when missing.
std::expected<std::unique_ptr<Store>, std::string> open_sqlite_store(std::string_view url,
                                                                     core::Jobs jobs);

// "postgresql://..." or "postgres://...": a libpq connection URI; the database
// must exist, its schema is created or upgraded on open. The backend is a module
// loaded, with libpq, on the first call (postgres_loader.cpp).
std::expected<std::unique_ptr<Store>, std::string> open_postgres_store(std::string_view url);

// The PostgreSQL backend module at `path`, loaded and checked to be built from
// the program's own sources (postgres_module.hpp); or why not. For
// open_postgres_store, and for the tests.
using PostgresOpenFunction = OpenedStore (*)(std::string_view url);
std::expected<PostgresOpenFunction, std::string> load_postgres_module(
    const std::filesystem::path& path);

// The URL as it may be shown in a message: without the password of its user
// part or of a `password=` parameter.
std::string redact_url(std::string_view url);

// `message` with the password of the URL's user part, wherever it appears, as ***.
std::string without_password(std::string message, std::string_view url);

}  // namespace negotiateup::store
