#include <fmt/format.h>

#include <filesystem>
#include <optional>
#include <utility>

#include "store/backends.hpp"
#include "store/store.hpp"

namespace negotiateup::store {
namespace {

// The SQLite file a URL names, or nothing for PostgreSQL (or a URL that is
// neither, which open_store refuses).
std::optional<std::string_view> sqlite_path(std::string_view url) {
  if (url.starts_with("sqlite:")) return url.substr(7);
  if (url.find("://") != std::string_view::npos) return std::nullopt;
  return url;
}

}  // namespace

core::Result<std::unique_ptr<Store>> open_store(std::string_view url, core::Jobs jobs,
                                                std::chrono::milliseconds lock_wait) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
#if NEGOTIATEUP_WITH_POSTGRES
    return open_postgres_store(url);
#else
    return std::unexpected(
        core::Error::bad_input(redact_url(url),
                               "this negotiateup was built without PostgreSQL; rebuild with "
                               "-DNEGOTIATEUP_WITH_POSTGRES=ON"));
#endif
  }
  const auto path = sqlite_path(url);
  if (!path) {
    return std::unexpected(core::Error::bad_input(
        "--db", fmt::format("'{}': expected a file path, sqlite:PATH or postgresql://... (a libpq "
                            "connection URI)",
                            redact_url(url))));
  }
  return open_sqlite_store(*path, jobs, lock_wait);
}

core::Result<std::unique_ptr<Store>> open_existing_store(std::string_view url, core::Jobs jobs,
                                                         std::chrono::milliseconds lock_wait) {
  const auto path = sqlite_path(url);
  std::error_code error;
  if (path && !std::filesystem::exists(std::filesystem::path(*path), error)) {
    return std::unexpected(core::Error::bad_input(
        std::string(*path), "no such database; expected one that `negotiateup ingest` made"));
  }
  return open_store(url, jobs, lock_wait);
}

}  // namespace negotiateup::store
