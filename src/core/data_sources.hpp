#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace negotiateup::core {

// The names of well-known pay-data sources mentioned in `text`, in their usual
// spelling ("Teamblind" -> "TeamBlind"), in order of first mention, each once.
// A whole word must match: "Blind" is not found inside "Teamblind".
std::vector<std::string> known_sources_in(std::string_view text);

}  // namespace negotiateup::core
