#pragma once

#include <array>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <kainjow/mustache.hpp>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/guide_record.hpp"

namespace negotiateup::render {

// The parts of a guide's body, in order: each is the template guide/{part}, or
// guide/{part}.standard and guide/{part}.manager (TemplateSet::render_part).
inline constexpr std::array<std::string_view, 10> kGuideParts{
    "title",    "dna_line", "table",    "dna",  "level_mapping",
    "leverage", "levers",   "strategy", "asks", "sources"};

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

// A link as the templates show one: {{href}}, {{text}} and an optional {{note}}.
TemplateData link_value(std::string href, std::string text, std::string note = {});

// The names of catalog entries (companies, roles, regions) as a list of texts:
// what a form's text fields suggest.
template <typename Named>
TemplateData names_value(const std::vector<Named>& entries) {
  auto names = list_value();
  for (const auto& entry : entries) names.push_back(text_value(entry.name));
  return names;
}

// What {{x}} does with a value: HTML pages escape it (&, <, >, ", '), Markdown
// inserts it as it is. {{{x}}} and {{&x}} never escape.
enum class Escaping { none, html };

// One template, checked, its standalone lines resolved (prepare_template) and
// parsed once; it is then rendered any number of times.
class Template {
 public:
  static std::expected<Template, core::Diagnostic> compile(const std::string& text,
                                                           const std::string& file,
                                                           Escaping escaping);
  // Safe to call from several threads at once on one Template (see the .cpp).
  std::string render(const TemplateData& data) const;

 private:
  explicit Template(kainjow::mustache::mustache parsed);
  // kainjow's render is not const although it changes nothing on the paths our
  // templates and data take.
  mutable kainjow::mustache::mustache parsed_;
};

// The templates of a build, loaded at run time so that an editor changes the
// prose without recompiling (docs/templates.md): every *.mustache file under the
// folder, by its name (its path there without ".mustache": "guide/title",
// "guide/leverage.manager", "site/guide.html"), and the stylesheet
// site/style.css. Templates whose name ends in ".html" escape {{x}} for HTML;
// the others (the guide's Markdown) do not.
class TemplateSet {
 public:
  // Reads, checks and parses every template: an unclosed tag or section, a
  // partial or a delimiter change is an error with the file and line, and so is
  // a missing template that a site build renders (with the file expected).
  static std::expected<TemplateSet, core::Diagnostic> load(const std::filesystem::path& folder);

  // The template of that name, or nullptr.
  const Template* find(std::string_view name) const;
  // Renders the template of that name; one that was not loaded is a bug.
  std::string render(std::string_view name, const TemplateData& data) const;
  // Renders guide/{part}.{family} for this role family ("guide/levers.product"),
  // else guide/{part}.
  std::string render_part(std::string_view part, core::RoleFamily family,
                          const TemplateData& data) const;

  const std::string& stylesheet() const { return stylesheet_; }

  // Changes whenever any template or the stylesheet changes: part of every
  // guide's input hash.
  std::uint64_t digest() const { return digest_; }

 private:
  std::map<std::string, Template, std::less<>> templates_;
  std::string stylesheet_;
  std::uint64_t digest_ = 0;
};

// Checks one template's tags and returns it with its standalone lines reduced to
// their tags (see the .cpp), as it is rendered; exposed for tests.
std::expected<std::string, core::Diagnostic> prepare_template(const std::string& text,
                                                              const std::string& file);

}  // namespace negotiateup::render
