#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace negotiateup::core {

// Which of `regions` a short name in prose refers to: the name itself (any case),
// a common abbreviation ("NYC" for New York, "SF" for San Francisco), or the
// initials of its words ("SFBA").
std::optional<std::string> resolve_region_name(std::string_view name,
                                               std::span<const std::string> regions);

}  // namespace negotiateup::core
