#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace negotiateup::core {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// The accented Latin letters common in company and city names, as UTF-8.
constexpr std::array<std::pair<std::string_view, char>, 30> kFolded{{
    {"à", 'a'}, {"á", 'a'}, {"â", 'a'}, {"ä", 'a'}, {"ã", 'a'}, {"å", 'a'}, {"ç", 'c'}, {"è", 'e'},
    {"é", 'e'}, {"ê", 'e'}, {"ë", 'e'}, {"ì", 'i'}, {"í", 'i'}, {"î", 'i'}, {"ï", 'i'}, {"ñ", 'n'},
    {"ò", 'o'}, {"ó", 'o'}, {"ô", 'o'}, {"ö", 'o'}, {"õ", 'o'}, {"ø", 'o'}, {"ù", 'u'}, {"ú", 'u'},
    {"û", 'u'}, {"ü", 'u'}, {"ý", 'y'}, {"ÿ", 'y'}, {"É", 'e'}, {"Ö", 'o'},
}};

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> split(std::string_view text, std::string_view separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto at = text.find(separator, start);
    if (at == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, at - start));
    start = at + separator.size();
  }
}

std::string to_lower_ascii(std::string_view text) {
  // ASCII only, without the C locale's per-character function calls.
  std::string result(text);
  for (char& c : result) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return result;
}

std::string slugify(std::string_view display_name) {
  std::string slug;
  bool pending_dash = false;
  std::size_t i = 0;
  while (i < display_name.size()) {
    const auto c = static_cast<unsigned char>(display_name[i]);
    char letter = 0;
    std::size_t width = 1;
    if (std::isalnum(c)) {
      letter = static_cast<char>(std::tolower(c));
    } else if (c >= 0x80) {
      for (const auto& [accented, plain] : kFolded) {
        if (display_name.substr(i).starts_with(accented)) {
          letter = plain;
          width = accented.size();
          break;
        }
      }
      if (letter == 0) {
        // Skip the rest of an unknown UTF-8 sequence as one separator.
        while (i + width < display_name.size() &&
               (static_cast<unsigned char>(display_name[i + width]) & 0xC0) == 0x80) {
          ++width;
        }
      }
    } else if (c == '\'') {
      i += 1;  // "Moody's" -> "moodys"
      continue;
    }
    if (letter != 0) {
      if (pending_dash && !slug.empty()) slug.push_back('-');
      pending_dash = false;
      slug.push_back(letter);
    } else {
      pending_dash = true;
    }
    i += width;
  }
  return slug;
}

bool is_slug(std::string_view text) {
  if (text.empty() || text.front() == '-' || text.back() == '-') return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string count_of(std::size_t count, std::string_view singular, std::string_view plural) {
  std::string text = std::to_string(count) + " ";
  if (count == 1) return text.append(singular);
  if (plural.empty()) return text.append(singular).append("s");
  return text.append(plural);
}

}  // namespace negotiateup::core
