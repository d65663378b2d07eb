#pragma once

#include <array>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "core/data_point.hpp"
#include "ingest/records.hpp"
#include "store/store.hpp"

namespace negotiateup::ingest {

// A pay figure in whole units ("120000"), from 0 to a trillion; the error names
// `column`.
std::expected<std::int64_t, std::string> whole_amount(std::string_view text,
                                                      std::string_view column);

// Text a store can keep: UTF-8 without NUL (PostgreSQL refuses both).
bool storable_text(std::string_view field);

// Turns a record in the canonical columns of docs/data-points.md into a data
// point, or says why it is rejected. Columns it does not know are kept as the
// point's attributes.
class PointParser {
 public:
  // An error names the required columns the header lacks.
  static std::expected<PointParser, std::string> for_columns(std::vector<std::string> columns,
                                                             int vesting_years);

  std::expected<core::DataPoint, std::string> parse(const Record& record) const;

 private:
  enum Column {
    date,
    company,
    role,
    level,
    region,
    currency,
    base,
    stock,
    stock_per_year,
    bonus_pct,
    bonus,
    source,
    count
  };
  std::string_view get(const Record& record, Column column) const;

  std::vector<std::string> names_;                       // the columns, as the header has them
  std::array<std::optional<std::size_t>, count> index_;  // where each canonical column is
  std::vector<std::size_t> extra_;                       // the other columns
  int vesting_years_ = 4;
};

}  // namespace negotiateup::ingest
