#include <fmt/format.h>

#include <utility>

#include "store/backends.hpp"
#include "store/store.hpp"

namespace negotiateup::store {

std::expected<std::unique_ptr<Store>, std::string> open_store(std::string_view url) {
  if (url.starts_with("sqlite:")) return open_sqlite_store(url);
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
#if NEGOTIATEUP_WITH_POSTGRES
    auto store = open_postgres_store(url);
    if (!store) {
      // libpq quotes some parts of a URL it cannot read: never the password.
      return std::unexpected(
          fmt::format("{}: {}", redact_url(url), without_password(std::move(store.error()), url)));
    }
    return store;
#else
    return std::unexpected(
        fmt::format("{}: this negotiateup was built without PostgreSQL; rebuild with "
                    "-DNEGOTIATEUP_WITH_POSTGRES=ON",
                    redact_url(url)));
#endif
  }
  return std::unexpected(fmt::format(
      "'{}': expected sqlite:PATH or postgresql://... (a libpq connection URI)", redact_url(url)));
}

}  // namespace negotiateup::store
