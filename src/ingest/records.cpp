#include "ingest/records.hpp"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <csv.h>
#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "core/string_map.hpp"
#include "core/text.hpp"
#include "json/depth.hpp"

namespace negotiateup::ingest {
namespace {

// A JSON Lines record is one object of columns; a value that is an object or an
// array is kept as its JSON text. Deeper than this is no record.
constexpr std::size_t kMaxRecordDepth = 16;

// The lines of a stream, each with its ending ("\n", "\r\n" or a lone "\r", as
// libcsv ends records), none longer than kMaxLineBytes and all of them together no
// more than kMaxInputBytes: a pipe without line breaks, or /dev/zero behind a
// FIFO, is refused once it passes a bound, not read into memory.
class LineReader {
 public:
  LineReader(std::istream& input, std::string file) : input_(input), file_(std::move(file)) {}

  // The next line; empty at the end of the input.
  std::expected<std::string_view, core::Diagnostic> next() {
    while (true) {
      const auto at = buffer_.find_first_of("\r\n", start_ + scanned_);
      if (at != std::string::npos && buffer_[at] == '\r' && at + 1 == buffer_.size() && !ended_) {
        scanned_ = at - start_;  // whether "\n" follows is in the next chunk
      } else if (at != std::string::npos) {
        auto end = at + 1;
        if (buffer_[at] == '\r' && end < buffer_.size() && buffer_[end] == '\n') ++end;
        if (end - start_ > kMaxLineBytes) return std::unexpected(too_long());
        const std::string_view line(buffer_.data() + start_, end - start_);
        start_ = end;
        scanned_ = 0;
        ++number_;
        return line;
      } else {
        scanned_ = buffer_.size() - start_;
        if (scanned_ > kMaxLineBytes) return std::unexpected(too_long());
      }
      auto filled = fill();
      if (!filled) return std::unexpected(std::move(filled.error()));
      if (!*filled && at == std::string::npos) {
        const std::string_view rest(buffer_.data() + start_, buffer_.size() - start_);
        start_ = buffer_.size();
        scanned_ = 0;
        if (!rest.empty()) ++number_;
        return rest;
      }
    }
  }

  // The line last returned.
  std::size_t number() const { return number_; }

 private:
  static constexpr std::size_t kChunk = std::size_t{1} << 16;

  core::Diagnostic too_long() const {
    return {file_, number_ + 1,
            fmt::format("line is longer than {} bytes; expected a record of at most {} bytes",
                        kMaxLineBytes, kMaxLineBytes)};
  }

  // Whether more bytes were read.
  std::expected<bool, core::Diagnostic> fill() {
    if (ended_) return false;
    buffer_.erase(0, start_);
    start_ = 0;
    const auto kept = buffer_.size();
    buffer_.resize(kept + kChunk);
    input_.read(buffer_.data() + kept, static_cast<std::streamsize>(kChunk));
    const auto read = static_cast<std::size_t>(input_.gcount());
    buffer_.resize(kept + read);
    total_ += read;
    if (total_ > kMaxInputBytes) {
      return std::unexpected(core::Diagnostic{
          file_, 0,
          fmt::format("is larger than {} bytes; expected a data file of at most {} bytes "
                      "(split it into several files)",
                      kMaxInputBytes, kMaxInputBytes)});
    }
    if (read == 0) ended_ = true;
    return read > 0;
  }

