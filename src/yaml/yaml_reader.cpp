#include "yaml/yaml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <utility>

#include "core/text.hpp"

namespace negotiateup::yaml {

namespace {

// How deep [ and { may nest: our files are flat, and deep nesting is a mistake
// rather than data; say so plainly.
constexpr int kMaxFlowDepth = 16;

// libyaml's words, with what a person editing the file should look at.
std::string explain(const std::string& message) {
  if (message.find("did not find expected") != std::string::npos) {
    return message + " (check the indentation and the brackets here)";
  }
  if (message.find("cannot start any token") != std::string::npos) {
    return message + " (a tab? YAML indents with spaces)";
  }
  return message;
}

}  // namespace

void Reader::check_lines(std::string_view text) const {
  // A double-quoted value may run on to the end of the document, and the parser then
  // blames the end; our files keep every quoted value on one line, so name its line.
  std::size_t line = first_line_;
  int depth = 0;
  for (const auto raw_line : core::split(text, "\n")) {
    const auto content = core::trim(raw_line);
    std::size_t value = std::string_view::npos;
    if (const auto colon = content.find(": \"");
        colon != std::string_view::npos &&
        content.substr(0, colon).find('"') == std::string_view::npos) {
      value = colon + 2;
    } else if (content.starts_with("- \"")) {
      value = 2;
    }
    if (value != std::string_view::npos) {
      bool closed = false;
      for (std::size_t i = value + 1; i < content.size(); ++i) {
        if (content[i] == '\\') {
          ++i;
        } else if (content[i] == '"') {
          closed = true;
          break;
        }
      }
      if (!closed) {
        fail_at(line,
                "a double-quoted value opened on this line is not closed on it; expected "
                "a closing '\"' before the end of the line");
      }
    }
    for (const char c : content) {
      if (c == '#') break;
      if (c == '[' || c == '{') ++depth;
      if (c == ']' || c == '}') --depth;
      if (depth > kMaxFlowDepth) {
        fail_at(line, fmt::format("brackets nested deeper than {} levels; expected flat keys and "
                                  "short lists",
                                  kMaxFlowDepth));
      }
    }
    ++line;
  }
}

Document Reader::load(std::string_view text) const {
  check_lines(text);
  auto document = Document::parse(text);
  if (!document) {
    throw ReadError(
        core::Diagnostic{file_, document.error().line + first_line_,
                         fmt::format("invalid YAML: {}", explain(document.error().message))});
  }
  return std::move(*document);
}

std::size_t Reader::line_of(const Node& node) const {
  return node.IsDefined() ? node.line() + first_line_ : first_line_;
}

void Reader::fail(const Node& node, std::string message) const {
  throw ReadError(core::Diagnostic{file_, line_of(node), std::move(message)});
}

void Reader::fail_at(std::size_t line, std::string message) const {
  throw ReadError(core::Diagnostic{file_, line, std::move(message)});
}

void Reader::require_map(const Node& node, std::string_view what) const {
  if (!node.IsMap()) fail(node, fmt::format("expected {} as a mapping of keys to values", what));
}

void Reader::require_sequence(const Node& node, std::string_view what) const {
  if (!node.IsSequence()) fail(node, fmt::format("expected {} as a list", what));
}

void Reader::check_keys(const Node& map, std::span<const std::string_view> allowed,
                        std::string_view what) const {
  std::vector<std::pair<std::string, std::size_t>> seen;
  for (const auto& entry : map.entries()) {
    if (!entry.first.IsScalar()) {
      fail(entry.first, fmt::format("expected a text key in {}, found a list or a mapping", what));
    }
    const auto key = entry.first.Scalar();
    for (const auto& [earlier, line] : seen) {
      if (earlier == key) {
        fail(entry.first, fmt::format("duplicate key '{}' in {} (first at line {}); expected "
                                      "each key once",
                                      key, what, line));
      }
    }
    seen.emplace_back(key, line_of(entry.first));
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string expected;
      for (const auto name : allowed)
        expected += (expected.empty() ? "" : ", ") + std::string(name);
      fail(entry.first,
           fmt::format("unknown key '{}' in {}; expected one of: {}", key, what, expected));
    }
  }
}

Node Reader::required(const Node& map, std::string_view key, std::string_view what) const {
  const auto value = map[std::string(key)];
  if (!value.IsDefined()) {
    fail(map, fmt::format("missing required key '{}' in {}", key, what));
  }
  return value;
}

std::string Reader::string(const Node& node, std::string_view key) const {
  if (!node.IsScalar() || node.IsNull()) {
    fail(node, fmt::format("expected '{}' to be a text value", key));
  }
  auto value = node.Scalar();
  if (value.empty()) fail(node, fmt::format("expected '{}' to be a non-empty text value", key));
  return value;
}

std::optional<std::string> Reader::optional_string(const Node& node, std::string_view key) const {
  if (is_null(node)) return std::nullopt;
  return string(node, key);
}

std::optional<std::int64_t> Reader::optional_amount(const Node& node, std::string_view key) const {
  if (is_null(node)) return std::nullopt;
  return integer(node, key, -1'000'000'000'000, 1'000'000'000'000);
}

std::int64_t Reader::integer(const Node& node, std::string_view key, std::int64_t min,
                             std::int64_t max) const {
  const std::string text = node.IsScalar() ? node.Scalar() : std::string();
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (!node.IsScalar() || text.empty() || error != std::errc() ||
      end != text.data() + text.size()) {
    fail(node, fmt::format("expected '{}' to be a whole number (e.g. 78000), not '{}'", key, text));
  }
  if (value < min || value > max) {
    fail(node, fmt::format("expected '{}' between {} and {}, not {}", key, min, max, value));
  }
  return value;
}

std::optional<core::Percent> Reader::optional_percent(const Node& node,
                                                      std::string_view key) const {
  if (is_null(node)) return std::nullopt;
  const auto percent = core::parse_percent(node.IsScalar() ? node.Scalar() : "");
  if (!percent) fail(node, fmt::format("expected '{}' to be {}", key, percent.error()));
  return *percent;
}

std::optional<core::Date> Reader::optional_date(const Node& node, std::string_view key) const {
  if (is_null(node)) return std::nullopt;
  const auto date = core::parse_date(node.IsScalar() ? node.Scalar() : "");
  if (!date) fail(node, fmt::format("expected '{}' to be {}", key, date.error()));
  return *date;
}

std::vector<std::string> Reader::string_list(const Node& node, std::string_view key) const {
  std::vector<std::string> values;
  if (is_null(node)) return values;
  require_sequence(node, fmt::format("'{}'", key));
  for (const auto& item : node.items()) values.push_back(string(item, key));
  return values;
}

}  // namespace negotiateup::yaml
