#include "ingest/records.hpp"

#include <csv.h>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "json/depth.hpp"

namespace negotiateup::ingest {
namespace {

// A JSON Lines record is one object of columns; a value that is an object or an
// array is kept as its JSON text. Deeper than this is no record.
constexpr std::size_t kMaxRecordDepth = 16;

struct CsvState {
  std::vector<std::string>* header;
  const std::function<void(Record&)>* visit;
  Record record;
  std::size_t fields_used = 0;  // of record.fields, in the record being read
  std::size_t number = 0;
  bool first = true;
  bool bom_checked = false;
};

void on_field(void* data, std::size_t size, void* state_pointer) {
  auto& state = *static_cast<CsvState*>(state_pointer);
  std::string_view field(static_cast<const char*>(data), size);
  if (!state.bom_checked) {
    state.bom_checked = true;
    if (field.starts_with("\xEF\xBB\xBF")) field.remove_prefix(3);
  }
  // The fields' strings are kept from record to record and refilled, not made anew.
  auto& fields = state.record.fields;
  if (state.fields_used < fields.size()) {
    fields[state.fields_used].assign(field);
  } else {
    fields.emplace_back(field);
  }
  ++state.fields_used;
}

void on_record(int, void* state_pointer) {
  auto& state = *static_cast<CsvState*>(state_pointer);
  ++state.number;
  state.record.fields.resize(state.fields_used);
  state.fields_used = 0;
  if (state.first) {
    *state.header = std::move(state.record.fields);
    state.record.fields.clear();
    state.first = false;
  } else {
    state.record.number = state.number;
    (*state.visit)(state.record);
  }
}

std::expected<void, std::string> read_csv(std::ifstream& input, std::vector<std::string>& header,
                                          const std::function<void(Record&)>& visit) {
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
    return std::unexpected("cannot start the CSV parser");
  }
  CsvState state{&header, &visit, {}, 0, 0, true, false};
  std::vector<char> buffer(1 << 16);
  while (input) {
    input.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto read = static_cast<std::size_t>(input.gcount());
    if (read == 0) break;
    if (csv_parse(&parser, buffer.data(), read, on_field, on_record, &state) != read) {
      const auto error = fmt::format("record {}: malformed CSV ({}); expected RFC 4180 quoting",
                                     state.number + 1, csv_strerror(csv_error(&parser)));
      csv_free(&parser);
      return std::unexpected(error);
    }
  }
  const int finished = csv_fini(&parser, on_field, on_record, &state);
  csv_free(&parser);
  if (finished != 0) {
    return std::unexpected(fmt::format(
        "record {}: malformed CSV at the end of the file (an open quote?)", state.number + 1));
  }
  return {};
}

std::expected<void, std::string> read_jsonl(std::ifstream& input, std::vector<std::string>& header,
                                            const std::function<void(Record&)>& visit) {
  std::string line;
  std::size_t number = 0;
  while (std::getline(input, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (json::nests_deeper_than(line, kMaxRecordDepth)) {
      return std::unexpected(
          fmt::format("record {}: nested deeper than {} levels; expected one flat JSON object",
                      number, kMaxRecordDepth));
    }
    const auto object = nlohmann::json::parse(line, nullptr, false);
    if (!object.is_object()) {
      return std::unexpected(
          fmt::format("record {}: expected one JSON object on the line", number));
    }
    Record record{number, std::vector<std::string>(header.size())};
    for (const auto& [key, value] : object.items()) {
      auto column = std::find(header.begin(), header.end(), key);
      if (column == header.end()) {
        header.push_back(key);
        record.fields.emplace_back();
        column = header.end() - 1;
      }
      const auto index = static_cast<std::size_t>(column - header.begin());
      record.fields[index] = value.is_string() ? value.get<std::string>()
                             : value.is_null() ? ""
                                               : value.dump();
    }
    visit(record);
  }
  return {};
}

}  // namespace

std::expected<void, std::string> read_records(const std::filesystem::path& path,
                                              std::vector<std::string>& header,
                                              const std::function<void(Record&)>& visit) {
  std::ifstream input(path, std::ios::binary);
  if (!input) return std::unexpected("cannot be opened for reading");
  const auto extension = path.extension().string();
  if (extension == ".jsonl" || extension == ".ndjson") return read_jsonl(input, header, visit);
  return read_csv(input, header, visit);
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    const auto& field = fields[i];
    if (field.find_first_of(",\"\r\n") == std::string::npos) {
      line += field;
      continue;
    }
    // libcsv quotes the field and doubles its quotes.
    std::string quoted(csv_write(nullptr, 0, field.data(), field.size()), '\0');
    csv_write(quoted.data(), quoted.size(), field.data(), field.size());
    line += quoted;
  }
  return line + "\r\n";
}

}  // namespace negotiateup::ingest
