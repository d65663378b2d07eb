#include "yaml/yaml_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "core/text.hpp"

namespace negotiateup::yaml {

bool needs_double_quotes(std::string_view text) {
  if (text.empty()) return true;
  if (text.find_first_of("\"':|#\\\t\n") != std::string_view::npos) return true;
  if (text.front() == ' ' || text.back() == ' ') return true;
  if (std::any_of(text.begin(), text.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
    return true;  // control characters only exist escaped, inside double quotes
  }
  if (std::string_view("-?,[]{}&*!>%@`").find(text.front()) != std::string_view::npos) return true;
  const std::string lower = core::to_lower_ascii(text);
  constexpr std::array kReserved{"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"};
  if (std::find(kReserved.begin(), kReserved.end(), lower) != kReserved.end()) return true;
  // Numbers and dates would come back as something other than a string.
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
  });
}

namespace {

bool contains(std::string_view set, int c) {
  return c > 0 && set.find(static_cast<char>(c)) != std::string_view::npos;
}

// Whether a plain scalar reads back as exactly `text` (and not as null), by the
// rule the catalog files have always been written with.
bool plain_is_valid(std::string_view text, bool in_flow) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return false;
  }
  const auto at = [&](std::size_t i) -> int {
    return i < text.size() ? static_cast<unsigned char>(text[i]) : -1;
  };
  const auto blank = [&](std::size_t i) { return at(i) == ' ' || at(i) == '\t'; };
  const auto line_break = [&](std::size_t i) {
    return at(i) == '\n' || (at(i) == '\r' && at(i + 1) == '\n');
  };
  const auto blank_or_break = [&](std::size_t i) { return blank(i) || line_break(i); };
  const auto ends_after = [&](std::size_t i) { return at(i + 1) == -1; };

  // The first character must not start something else: an indicator, a "- " item,
  // a "? " key or a ": " value.
  const int first = at(0);
  if (blank_or_break(0)) return false;
  if (contains(in_flow ? "?,[]{}#&*!|>'\"%@`" : ",[]{}#&*!|>'\"%@`", first)) return false;
  if (in_flow ? (contains("-:", first) && (blank(1) || ends_after(0)))
              : (contains("-?:", first) && (blank_or_break(1) || ends_after(0)))) {
    return false;
  }
  if (text.back() == ' ') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const int c = at(i);
    if (c == ':' &&
        (blank_or_break(i + 1) || ends_after(i) || (in_flow && contains(",]}", at(i + 1))))) {
      return false;
    }
    if (in_flow && contains(",?[]{}", c)) return false;
    if (blank(i) && at(i + 1) == '#') return false;
    const bool control = c == 0 || (c < 0x20 && !contains("\t\n\r", c)) || c == 0x7F;
    const bool c1_control = c == 0xC2 && ((at(i + 1) >= 0x80 && at(i + 1) <= 0x84) ||
                                          (at(i + 1) >= 0x86 && at(i + 1) <= 0x9F));
    if (control || c1_control || line_break(i) || c == '\t') return false;
    if (text.substr(i, 3) == "\xEF\xBB\xBF") return false;  // a byte order mark
  }
  return true;
}

constexpr char32_t kReplacement = 0xFFFD;

// The next code point of UTF-8 `text` from `i`, U+FFFD for a malformed one.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i++]);
  int trailing = lead < 0x80 ? 0 : lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : -1;
  if (trailing < 0) return kReplacement;
  char32_t code = trailing == 0 ? lead : lead & (0x3Fu >> trailing);
  for (; trailing > 0; --trailing, ++i) {
    if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      return kReplacement;
    }
    code = (code << 6) | (static_cast<unsigned char>(text[i]) & 0x3F);
  }
  if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF) || (code & 0xFFFE) == 0xFFFE ||
      (code >= 0xFDD0 && code <= 0xFDEF)) {
    return kReplacement;
  }
  return code;
}

