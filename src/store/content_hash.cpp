#include <fmt/compile.h>
#include <fmt/format.h>
#include <xxhash.h>

#include <iterator>

#include "store/store.hpp"

namespace negotiateup::store {

ContentHash content_hash(const core::DataPoint& p, std::string& text) {
  text.clear();
  // Compiled once: parsing the format string again for each point was a tenth of
  // the reading thread's time.
  fmt::format_to(std::back_inserter(text),
                 FMT_COMPILE("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}"),
                 core::format_date(p.date), p.company, p.role, p.level.value_or(""), p.region,
                 p.currency.code(), p.base, p.stock_per_year, p.bonus, p.source, p.attributes);
  const auto hash = XXH3_128bits(text.data(), text.size());
  return {hash.high64, hash.low64};
}

}  // namespace negotiateup::store
