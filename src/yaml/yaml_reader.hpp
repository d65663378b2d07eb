#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/diagnostic.hpp"
#include "core/enum_names.hpp"
#include "core/percent.hpp"
#include "yaml/document.hpp"

namespace negotiateup::yaml {

// Raised while reading a YAML document; the boundary that called the reader turns
// it into a core::Diagnostic (an expected error, never a crash).
class ReadError : public std::runtime_error {
 public:
  explicit ReadError(core::Diagnostic diagnostic)
      : std::runtime_error(diagnostic.to_string()), diagnostic_(std::move(diagnostic)) {}
  const core::Diagnostic& diagnostic() const { return diagnostic_; }

 private:
  core::Diagnostic diagnostic_;
};

// Reads typed values out of one YAML document and reports problems with the file
// and the line as it is on disk (`first_line` is the file line of the document's
// first line: 2 for front matter after its opening '---').
class Reader {
 public:
  Reader(std::string file, std::size_t first_line)
      : file_(std::move(file)), first_line_(first_line) {}

  // Parses one document; a quoted value left open or brackets nested too deep are
  // reported at their own line. Nodes are valid while the Document lives.
  Document load(std::string_view text) const;

  std::size_t line_of(const Node& node) const;
  [[noreturn]] void fail(const Node& node, std::string message) const;
  [[noreturn]] void fail_at(std::size_t line, std::string message) const;

  void require_map(const Node& node, std::string_view what) const;
  void require_sequence(const Node& node, std::string_view what) const;
  // Every key of `map` must be one of `allowed`.
  void check_keys(const Node& map, std::span<const std::string_view> allowed,
                  std::string_view what) const;
  void check_keys(const Node& map, std::initializer_list<std::string_view> allowed,
                  std::string_view what) const {
    check_keys(map, std::span(allowed.begin(), allowed.size()), what);
  }
  // The value at `key`, which must be present (it may be null).
  Node required(const Node& map, std::string_view key, std::string_view what) const;

  std::string string(const Node& node, std::string_view key) const;
  std::optional<std::string> optional_string(const Node& node, std::string_view key) const;
  std::optional<std::int64_t> optional_amount(const Node& node, std::string_view key) const;
  std::int64_t integer(const Node& node, std::string_view key, std::int64_t min,
                       std::int64_t max) const;
  std::optional<core::Percent> optional_percent(const Node& node, std::string_view key) const;
  std::optional<core::Date> optional_date(const Node& node, std::string_view key) const;
  std::vector<std::string> string_list(const Node& node, std::string_view key) const;
  // One of the enum's names (core/enum_names.hpp); an error lists them all.
  template <core::Named Enum>
  Enum name(const Node& node, std::string_view key) const {
    const auto text = string(node, key);
    const auto value = core::parse_name<Enum>(text);
    if (!value) {
      fail(node,
           fmt::format("expected '{}' to be {}, not '{}'", key, core::names_choice<Enum>(), text));
    }
    return *value;
  }

  const std::string& file() const { return file_; }

 private:
  void check_lines(std::string_view text) const;

  std::string file_;
  std::size_t first_line_;
};

inline bool is_null(const Node& node) {
  return !node.IsDefined() || node.IsNull();
}

}  // namespace negotiateup::yaml
