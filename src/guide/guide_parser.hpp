#pragma once

#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"
#include "core/guide_record.hpp"
#include "guide/body.hpp"
#include "guide/front_matter.hpp"

namespace negotiateup::guide {

struct ParsedGuide {
  core::GuideRecord record;  // from the front matter, or recovered from the body
  Body body;
  bool has_front_matter = false;
  FrontMatterLines front_matter_lines;  // empty without front matter
};

// Parses a whole guide. With front matter, the record is the front matter's and
// the body must still follow the format; without, the record comes from the body.
std::expected<ParsedGuide, core::Diagnostic> parse_guide(std::string_view text,
                                                         const std::string& file);

// read_guide_file, then parse_guide.
std::expected<ParsedGuide, core::Diagnostic> parse_guide_file(const std::filesystem::path& path);

}  // namespace negotiateup::guide