void append_utf8(std::string& out, char32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

void append_double_quoted(std::string& out, std::string_view text) {
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    const char32_t code = next_code_point(text, i);
    switch (code) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        // Control characters, C1 controls and the no-break space only exist escaped.
        if (code < 0x20 || (code >= 0x80 && code <= 0xA0)) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned>(code));
        } else if (code == 0xFEFF) {
          out += "\\ufeff";
        } else {
          append_utf8(out, code);
        }
    }
  }
  out += '"';
}

// Escapes byte by byte, so text that is not UTF-8 passes through unchanged.
void append_double_quoted_c0(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\x{:02X}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace

void Writer::new_line(int indent) {
  out_ += '\n';
  out_.append(static_cast<std::size_t>(indent), ' ');
}

// Places a node: after its key, after its "- ", or after the ", " of a flow list.
void Writer::begin_node(bool block_collection) {
  if (levels_.empty()) return;
  Level& level = levels_.back();
  switch (level.kind) {
    case Kind::map:
      if (!block_collection) out_ += ' ';
      break;
    case Kind::list:
      if (level.entries++ > 0 || !level.first_inline) new_line(level.indent);
      out_ += "- ";
      break;
    case Kind::flow_list:
      if (level.entries++ > 0) out_ += ", ";
      break;
  }
}

void Writer::begin_level(Kind kind) {
  if (kind == Kind::flow_list) {
    begin_node(false);
    out_ += '[';
    levels_.push_back({kind, 0, true});
    return;
  }
  if (!levels_.empty() && levels_.back().kind == Kind::flow_list) {
    throw std::logic_error("a block map or list inside a flow list");
  }
  begin_node(true);
  if (levels_.empty()) {
    levels_.push_back({kind, 0, true});
  } else {
    // Under a key the entries start on the next line; after "- " the first continues it.
    const bool after_dash = levels_.back().kind == Kind::list;
    levels_.push_back({kind, levels_.back().indent + 2, after_dash});
  }
}

void Writer::end_level() {
  const Level level = levels_.back();
  levels_.pop_back();
  if (level.kind == Kind::flow_list) {
    out_ += ']';
  } else if (level.entries == 0) {
    if (!level.first_inline) new_line(level.indent);
    out_ += level.kind == Kind::map ? "{}" : "[]";
  }
}

void Writer::begin_map() {
  begin_level(Kind::map);
}
void Writer::end_map() {
  end_level();
}
void Writer::begin_list() {
  begin_level(Kind::list);
}
void Writer::begin_flow_list() {
  begin_level(Kind::flow_list);
}
void Writer::end_list() {
  end_level();
}

void Writer::key(std::string_view key) {
  Level& level = levels_.back();
  if (level.entries++ > 0 || !level.first_inline) new_line(level.indent);
  out_ += key;
  out_ += ':';
}

void Writer::raw_scalar(std::string_view text) {
  begin_node(false);
  out_ += text;
}

void Writer::text(std::string_view text, Quoting quoting) {
  if (quoting == Quoting::front_matter) {
    begin_node(false);
    if (needs_double_quotes(text)) {
      append_double_quoted_c0(out_, text);
    } else {
      out_ += text;
    }
    return;
  }
  const bool in_flow = !levels_.empty() && levels_.back().kind == Kind::flow_list;
  if (quoting == Quoting::literal && !in_flow) {
    const int indent = levels_.empty() ? 2 : levels_.back().indent + 2;
    begin_node(false);
    out_ += "|\n";
    bool line_start = true;
    for (std::size_t i = 0; i < text.size();) {
      const char32_t code = next_code_point(text, i);
      if (code != '\n' && line_start) out_.append(static_cast<std::size_t>(indent), ' ');
      append_utf8(out_, code);
      line_start = code == '\n';
    }
    return;
  }
  const bool quoted = (quoting == Quoting::house && needs_double_quotes(text)) ||
                      quoting == Quoting::literal || !plain_is_valid(text, in_flow);
  begin_node(false);
  if (quoted) {
    append_double_quoted(out_, text);
  } else {
    out_ += text;
  }
}

void Writer::null() {
  raw_scalar("null");
}
void Writer::boolean(bool value) {
  raw_scalar(value ? "true" : "false");
}
void Writer::number(long long value) {
  raw_scalar(std::to_string(value));
}

}  // namespace negotiateup::yaml
