#include <fmt/format.h>

#include "store/backends.hpp"
#include "store/store.hpp"

namespace negotiateup::store {

std::expected<std::unique_ptr<Store>, std::string> open_store(std::string_view url,
                                                              core::Jobs jobs) {
  if (url.starts_with("sqlite:")) return open_sqlite_store(url, jobs);
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return open_postgres_store(url);
  }
  return std::unexpected(fmt::format(
      "'{}': expected sqlite:PATH or postgresql://... (a libpq connection URI)", redact_url(url)));
}

}  // namespace negotiateup::store
