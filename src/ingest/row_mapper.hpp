#pragma once

#include <expected>
#include <string>
#include <vector>

#include "ingest/records.hpp"

namespace negotiateup::ingest {

// The names of a mapped row that the catalog does not know (yet), as the row
// writes them; empty when known. The row is stored with them (docs/data-points.md,
// "Unresolved points").
struct UnresolvedNames {
  std::string company;
  std::string role;  // "Google 'Software Engineer' at level 'L3'": no level mapping gives it a role
  std::string region;
  bool any() const { return !company.empty() || !role.empty() || !region.empty(); }
};

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
  // The names of the record map() last returned that the catalog does not know.
  const UnresolvedNames& unresolved() const { return unresolved_; }

 protected:
  UnresolvedNames unresolved_;
};

}  // namespace negotiateup::ingest
