#include "core/region_names.hpp"

#include <array>
#include <utility>

#include "core/text.hpp"

namespace negotiateup::core {
namespace {

// Abbreviation -> the start of the names it stands for, both as slugs.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kAbbreviations{{
    {"nyc", "new-york"},
    {"ny", "new-york"},
    {"sf", "san-francisco"},
    {"la", "los-angeles"},
    {"dc", "washington"},
    {"bay-area", "san-francisco-bay-area"},
}};

}  // namespace

std::vector<std::string> region_abbreviations(std::string_view name) {
  const auto slug = slugify(name);
  std::vector<std::string> found;
  for (const auto& [abbreviation, full] : kAbbreviations) {
    if (slug == full || (slug.starts_with(full) && slug[full.size()] == '-'))
      found.emplace_back(abbreviation);
  }
  return found;
}

std::string region_initials(std::string_view name) {
  const auto slug = slugify(name);
  const auto words = split(slug, "-");
  std::string initials;
  if (words.size() < 2) return initials;
  for (const auto word : words) initials.push_back(word.front());
  return initials;
}

std::optional<std::string> resolve_region_name(std::string_view name,
                                               std::span<const std::string> regions) {
  const auto wanted = slugify(name);
  if (wanted.empty()) return std::nullopt;
  for (const auto& region : regions) {
    if (slugify(region) == wanted) return region;
  }
  for (const auto& region : regions) {
    for (const auto& abbreviation : region_abbreviations(region)) {
      if (abbreviation == wanted) return region;
    }
  }
  for (const auto& region : regions) {
    if (region_initials(region) == wanted) return region;
  }
  return std::nullopt;
}

}  // namespace negotiateup::core
