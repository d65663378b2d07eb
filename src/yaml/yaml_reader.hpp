#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/diagnostic.hpp"
#include "core/percent.hpp"

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
  // reported at their own line.
  YAML::Node load(const std::string& text) const;

  std::size_t line_of(const YAML::Node& node) const;
  [[noreturn]] void fail(const YAML::Node& node, std::string message) const;
  [[noreturn]] void fail_at(std::size_t line, std::string message) const;

  void require_map(const YAML::Node& node, std::string_view what) const;
  void require_sequence(const YAML::Node& node, std::string_view what) const;
  // Every key of `map` must be one of `allowed`.
  void check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                  std::string_view what) const;
  // The value at `key`, which must be present (it may be null).
  YAML::Node required(const YAML::Node& map, std::string_view key, std::string_view what) const;

  std::string string(const YAML::Node& node, std::string_view key) const;
  std::optional<std::string> optional_string(const YAML::Node& node, std::string_view key) const;
  std::optional<std::int64_t> optional_amount(const YAML::Node& node, std::string_view key) const;
  std::int64_t integer(const YAML::Node& node, std::string_view key, std::int64_t min,
                       std::int64_t max) const;
  std::optional<core::Percent> optional_percent(const YAML::Node& node, std::string_view key) const;
  std::optional<core::Date> optional_date(const YAML::Node& node, std::string_view key) const;
  std::vector<std::string> string_list(const YAML::Node& node, std::string_view key) const;

  const std::string& file() const { return file_; }

 private:
  void check_lines(const std::string& text) const;

  std::string file_;
  std::size_t first_line_;
};

inline bool is_null(const YAML::Node& node) {
  return !node.IsDefined() || node.IsNull();
}

}  // namespace negotiateup::yaml
