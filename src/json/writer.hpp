#pragma once

#include <rapidjson/prettywriter.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace negotiateup::json {

// Every JSON we write (guides, the build manifest, audit and offer reports,
// ingest's attributes) is written as a stream of events straight into text,
// never built as a document tree first: a build writes one per guide, and a
// tree per guide cost more than everything else about the JSON
// (docs/benchmarks.md). RapidJSON's writer does the escaping and the numbers.
enum class Layout {
  indented,  // two-space indents, one member or element a line, a final line break
  compact,   // one line, no spaces, no final line break
};

// RapidJSON's output stream, into a string we can hand out without a copy.
struct StringOutput {
  using Ch = char;
  std::string text;
  void Put(char c) { text.push_back(c); }
  void Flush() {}
};

// The event names are RapidJSON's, which readers of such writers know.
class Writer {
 public:
  explicit Writer(Layout layout = Layout::indented);
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void StartObject();
  void EndObject();
  void StartArray();
  void EndArray();
  // Keys and strings that are not UTF-8 are written with U+FFFD for each bad
  // sequence, so that the output is always JSON. Control characters are escaped
  // as \u001f (lower-case hex), as ingest's attributes always were: their
  // content hashes depend on it.
  void Key(std::string_view name);
  void String(std::string_view text);
  void Int64(std::int64_t number);
  void Uint64(std::uint64_t number);
  // Shortest form that reads back as the same double; a whole number keeps ".0".
  void Double(double number);
  void Bool(bool value);
  void Null();

  // The text written, taken out: the writer is done with it.
  std::string text() { return std::move(output_.text); }

 private:
  template <typename Event>
  void emit(Event event);
  void end_value();
  template <typename Put>
  void write_string(std::string_view text, Put put);

  Layout layout_;
  StringOutput output_;
  std::variant<rapidjson::PrettyWriter<StringOutput>, rapidjson::Writer<StringOutput>> writer_;
};

// A member of the object the writer has open.
void write_member(Writer& writer, std::string_view key, std::string_view text);
void write_member(Writer& writer, std::string_view key, std::int64_t number);

// A member whose value may be unknown: `write(value)` writes it, or null.
template <typename T, typename Write>
void write_optional(Writer& writer, std::string_view key, const std::optional<T>& value,
                    Write write) {
  writer.Key(key);
  if (value) {
    write(*value);
  } else {
    writer.Null();
  }
}
// A range member, [low, high]: anything with whole `low` and `high` (a
// core::Band), so that json needs no domain type; or null when it is unknown.
template <typename Range>
void write_range(Writer& writer, std::string_view key, const Range& range) {
  writer.Key(key);
  writer.StartArray();
  writer.Int64(range.low);
  writer.Int64(range.high);
  writer.EndArray();
}
template <typename Range>
void write_range(Writer& writer, std::string_view key, const std::optional<Range>& range) {
  if (range) {
    write_range(writer, key, *range);
  } else {
    writer.Key(key);
    writer.Null();
  }
}
void write_nullable(Writer& writer, std::string_view key,
                    const std::optional<std::int64_t>& number);
void write_nullable(Writer& writer, std::string_view key, const std::optional<std::string>& text);

}  // namespace negotiateup::json
