#pragma once

// Text helpers shared by the profile reader and the row mapper.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"

namespace negotiateup::ingest::profile_text {

// Names an attribute may not take: the canonical columns ingest reads.
inline constexpr std::array<std::string_view, 12> kCanonical{
    "date", "company", "role",           "level",     "region", "currency",
    "base", "stock",   "stock_per_year", "bonus_pct", "bonus",  "source"};
inline bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

// The key a name is matched by: ASCII lower case, no spaces at either end (a
// no-break space, U+00A0, counts as one), runs of spaces inside made one (or
// dropped when `drop_spaces`, for level names: "SE 2" is "SE2").
inline void key_of(std::string_view text, std::string& out, bool drop_spaces = false) {
  out.clear();
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    bool space = is_space(c);
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      space = true;
      ++i;
    }
    if (space) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space && !drop_spaces) out.push_back(' ');
    pending_space = false;
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    out.push_back(static_cast<char>(c));
  }
}

inline std::string key_of(std::string_view text, bool drop_spaces = false) {
  std::string out;
  key_of(text, out, drop_spaces);
  return out;
}

// The text without spaces (nor no-break spaces) at either end.
inline std::string_view trim_text(std::string_view text) {
  for (;;) {
    text = core::trim(text);
    if (text.starts_with("\xC2\xA0")) {
      text.remove_prefix(2);
    } else if (text.ends_with("\xC2\xA0")) {
      text.remove_suffix(2);
    } else {
      return text;
    }
  }
}

inline std::string join(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : std::string(separator)) + item;
  return text;
}

}  // namespace negotiateup::ingest::profile_text
