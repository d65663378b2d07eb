// The audit's money-mention scanner and sentence splitter, on any text. What they
// return must lie inside the text, in order: anything else is a finding.

#include <cstdlib>

#include "audit/money_mentions.hpp"
#include "fuzz_target.hpp"

namespace negotiateup::fuzz {

void run_one(std::string_view input) {
  std::size_t last_end = 0;
  for (const auto& mention : audit::find_money(input)) {
    if (mention.begin >= mention.end || mention.end > input.size() || mention.begin < last_end) {
      std::abort();
    }
    last_end = mention.end;
  }
  last_end = 0;
  for (const auto& [begin, end] : audit::split_sentences(input)) {
    if (begin > end || end > input.size() || begin < last_end) std::abort();
    last_end = end;
  }
}

}  // namespace negotiateup::fuzz
