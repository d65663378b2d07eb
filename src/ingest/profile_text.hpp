#pragma once

// Text helpers shared by the profile reader and the row mapper.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/match_key.hpp"
#include "core/text.hpp"

namespace negotiateup::ingest::profile_text {

// Names an attribute may not take: the canonical columns ingest reads.
inline constexpr std::array<std::string_view, 12> kCanonical{
    "date", "company", "role",           "level",     "region", "currency",
    "base", "stock",   "stock_per_year", "bonus_pct", "bonus",  "source"};

// The key a name is matched by (core/match_key.hpp).
inline void key_of(std::string_view text, std::string& out, bool drop_spaces = false) {
  core::match_key(text, out, drop_spaces);
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
