#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <utility>

namespace negotiateup::core {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// The plain letters of U+00C0 to U+017F (Latin-1 Supplement and Latin Extended-A):
// the accented letters of European company and city names. Empty for the two signs
// among them (multiplication, division).
constexpr std::array<std::string_view, 0x180 - 0xC0> kFolded{
    "a", "a", "a",  "a",  "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // C0
    "d", "n", "o",  "o",  "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // D0
    "a", "a", "a",  "a",  "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // E0
    "d", "n", "o",  "o",  "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y",   // F0
    "a", "a", "a",  "a",  "a", "a", "c",  "c", "c", "c", "c", "c", "c", "c", "d",  "d",   // 100
    "d", "d", "e",  "e",  "e", "e", "e",  "e", "e", "e", "e", "e", "g", "g", "g",  "g",   // 110
    "g", "g", "g",  "g",  "h", "h", "h",  "h", "i", "i", "i", "i", "i", "i", "i",  "i",   // 120
    "i", "i", "ij", "ij", "j", "j", "k",  "k", "k", "l", "l", "l", "l", "l", "l",  "l",   // 130
    "l", "l", "l",  "n",  "n", "n", "n",  "n", "n", "n", "n", "n", "o", "o", "o",  "o",   // 140
    "o", "o", "oe", "oe", "r", "r", "r",  "r", "r", "r", "s", "s", "s", "s", "s",  "s",   // 150
    "s", "s", "t",  "t",  "t", "t", "t",  "t", "u", "u", "u", "u", "u", "u", "u",  "u",   // 160
    "u", "u", "u",  "u",  "w", "w", "y",  "y", "y", "z", "z", "z", "z", "z", "z",  "s",   // 170
};

// What a UTF-8 sequence at the start of `text` is to a slug.
struct Folded {
  std::string_view letters;  // empty: a separator, unless `dropped`
  std::size_t width = 1;     // bytes of the sequence
  bool dropped = false;      // neither letters nor a separator
};

Folded fold(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const auto continues = [&](std::size_t i) { return i < text.size() && (byte(i) & 0xC0) == 0x80; };
  Folded folded;
  while (continues(folded.width)) ++folded.width;  // an unknown sequence is one separator
  if (folded.width == 2 && (byte(0) & 0xE0) == 0xC0) {
    const unsigned code = ((byte(0) & 0x1Fu) << 6) | (byte(1) & 0x3Fu);
    if (code >= 0xC0 && code < 0x180) folded.letters = kFolded[code - 0xC0];
    // Combining accents (a decomposed "é" is "e" and U+0301) belong to their letter.
    folded.dropped = code >= 0x300 && code < 0x370;
  } else if (text.substr(0, folded.width) == "\xE2\x80\x99") {
    folded.dropped = true;  // "Moody’s", as "Moody's"
  }
  return folded;
}

// The code point of the UTF-8 sequence at the start of `text` and its width, or
// nothing when it is not well-formed (overlong, a surrogate, cut short).
std::optional<std::pair<char32_t, std::size_t>> decode_utf8(std::string_view text) {
  const auto lead = static_cast<unsigned char>(text[0]);
  const std::size_t width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (width == 0 || lead > 0xF4 || text.size() < width) return std::nullopt;
  char32_t code = lead & (0x7F >> width);
  for (std::size_t i = 1; i < width; ++i) {
    const auto next = static_cast<unsigned char>(text[i]);
    if ((next & 0xC0) != 0x80) return std::nullopt;
    code = (code << 6) | (next & 0x3Fu);
  }
  constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kSmallest[width] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
    return std::nullopt;
  return std::pair{code, width};
}

// Characters a terminal acts on or that reorder what it shows.
bool is_hidden_control(char32_t code) {
  return (code >= 0x80 && code <= 0x9F) || code == 0x200E || code == 0x200F ||
         (code >= 0x2028 && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069);
}

void append_hex(std::string& out, std::string_view prefix, unsigned value, int digits) {
  constexpr std::string_view kDigits = "0123456789abcdef";
  out += prefix;
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out += kDigits[(value >> shift) & 0xF];
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> split(std::string_view text, std::string_view separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto at = text.find(separator, start);
    if (at == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, at - start));
    start = at + separator.size();
  }
}

std::string to_lower_ascii(std::string_view text) {
  // ASCII only, without the C locale's per-character function calls.
  std::string result(text);
  for (char& c : result) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return result;
}

std::string slugify(std::string_view display_name) {
  std::string slug;
  bool pending_dash = false;
  const auto append = [&](std::string_view letters) {
    if (pending_dash && !slug.empty()) slug.push_back('-');
    pending_dash = false;
    slug.append(letters);
  };
  std::size_t i = 0;
  while (i < display_name.size()) {
    const auto c = static_cast<unsigned char>(display_name[i]);
    if (c >= 0x80) {
      const auto folded = fold(display_name.substr(i));
      if (!folded.letters.empty()) {
        append(folded.letters);
      } else if (!folded.dropped) {
        pending_dash = true;
      }
      i += folded.width;
      continue;
    }
    if (std::isalnum(c)) {
      const char letter = static_cast<char>(std::tolower(c));
      append(std::string_view(&letter, 1));
    } else if (c != '\'') {  // "Moody's" -> "moodys"
      pending_dash = true;
    }
    ++i;
  }
  return slug;
}

bool is_slug(std::string_view text) {
  if (text.empty() || text.front() == '-' || text.back() == '-') return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string count_of(std::size_t count, std::string_view singular, std::string_view plural) {
  std::string text = std::to_string(count) + " ";
  if (count == 1) return text.append(singular);
  if (plural.empty()) return text.append(singular).append("s");
  return text.append(plural);
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7F) {
        append_hex(out, "\\x", c, 2);
      } else if (c == '\\') {
        out += "\\\\";
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    const auto decoded = decode_utf8(text.substr(i));
    if (!decoded) {
      append_hex(out, "\\x", c, 2);
      ++i;
    } else {
      const auto [code, width] = *decoded;
      if (is_hidden_control(code)) {
        append_hex(out, "\\u", static_cast<unsigned>(code), 4);
      } else {
        out.append(text.substr(i, width));
      }
      i += width;
    }
  }
  return out;
}

}  // namespace negotiateup::core
