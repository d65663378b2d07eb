#pragma once

#include <string>
#include <string_view>

namespace negotiateup::core {

// The key a name in a data file is matched by: ASCII lower case, no spaces at
// either end (a no-break space, U+00A0, counts as one), runs of spaces inside made
// one (or dropped when `drop_spaces`, for level names: "SE 2" is "SE2"). Ingest's
// profiles match titles, levels and values by it; aggregate matches the levels of
// points stored before their company was in the catalog by it too.
inline void match_key(std::string_view text, std::string& out, bool drop_spaces = false) {
  const auto is_space = [](unsigned char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
  };
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

}  // namespace negotiateup::core
