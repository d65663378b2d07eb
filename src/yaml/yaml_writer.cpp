#include "yaml/yaml_writer.hpp"

#include <algorithm>
#include <array>

#include "core/text.hpp"

namespace negotiateup::yaml {

bool needs_double_quotes(std::string_view text) {
  if (text.empty()) return true;
  if (text.find_first_of("\"':|#\\\t\n") != std::string_view::npos) return true;
  if (text.front() == ' ' || text.back() == ' ') return true;
  if (std::any_of(text.begin(), text.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
    return true;  // control characters only exist escaped, inside double quotes
  }
  if (std::string_view("-?,[]{}&*!>%@`").find(text.front()) != std::string_view::npos) return true;
  const std::string lower = core::to_lower_ascii(text);
  constexpr std::array kReserved{"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"};
  if (std::find(kReserved.begin(), kReserved.end(), lower) != kReserved.end()) return true;
  // Numbers and dates would come back as something other than a string.
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
  });
}

void emit_string(YAML::Emitter& out, const std::string& text) {
  if (needs_double_quotes(text)) out << YAML::DoubleQuoted;
  out << text;
}

}  // namespace negotiateup::yaml
