#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace negotiateup::core {

// The shorter names by which prose refers to a region, as slugs (core::slugify):
// the common abbreviations of a name that starts with their full form ("nyc" and
// "ny" for New York, "sf" for San Francisco Bay Area) and, for a name of several
// words, its initials ("sfba").
std::vector<std::string> region_abbreviations(std::string_view name);
std::string region_initials(std::string_view name);

// Which of `regions` a short name in prose refers to: the name itself (compared as
// slugs: any case, accents or spacing), one of its abbreviations, or its initials,
// in that order.
std::optional<std::string> resolve_region_name(std::string_view name,
                                               std::span<const std::string> regions);

}  // namespace negotiateup::core
