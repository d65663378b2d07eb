#pragma once

#include <cstddef>
#include <string_view>

namespace negotiateup::json {

// Whether a JSON text nests arrays and objects deeper than `limit` (strings are
// skipped). Checked before a text reaches a parser: nlohmann/json parses without
// recursion but destroys and writes a value recursively, so a value nested
// 100,000 deep would overflow the stack. One pass, no allocation.
bool nests_deeper_than(std::string_view text, std::size_t limit);

}  // namespace negotiateup::json
