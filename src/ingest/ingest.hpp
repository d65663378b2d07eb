#pragma once

#include <cstddef>
#include <expected>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/policy.hpp"
#include "ingest/row_mapper.hpp"
#include "ingest/unresolved_tally.hpp"
#include "store/store.hpp"

namespace negotiateup::ingest {

struct IngestSummary {
  std::size_t read = 0;
  std::size_t stored = 0;
  std::size_t duplicate = 0;
  std::size_t flagged = 0;
  std::size_t rejected = 0;
  // Stored points that name a company, role or region the catalog does not know
  // yet (through a profile only): stored as written, not rejected.
  std::size_t unresolved = 0;
  NameCounts unresolved_companies;
  NameCounts unresolved_roles;
  NameCounts unresolved_regions;
  std::filesystem::path rejects;  // the quarantine report, when something was rejected
  struct Rejection {
    std::size_t record;
    std::string reason;
  };
  std::vector<Rejection> first_rejections;  // the first few, for the terminal
  // How many rows each kind of reason rejected: the reason with the values it
  // quotes and the numbers in it left out ("company '…' is not in the catalog").
  std::map<std::string, std::size_t> rejected_by_reason;
};

struct IngestOptions {
  // Where the quarantine report of rejected rows goes; written, when any row is
  // rejected, before the accepted rows are committed.
  std::filesystem::path rejects;
  int vesting_years = 4;        // a `stock` grant is spread over this many years
  RowMapper* mapper = nullptr;  // another layout than the canonical columns
};

// Reads one file of data points in the canonical columns (docs/data-points.md),
// validates every row, and stores the accepted ones in one transaction: a failure
// or a kill part way leaves the store as it was. Rejected rows go to the
// quarantine report with their record number and reason; suspicious rows are
// stored with flags. Stored again, a row is a duplicate (content hash). A file that
// cannot be read is bad input; a report that cannot be written leaves the store as
// it was (operational). A store's failure is thrown as core::Exception.
core::Result<IngestSummary> ingest_file(const std::filesystem::path& path, store::Store& store,
                                        const IngestOptions& options);

}  // namespace negotiateup::ingest
