#pragma once

#include <cstddef>
#include <expected>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace negotiateup::ingest {

// One record of an input file: its number (the header is record 1 in a CSV file,
// the first line is record 1 in JSON Lines) and its fields by column.
struct Record {
  std::size_t number = 0;
  std::vector<std::string> fields;
};

// Calls `visit` for each record after the header, streaming: RFC 4180 CSV (quoted
// fields, embedded commas and line breaks, a UTF-8 byte order mark) through libcsv,
// or JSON Lines (one object per line; its keys become the columns, in the order of
// the first line, later keys appended). `header` receives the column names first.
// An error says which record is malformed.
std::expected<void, std::string> read_records(const std::filesystem::path& path,
                                              std::vector<std::string>& header,
                                              const std::function<void(Record&)>& visit);

// One CSV line: fields quoted as RFC 4180 wants, ending in "\r\n".
std::string csv_line(const std::vector<std::string>& fields);

}  // namespace negotiateup::ingest
