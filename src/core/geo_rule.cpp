#include "core/geo_rule.hpp"

#include <cctype>

#include "core/text.hpp"

namespace negotiateup::core {
namespace {

// The number that ends right before `end` in `text`, e.g. "100" in "60–100%".
std::string_view number_before(std::string_view text, std::size_t end) {
  std::size_t start = end;
  while (start > 0 &&
         (std::isdigit(static_cast<unsigned char>(text[start - 1])) || text[start - 1] == '.')) {
    --start;
  }
  return text.substr(start, end - start);
}

}  // namespace

std::optional<GeoRule> find_geo_rule(std::string_view text) {
  const auto of = text.find("% of ");
  if (of == std::string_view::npos) return std::nullopt;
  const auto high_text = number_before(text, of);
  if (high_text.empty()) return std::nullopt;
  auto before_high = text.substr(0, of - high_text.size());
  std::string_view low_text = high_text;
  for (const std::string_view dash : {"–", "-"}) {
    if (before_high.ends_with(dash)) {
      before_high.remove_suffix(dash.size());
      low_text = number_before(before_high, before_high.size());
      break;
    }
  }
  auto reference = text.substr(of + 5);
  const auto close = reference.find_first_of("),;");
  reference = trim(reference.substr(0, close));
  const auto low = parse_percent(low_text);
  const auto high = parse_percent(high_text);
  if (!low || !high || reference.empty()) return std::nullopt;
  return GeoRule{std::string(reference), *low, *high, true};
}

}  // namespace negotiateup::core
