#pragma once

#include <array>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <kainjow/mustache.hpp>
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

// The values a template sees (kainjow's Mustache data): strings, true/false,
// lists and objects only; no lambdas or partials (Template::render says why).
using TemplateData = kainjow::mustache::data;

// A text value. An empty text is false, as mstch (the library used before) had
// it, so that {{#x}} hides and {{^x}} shows its content for an empty x; kainjow
// would take an empty string as true. {{x}} prints nothing for it either way.
TemplateData text_value(std::string text);

// An empty object and an empty list, to fill in place (operator[], push_back):
// kainjow copies a value it is given whole.
TemplateData object_value();
TemplateData list_value();

// One template, checked and normalised by prepare_template and parsed once; it
// is then rendered any number of times.
class Template {
 public:
  Template();  // renders nothing
  static std::expected<Template, core::Diagnostic> compile(const std::string& text,
                                                           const std::string& file);
  // Safe to call from several threads at once on one Template (see the .cpp).
  std::string render(const TemplateData& data) const;

 private:
  explicit Template(kainjow::mustache::mustache parsed);
  // kainjow's render is not const although it changes nothing on the paths our
  // templates and data take.
  mutable kainjow::mustache::mustache parsed_;
};

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
  // Reads, checks and parses every template: an unclosed tag or section, a
  // partial or a delimiter change is an error with the file and line.
  static std::expected<TemplateSet, core::Diagnostic> load(const std::filesystem::path& folder);

  // Every part of a guide of this role type, in kGuideParts order.
  std::vector<std::string> render_parts(core::RoleType type, const TemplateData& context) const;
  std::string render_level_mapping_text(const TemplateData& context) const;
  std::string render_guide_page(const TemplateData& context) const;
  std::string render_index_page(const TemplateData& context) const;
  const std::string& stylesheet() const { return stylesheet_; }

  // Changes whenever any template changes: part of every guide's input hash.
  std::uint64_t digest() const { return digest_; }

 private:
  std::vector<Template> standard_parts_;  // kGuideParts order
  std::vector<Template> manager_parts_;
  Template level_mapping_text_;
  Template guide_page_;
  Template index_page_;
  std::string stylesheet_;
  std::uint64_t digest_ = 0;
};

// Checks one template's tags and returns it as it is rendered: values unescaped
// ({{x}} becomes {{&x}}) and standalone tag lines reduced to their tags (see the
// .cpp); exposed for tests.
std::expected<std::string, core::Diagnostic> prepare_template(const std::string& text,
                                                              const std::string& file);

}  // namespace negotiateup::render
