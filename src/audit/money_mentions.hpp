#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "core/money.hpp"

namespace negotiateup::audit {

// An amount written in prose: "€105K", "$1.065M", "€1,065,000", "$265K".
struct MoneyMention {
  std::size_t begin = 0;  // offset in the text
  std::size_t end = 0;
  core::Money money;
  // Half of the last written digit's value: "$1.07M" may stand for anything from
  // $1.065M to $1.075M, so it is within $5K of a figure.
  std::int64_t precision = 0;
  bool in_range = false;  // one end of "€78K–€105K"
};

// Every amount in `text` that starts with a currency symbol or code.
std::vector<MoneyMention> find_money(std::string_view text);

// [begin, end) of each sentence: they end at ". ", "! ", "? " or '."' (a decimal
// point is followed by a digit, so "$1.065M" stays whole).
std::vector<std::pair<std::size_t, std::size_t>> split_sentences(std::string_view text);

}  // namespace negotiateup::audit
