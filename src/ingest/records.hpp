#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"

namespace negotiateup::ingest {

// The bounds of a data file (docs/data-points.md), each far above the real data
// sets (their longest line is 896 bytes, their largest file 10 MB) and each
// refused with an error naming the file and the line: nothing in a file makes the
// reading's memory or work grow faster than the file.
// A line, and a CSV record whose quoted fields span lines.
inline constexpr std::size_t kMaxLineBytes = std::size_t{1} << 20;
// One field of a CSV record or one value of a JSON Lines record.
inline constexpr std::size_t kMaxFieldBytes = std::size_t{64} << 10;
// The columns of a file: a CSV header's, or the distinct keys of all the lines of
// a JSON Lines file (and so of each record).
inline constexpr std::size_t kMaxColumns = 1000;
// A whole file or pipe.
inline constexpr std::uintmax_t kMaxInputBytes = std::uintmax_t{1} << 30;

// One record of an input file: its number (the header is record 1 in a CSV file,
// the first line is record 1 in JSON Lines; a CSV record may span lines, and
// blank lines are no record) and its fields by column. The rejected rows are
// reported by it, as a spreadsheet numbers rows; an error that ends the reading
// names the line, where an editor finds it.
struct Record {
  std::size_t number = 0;
  std::vector<std::string> fields;
};

// Calls `visit` for each record after the header, streaming: RFC 4180 CSV (quoted
// fields, embedded commas and line breaks, a UTF-8 byte order mark) through libcsv,
// or JSON Lines (one object per line; its keys become the columns, in the order of
// the first line, later keys appended). `header` receives the column names first.
// An error names the file and the line: malformed, over a bound above, a CSV
// header that names a column twice, a JSON object with a key twice, a file with
// nothing in it. A record whose number of fields is not the header's is visited:
// the caller rejects it.
std::expected<void, core::Diagnostic> read_records(const std::filesystem::path& path,
                                                   std::vector<std::string>& header,
                                                   const std::function<void(Record&)>& visit);

// One CSV line: fields quoted as RFC 4180 wants, ending in "\r\n".
std::string csv_line(const std::vector<std::string>& fields);

}  // namespace negotiateup::ingest
