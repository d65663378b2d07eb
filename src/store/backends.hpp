#pragma once

// The store's backends, dispatched by open_store (open_store.cpp). Internal to
// src/store/: users call store::open_store.

#include <expected>
#include <memory>
#include <string>
#include <string_view>

#include "store/store.hpp"

namespace negotiateup::store {

// The data point an approved submission becomes: its submission id joins its
// attributes (first), so that two people who report the same figures are two points.
core::DataPoint approved_point(core::DataPoint submitted, std::int64_t submission_id);

// The SQLite file at `path`, created when missing.
core::Result<std::unique_ptr<Store>> open_sqlite_store(std::string_view path, core::Jobs jobs,
                                                       std::chrono::milliseconds lock_wait);

// "postgresql://..." or "postgres://...": a libpq connection URI; the database
// must exist, its schema is created or upgraded on open. Errors name the URL
// without its password, and never show the password elsewhere. Defined only when
// the program is built with PostgreSQL (NEGOTIATEUP_WITH_POSTGRES).
core::Result<std::unique_ptr<Store>> open_postgres_store(std::string_view url);

// The URL as it may be shown in a message: without the password of its user
// part or of a `password=` parameter.
std::string redact_url(std::string_view url);

// `message` with the password of the URL's user part, wherever it appears, as ***.
std::string without_password(std::string message, std::string_view url);

}  // namespace negotiateup::store
