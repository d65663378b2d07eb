#pragma once

#include <expected>
#include <string>
#include <vector>

#include "ingest/records.hpp"

namespace negotiateup::ingest {

// Maps the records of another layout onto the canonical columns of
// docs/data-points.md: what a profile (levels-fyi, aijobs, a file) does.
class RowMapper {
 public:
  virtual ~RowMapper() = default;
  // Called once with the file's header: the columns map() returns (canonical
  // names, and any other column kept as an attribute), or an error naming a column
  // the layout needs and the file lacks.
  virtual std::expected<std::vector<std::string>, std::string> columns(
      const std::vector<std::string>& header) = 0;
  // One record's fields in the order of columns(), or why the record is rejected.
  virtual std::expected<std::vector<std::string>, std::string> map(const Record& record) = 0;
};

}  // namespace negotiateup::ingest
