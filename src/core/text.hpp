#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace negotiateup::core {

std::string_view trim(std::string_view text);
std::vector<std::string_view> split(std::string_view text, std::string_view separator);
std::string to_lower_ascii(std::string_view text);

// "Hugging Face" -> "hugging-face", "Société Générale" -> "societe-generale".
// The result matches [a-z0-9-]+ or is empty when nothing usable remains: case,
// accents (Latin letters up to U+017F, composed or not), apostrophes and the
// spaces and punctuation between words make no difference. It is also the form in
// which names are compared (catalog::NameResolver).
std::string slugify(std::string_view display_name);
bool is_slug(std::string_view text);

// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

// `text` safe to print on a terminal, for text that came from anyone (a
// submission's company name): C0 controls and DEL as \x1b, C1 controls, the
// bidirectional overrides and the line and paragraph separators as \u202e, bytes
// that are not UTF-8 as \xff, and the backslash as \\ (so an escape read back is
// one); every other character, "<script>" included, as it is.
std::string printable(std::string_view text);

// "1 guide", "2 guides", "0 companies": a count with its noun, singular or plural.
std::string count_of(std::size_t count, std::string_view singular, std::string_view plural = {});

}  // namespace negotiateup::core
