#include "audit/money_mentions.hpp"

#include <array>
#include <cctype>

namespace negotiateup::audit {
namespace {

// ASCII tests without the C locale's function calls: this loop sees every byte.
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || is_upper(c);
}

// Every currency prefix (symbol or code), grouped by its first byte: a position is
// compared only with the prefixes that can start there.
using Prefixes = std::array<std::vector<std::pair<std::string_view, core::Currency>>, 256>;

const Prefixes& prefixes_by_first_byte() {
  static const auto table = [] {
    Prefixes prefixes;
    for (const auto currency : core::Currency::all()) {
      for (const auto prefix : {currency.display_prefix(), currency.code()}) {
        prefixes[static_cast<unsigned char>(prefix.front())].emplace_back(prefix, currency);
      }
    }
    return prefixes;
  }();
  return table;
}

// The currency whose symbol or code starts at `at`, and the offset of its number.
std::optional<std::pair<core::Currency, std::size_t>> currency_at(std::string_view text,
                                                                  std::size_t at) {
  const auto rest = text.substr(at);
  std::optional<std::pair<core::Currency, std::size_t>> best;
  std::size_t best_size = 0;
  for (const auto& [prefix, currency] :
       prefixes_by_first_byte()[static_cast<unsigned char>(rest.front())]) {
    if (!rest.starts_with(prefix)) continue;
    std::size_t number = prefix.size();
    if (number < rest.size() && rest[number] == ' ' && prefix == currency.code()) ++number;
    if (number >= rest.size() || !is_digit(rest[number])) continue;
    // "C$" before "$": the longest symbol wins.
    if (!best || prefix.size() > best_size) {
      best = std::pair{currency, at + number};
      best_size = prefix.size();
    }
  }
  return best;
}

}  // namespace

std::vector<MoneyMention> find_money(std::string_view text) {
  std::vector<MoneyMention> mentions;
  const auto& prefixes = prefixes_by_first_byte();
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    // A letter starts a currency only as a code ("EUR 78K") or a symbol ("C$78K").
    const bool letter_start = is_upper(text[i]) && (i + 1 >= text.size() ||
                                                    (text[i + 1] != '$' && !is_upper(text[i + 1])));
    if (prefixes[byte].empty() || letter_start) {
      ++i;
      continue;
    }
    // A symbol must not continue a word: "US$" aside, "A$" in "CA$" is not ours.
    if (i > 0 && is_alpha(text[i - 1]) && is_upper(text[i])) {
      ++i;
      continue;
    }
    const auto found = currency_at(text, i);
    if (!found) {
      ++i;
      continue;
    }
    const auto [currency, number] = *found;
    std::size_t end = number;
    while (end < text.size() &&
           (is_digit(text[end]) || ((text[end] == ',' || text[end] == '.') &&
                                    end + 1 < text.size() && is_digit(text[end + 1])))) {
      ++end;
    }
    std::int64_t unit = 1;
    if (end < text.size()) {
      const char suffix =
          text[end] >= 'a' && text[end] <= 'z' ? static_cast<char>(text[end] - 32) : text[end];
      const bool word_ends = end + 1 >= text.size() || !is_alpha(text[end + 1]);
      if (word_ends && (suffix == 'K' || suffix == 'M' || suffix == 'B')) {
        unit = suffix == 'K' ? 1'000 : suffix == 'M' ? 1'000'000 : 1'000'000'000;
        ++end;
      }
    }
    const auto money = core::parse_money(text.substr(i, end - i));
    if (!money) {
      i = end;
      continue;
    }
    const auto number_text = text.substr(number, end - number);
    std::int64_t precision = unit;
    if (const auto point = number_text.find('.'); point != std::string_view::npos) {
      for (std::size_t d = point + 1; d < number_text.size() && is_digit(number_text[d]); ++d) {
        precision /= 10;
      }
    }
    MoneyMention mention{i, end, *money, precision / 2, false};
    const auto after = text.substr(end);
    if (after.starts_with("–") || after.starts_with("—")) mention.in_range = true;
    if (!mentions.empty() && mentions.back().end + 3 >= i &&
        (text.substr(mentions.back().end, i - mentions.back().end) == "–" ||
         text.substr(mentions.back().end, i - mentions.back().end) == "—")) {
      mention.in_range = true;
      mentions.back().in_range = true;
    }
    mentions.push_back(mention);
    i = end;
  }
  return mentions;
}

std::vector<std::pair<std::size_t, std::size_t>> split_sentences(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> result;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c == '.' || c == '!' || c == '?') &&
        (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '"')) {
      result.emplace_back(start, i + 1);
      start = i + 1;
    }
  }
  if (start < text.size()) result.emplace_back(start, text.size());
  return result;
}

}  // namespace negotiateup::audit
