#pragma once

// What the program and the PostgreSQL backend share. The backend is a module of
// its own (negotiateup-postgres.so, beside the program) that open_postgres_store
// loads on first use (postgres_loader.cpp): linking libpq, and with it OpenSSL,
// Kerberos, LDAP, GnuTLS..., into the program cost every run about 10 ms of
// start-up, and most runs never open a PostgreSQL store (docs/architecture.md).
//
// The module exports these two functions and nothing else. The store it returns
// is destroyed through Store's virtual destructor, so by the module's own code.
// Program and module must agree on Store and the domain types: the loader first
// compares the module's interface with its own and refuses another.

#include <expected>
#include <memory>
#include <string>
#include <string_view>

#include "store/store.hpp"

namespace negotiateup::store {
// A store just opened, or why it could not be.
using OpenedStore = std::expected<std::unique_ptr<Store>, std::string>;
}  // namespace negotiateup::store

// The store at `url` ("postgresql://..." or "postgres://..."), connected and its
// schema migrated; or why not, in one line, without the URL (the caller names it
// and takes the password out).
extern "C" [[gnu::visibility("default")]] negotiateup::store::OpenedStore
negotiateup_open_postgres_store(std::string_view url);

// A hash of the headers the program and the module share (src/core, store.hpp,
// this file), taken when the build is configured (src/store/CMakeLists.txt).
extern "C" [[gnu::visibility("default")]] const char* negotiateup_postgres_module_interface();
