#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

namespace negotiateup::yaml {

// True when a string must be double-quoted to read back as the same string, or
// holds a character the house style always quotes (quotes, ':', '|', '#').
bool needs_double_quotes(std::string_view text);

// Writes `text` plain when it can be, double-quoted otherwise.
void emit_string(YAML::Emitter& out, const std::string& text);

}  // namespace negotiateup::yaml
