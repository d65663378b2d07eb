#include "core/data_sources.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "core/text.hpp"

namespace negotiateup::core {
namespace {

constexpr std::array kKnownSources{
    "Levels.fyi", "Glassdoor",  "Blind",
    "TeamBlind",  "Crunchbase", "LinkedIn",
    "Payscale",   "Indeed",     "Carta",
    "Pave",       "Wellfound",  "AngelList",
    "Hired",      "Otta",       "Radford",
    "Salary.com", "Built In",   "H1B Salary Database",
    "aijobs.net", "Kununu",     "Welcome to the Jungle",
};

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

}  // namespace

std::vector<std::string> known_sources_in(std::string_view text) {
  const std::string haystack = to_lower_ascii(text);
  std::vector<std::pair<std::size_t, std::string>> found;
  for (const std::string_view source : kKnownSources) {
    const std::string needle = to_lower_ascii(source);
    for (std::size_t at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + 1)) {
      const bool starts_word = at == 0 || !is_word_char(haystack[at - 1]);
      const std::size_t end = at + needle.size();
      const bool ends_word = end == haystack.size() || !is_word_char(haystack[end]);
      if (starts_word && ends_word) {
        found.emplace_back(at, std::string(source));
        break;
      }
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> names;
  for (auto& [position, name] : found) names.push_back(std::move(name));
  return names;
}

}  // namespace negotiateup::core
