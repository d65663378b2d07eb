#pragma once

#include <array>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <map>
#include <mstch/mstch.hpp>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/guide_record.hpp"

namespace negotiateup::render {

// The parts of a guide's body, in order; each is one template file.
enum class GuidePart {
  title,
  dna_line,
  table,
  dna,
  level_mapping,
  leverage,
  levers,
  strategy,
  sources,
};
inline constexpr std::array kGuideParts{
    GuidePart::title,  GuidePart::dna_line,      GuidePart::table,
    GuidePart::dna,    GuidePart::level_mapping, GuidePart::leverage,
    GuidePart::levers, GuidePart::strategy,      GuidePart::sources};

// The Mustache templates of a build, loaded at run time so that an editor changes
// the prose without recompiling (docs/templates.md):
//   guide/{part}.mustache, or guide/{part}.{standard|manager}.mustache for a part
//   that differs by role type; guide/level_mapping_text.mustache (the text that
//   is also the front matter's level_mapping.raw);
//   site/guide.html.mustache, site/index.html.mustache and site/style.css.
// Values are never HTML-escaped: guides are Markdown, and the HTML comes from the
// Markdown.
class TemplateSet {
 public:
  // Reads and checks every template: an unclosed tag or section, a partial or a
  // delimiter change is an error with the file and line.
  static std::expected<TemplateSet, core::Diagnostic> load(const std::filesystem::path& folder);

  std::string render_part(GuidePart part, core::RoleType type, const mstch::node& context) const;
  // Every part in kGuideParts order, as render_part gives them, in one render:
  // mstch copies the context on every call and a guide has nine parts.
  std::vector<std::string> render_parts(core::RoleType type, const mstch::node& context) const;
  std::string render_level_mapping_text(const mstch::node& context) const;
  std::string render_guide_page(const mstch::node& context) const;
  std::string render_index_page(const mstch::node& context) const;
  const std::string& stylesheet() const { return stylesheet_; }

  // Changes whenever any template changes: part of every guide's input hash.
  std::uint64_t digest() const { return digest_; }

 private:
  std::map<std::string, std::string> templates_;  // by name without ".mustache"
  // The parts of each role type joined by kPartSeparator: one render per guide.
  std::string joined_standard_;
  std::string joined_manager_;
  std::string stylesheet_;
  std::uint64_t digest_ = 0;
};

// Checks one template's tags; exposed for tests.
std::expected<std::string, core::Diagnostic> prepare_template(const std::string& text,
                                                              const std::string& file);

}  // namespace negotiateup::render
