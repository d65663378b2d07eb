#include "core/region_names.hpp"

#include <array>
#include <utility>

#include "core/text.hpp"

namespace negotiateup::core {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kAbbreviations{{
    {"nyc", "new york"},
    {"ny", "new york"},
    {"sf", "san francisco"},
    {"la", "los angeles"},
    {"dc", "washington"},
    {"bay area", "san francisco bay area"},
}};

std::string initials(std::string_view name) {
  std::string result;
  for (const auto word : split(name, " ")) {
    if (!word.empty()) result.push_back(to_lower_ascii(word.substr(0, 1))[0]);
  }
  return result;
}

}  // namespace

std::optional<std::string> resolve_region_name(std::string_view name,
                                               std::span<const std::string> regions) {
  const std::string wanted = to_lower_ascii(trim(name));
  for (const auto& region : regions) {
    if (to_lower_ascii(region) == wanted) return region;
  }
  for (const auto& [abbreviation, full] : kAbbreviations) {
    if (wanted != abbreviation) continue;
    for (const auto& region : regions) {
      if (to_lower_ascii(region).starts_with(full)) return region;
    }
  }
  for (const auto& region : regions) {
    if (region.find(' ') != std::string::npos && initials(region) == wanted) return region;
  }
  return std::nullopt;
}

}  // namespace negotiateup::core
