#include "guide/guide_parser.hpp"

#include "guide/guide_file.hpp"

namespace negotiateup::guide {

std::expected<ParsedGuide, core::Diagnostic> parse_guide(std::string_view text,
                                                         const std::string& file) {
  const auto layout = split_guide(text, file);
  if (!layout) return std::unexpected(layout.error());
  ParsedGuide guide;
  guide.has_front_matter = layout->has_front_matter;
  if (layout->has_front_matter) {
    auto record = parse_front_matter(*layout, file, &guide.front_matter_lines);
    if (!record) return std::unexpected(record.error());
    guide.record = std::move(*record);
  }
  auto body = parse_body(layout->body, layout->body_first_line, file);
  if (!body) return std::unexpected(body.error());
  guide.body = std::move(*body);
  if (!layout->has_front_matter) guide.record = record_from_body(guide.body);
  return guide;
}

std::expected<ParsedGuide, core::Diagnostic> parse_guide_file(const std::filesystem::path& path) {
  const auto text = read_guide_file(path);
  if (!text) return std::unexpected(text.error());
  return parse_guide(*text, path.string());
}

}  // namespace negotiateup::guide