  std::istream& input_;
  std::string file_;
  std::string buffer_;
  std::size_t start_ = 0;    // of the next line in buffer_
  std::size_t scanned_ = 0;  // bytes after start_ known to hold no line ending
  std::uintmax_t total_ = 0;
  std::size_t number_ = 0;
  bool ended_ = false;
};

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// A column named twice would leave one of the two values unread: a header names
// each column once, compared as the columns are matched (trimmed, in any case).
std::optional<std::string> named_twice(const std::vector<std::string>& columns) {
  absl::flat_hash_set<std::string> seen;
  for (const auto& column : columns) {
    if (!seen.insert(core::to_lower_ascii(core::trim(column))).second) return column;
  }
  return std::nullopt;
}

struct CsvState {
  std::vector<std::string>* header;
  const std::function<void(Record&)>* visit;
  std::string file;
  Record record;
  std::size_t fields_used = 0;  // of record.fields, in the record being read
  std::size_t number = 0;       // of the records read, the header included
  std::size_t line = 0;         // the line being read
  std::size_t record_line = 0;  // the line the record being read starts on
  std::size_t record_bytes = 0;
  bool first = true;
  bool bom_checked = false;
  std::optional<core::Diagnostic> error;  // the first; libcsv's callbacks cannot stop it
};

void on_field(void* data, std::size_t size, void* state_pointer) {
  auto& state = *static_cast<CsvState*>(state_pointer);
  if (state.error) return;
  std::string_view field(static_cast<const char*>(data), size);
  if (!state.bom_checked) {
    state.bom_checked = true;
    if (field.starts_with("\xEF\xBB\xBF")) field.remove_prefix(3);
  }
  if (field.size() > kMaxFieldBytes) {
    state.error =
        core::Diagnostic{state.file, state.record_line,
                         fmt::format("field {} is {} bytes; expected at most {} bytes",
                                     state.fields_used + 1, field.size(), kMaxFieldBytes)};
    return;
  }
  if (state.fields_used == kMaxColumns) {
    state.error = core::Diagnostic{
        state.file, state.record_line,
        fmt::format("more than {} fields; expected at most {} columns", kMaxColumns, kMaxColumns)};
    return;
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
  state.record_bytes = 0;
  if (state.error) return;
  ++state.number;
  state.record.fields.resize(state.fields_used);
  state.fields_used = 0;
  if (state.first) {
    if (const auto twice = named_twice(state.record.fields)) {
      state.error = core::Diagnostic{
          state.file, state.record_line,
          fmt::format("the header names the column '{}' twice; expected each column once",
                      core::printable(*twice))};
      return;
    }
    *state.header = std::move(state.record.fields);
    state.record.fields.clear();
    state.first = false;
  } else {
    state.record.number = state.number;
    (*state.visit)(state.record);
  }
}

std::expected<void, core::Diagnostic> read_csv(LineReader& lines, const std::string& file,
                                               std::vector<std::string>& header,
                                               const std::function<void(Record&)>& visit) {
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
    return std::unexpected(core::Diagnostic{file, 0, "cannot start the CSV parser"});
  }
  struct FreeParser {
    csv_parser& parser;
    ~FreeParser() { csv_free(&parser); }
  } free_parser{parser};
  // libcsv grows a field's buffer by this much at a time. By its default of 128
  // bytes, a megabyte inside an open quote cost 8,192 copies of the growing field.
  csv_set_blk_size(&parser, kMaxFieldBytes);
  CsvState state{&header, &visit, file, {}, 0, 0, 0, 0, 0, true, false, std::nullopt};
  bool any_text = false;
  while (true) {
    auto line = lines.next();
    if (!line) return std::unexpected(std::move(line.error()));
    if (line->empty()) break;
    any_text = any_text || !blank(*line);
    state.line = lines.number();
    if (state.record_bytes == 0) state.record_line = state.line;
    state.record_bytes += line->size();
    if (state.record_bytes > kMaxLineBytes) {
      return std::unexpected(core::Diagnostic{
          file, state.record_line,
          fmt::format("record is longer than {} bytes (an open quote?); expected a record of at "
                      "most {} bytes",
                      kMaxLineBytes, kMaxLineBytes)});
    }
    if (csv_parse(&parser, line->data(), line->size(), on_field, on_record, &state) !=
        line->size()) {
      return std::unexpected(
          core::Diagnostic{file, state.line,
                           fmt::format("malformed CSV ({}); expected RFC 4180 quoting",
                                       csv_strerror(csv_error(&parser)))});
    }
    if (state.error) return std::unexpected(std::move(*state.error));
  }
  if (csv_fini(&parser, on_field, on_record, &state) != 0) {
    return std::unexpected(
        core::Diagnostic{file, state.record_line,
                         "malformed CSV: a quote opened here is never closed; expected RFC 4180 "
                         "quoting"});
  }
  if (state.error) return std::unexpected(std::move(*state.error));
  if (!any_text) {
    return std::unexpected(
        core::Diagnostic{file, 0, "file is empty; expected a header line, then a row per point"});
  }
  return {};
}

// Thrown from the JSON parser's callback to stop at the first key too many.
struct RecordRefused {
  std::string message;
};

std::expected<void, core::Diagnostic> read_jsonl(LineReader& lines, const std::string& file,
                                                 std::vector<std::string>& header,
                                                 const std::function<void(Record&)>& visit) {
  // Each key's column in one lookup: a search of the header per key made a line
  // of 160,000 keys take 49 s.
  absl::flat_hash_map<std::string, std::size_t, core::StringHash, std::equal_to<>> columns;
  for (std::size_t i = 0; i < header.size(); ++i) columns.emplace(header[i], i);
  absl::flat_hash_set<std::string, core::StringHash, std::equal_to<>> keys;  // of one record
  // nlohmann/json keeps the last of two equal keys; each key is seen here first.
  const nlohmann::json::parser_callback_t check_key =
      [&keys](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        if (event != nlohmann::json::parse_event_t::key || depth != 1) return true;
        const auto& key = parsed.get_ref<const std::string&>();
        if (!keys.insert(key).second) {
          throw RecordRefused{fmt::format("the key '{}' is given twice; expected each key once",
                                          core::printable(key))};
        }
        if (keys.size() > kMaxColumns) {
          throw RecordRefused{fmt::format("more than {} keys; expected at most {} columns",
                                          kMaxColumns, kMaxColumns)};
        }
        return true;
      };
  bool any_record = false;
  Record record;
  while (true) {
    auto line = lines.next();
    if (!line) return std::unexpected(std::move(line.error()));
    if (line->empty()) break;
    if (blank(*line)) continue;
    any_record = true;
    const auto number = lines.number();
    const auto refuse = [&](std::string message) {
      return std::unexpected(core::Diagnostic{file, number, std::move(message)});
    };
    if (json::nests_deeper_than(*line, kMaxRecordDepth)) {
      return refuse(fmt::format("nested deeper than {} levels; expected one flat JSON object",
                                kMaxRecordDepth));
    }
    keys.clear();
    nlohmann::json object;
    try {
      object = nlohmann::json::parse(*line, check_key, false);
    } catch (const RecordRefused& refused) {
      return refuse(refused.message);
    }
    if (!object.is_object()) return refuse("expected one JSON object on the line");
    record.number = number;
    record.fields.assign(header.size(), std::string());
    for (const auto& [key, value] : object.items()) {
      auto column = columns.find(key);
      if (column == columns.end()) {
        if (header.size() == kMaxColumns) {
          return refuse(fmt::format(
              "the key '{}' makes more than {} distinct keys in the file; expected at most {} "
              "columns",
              core::printable(key), kMaxColumns, kMaxColumns));
        }
        column = columns.emplace(key, header.size()).first;
        header.push_back(key);
        record.fields.emplace_back();
      }
      auto& field = record.fields[column->second];
      field = value.is_string() ? value.get<std::string>() : value.is_null() ? "" : value.dump();
      if (field.size() > kMaxFieldBytes) {
        return refuse(fmt::format("the value of '{}' is {} bytes; expected at most {} bytes",
                                  core::printable(key), field.size(), kMaxFieldBytes));
      }
    }
    visit(record);
  }
  if (!any_record) {
    return std::unexpected(
        core::Diagnostic{file, 0, "file is empty; expected a JSON object per line"});
  }
  return {};
}

}  // namespace

std::expected<void, core::Diagnostic> read_records(const std::filesystem::path& path,
                                                   std::vector<std::string>& header,
                                                   const std::function<void(Record&)>& visit) {
  const auto file = path.string();
  std::ifstream input(path, std::ios::binary);
  if (!input) return std::unexpected(core::Diagnostic{file, 0, "cannot be opened for reading"});
  LineReader lines(input, file);
  const auto extension = path.extension().string();
  if (extension == ".jsonl" || extension == ".ndjson") {
    return read_jsonl(lines, file, header, visit);
  }
  return read_csv(lines, file, header, visit);
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
