#include <fmt/format.h>

#include <utility>

#include "store/backends.hpp"
#include "store/store.hpp"

namespace negotiateup::store {

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
  if (url.starts_with("sqlite:")) return open_sqlite_store(url.substr(7), jobs, lock_wait);
  if (url.find("://") != std::string_view::npos) {
    return std::unexpected(core::Error::bad_input(
        "--db", fmt::format("'{}': expected a file path, sqlite:PATH or postgresql://... (a libpq "
                            "connection URI)",
                            redact_url(url))));
  }
  return open_sqlite_store(url, jobs, lock_wait);  // a plain path
}

}  // namespace negotiateup::store
