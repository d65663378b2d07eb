#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/currency.hpp"
#include "core/date.hpp"

namespace negotiateup::core {

// One self-reported pay figure, as stored: yearly amounts in whole units of its
// currency (docs/data-points.md).
struct DataPoint {
  Date date;
  std::string company;
  std::string role;
  std::optional<std::string> level;
  std::string region;
  Currency currency;
  std::int64_t base = 0;
  std::int64_t stock_per_year = 0;
  std::int64_t bonus = 0;
  std::string source;
  std::string attributes;          // the file's other columns, as a JSON object
  std::vector<std::string> flags;  // kept but suspicious: "zero-base", "total-mismatch", ...

  std::int64_t total() const { return base + stock_per_year + bonus; }
};

// The flags as a store keeps them: "zero-base,peer-outlier", "" for none.
std::string join_flags(const std::vector<std::string>& flags);
std::vector<std::string> split_flags(std::string_view text);

// PostgreSQL's percentile_cont: the value at fraction q of the sorted values,
// linearly between the two closest ranks; rounded to a whole unit, half away from
// zero. `sorted` must be sorted and not empty.
std::int64_t percentile_cont(std::span<const std::int64_t> sorted, double q);

}  // namespace negotiateup::core
