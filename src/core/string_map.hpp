#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace negotiateup::core {

// A hash map keyed by strings that can be looked up with a std::string_view,
// without building a std::string for each lookup (millions of rows in ingest and
// aggregate).
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};

template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

}  // namespace negotiateup::core
