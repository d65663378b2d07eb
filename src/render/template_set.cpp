#include "render/template_set.hpp"

#include <fmt/format.h>
#include <xxhash.h>

#include <vector>

#include "core/text.hpp"
#include "io/read_file.hpp"

namespace negotiateup::render {
namespace {

namespace fs = std::filesystem;

std::string_view part_name(GuidePart part) {
  switch (part) {
    case GuidePart::title:
      return "title";
    case GuidePart::dna_line:
      return "dna_line";
    case GuidePart::table:
      return "table";
    case GuidePart::dna:
      return "dna";
    case GuidePart::level_mapping:
      return "level_mapping";
    case GuidePart::leverage:
      return "leverage";
    case GuidePart::levers:
      return "levers";
    case GuidePart::strategy:
      return "strategy";
    case GuidePart::sources:
      return "sources";
  }
  return "";
}

// Starts a line and ends one, so that no part's first or last line stops or
// starts being a standalone tag line; a part's trailing line breaks do not
// count (render_guide trims them). The record separator is not text a catalog holds.
constexpr std::string_view kPartSeparator = "\n\x1e\n";

std::size_t line_at(const std::string& text, std::size_t offset) {
  return static_cast<std::size_t>(
             std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n')) +
         1;
}

std::expected<std::string, core::Diagnostic> read(const fs::path& path) {
  auto text = io::read_file(path);
  if (!text) {
    return std::unexpected(
        core::Diagnostic{path.string(), 0, "missing template; expected this file"});
  }
  return std::move(*text);
}

}  // namespace

std::expected<std::string, core::Diagnostic> prepare_template(const std::string& text,
                                                              const std::string& file) {
  struct Open {
    std::string name;
    std::size_t line;
  };
  std::vector<Open> sections;
  std::string prepared;
  prepared.reserve(text.size() + 64);
  std::size_t position = 0;
  while (true) {
    const auto open = text.find("{{", position);
    if (open == std::string::npos) {
      prepared.append(text, position);
      break;
    }
    prepared.append(text, position, open - position);
    const bool triple = text.compare(open, 3, "{{{") == 0;
    const auto close = text.find(triple ? "}}}" : "}}", open);
    const auto line = line_at(text, open);
    if (close == std::string::npos) {
      return std::unexpected(
          core::Diagnostic{file, line,
                           fmt::format("tag '{}' is never closed; expected '{}'",
                                       text.substr(open, 20), triple ? "}}}" : "}}")});
    }
    const auto inner = std::string(core::trim(
        std::string_view(text).substr(open + (triple ? 3 : 2), close - open - (triple ? 3 : 2))));
    const std::size_t end = close + (triple ? 3 : 2);
    const char kind = inner.empty() ? '\0' : inner.front();
    const std::string name(core::trim(
        std::string_view(inner).substr(kind == '#' || kind == '^' || kind == '/' || kind == '&' ||
                                               kind == '!' || kind == '>' || kind == '='
                                           ? 1
                                           : 0)));
    if (kind != '!' && name.empty()) {
      return std::unexpected(core::Diagnostic{file, line, "empty tag; expected a name in '{{ }}'"});
    }
    if (kind == '>' || kind == '=') {
      return std::unexpected(
          core::Diagnostic{file, line,
                           fmt::format("'{{{{{}}}}}': partials and delimiter changes are not used; "
                                       "expected a value, a section or a comment",
                                       inner)});
    }
    if (kind == '#' || kind == '^') {
      sections.push_back(Open{name, line});
    } else if (kind == '/') {
      if (sections.empty() || sections.back().name != name) {
        return std::unexpected(core::Diagnostic{
            file, line,
            sections.empty()
                ? fmt::format("'{{{{/{}}}}}' closes a section that was never opened", name)
                : fmt::format("'{{{{/{}}}}}' closes '{}' opened at line {}; expected "
                              "'{{{{/{}}}}}'",
                              name, sections.back().name, sections.back().line,
                              sections.back().name)});
      }
      sections.pop_back();
    }
    if (kind == '\0' ||
        (!triple && kind != '#' && kind != '^' && kind != '/' && kind != '!' && kind != '&')) {
      prepared += "{{&" + name + "}}";  // Markdown: never HTML-escape values
    } else {
      prepared.append(text, open, end - open);
    }
    position = end;
  }
  if (!sections.empty()) {
    return std::unexpected(
        core::Diagnostic{file, sections.back().line,
                         fmt::format("section '{}' is never closed; expected '{{{{/{}}}}}'",
                                     sections.back().name, sections.back().name)});
  }
  return prepared;
}

std::expected<TemplateSet, core::Diagnostic> TemplateSet::load(const fs::path& folder) {
  TemplateSet set;
  std::vector<std::pair<std::string, fs::path>> wanted;
  for (const auto part : kGuideParts) {
    const std::string name(part_name(part));
    int found = 0;
    for (const std::string variant : {"", ".standard", ".manager"}) {
      const auto path = folder / "guide" / (name + variant + ".mustache");
      if (fs::exists(path)) {
        wanted.emplace_back(name + variant, path);
        found += variant.empty() ? 2 : 1;
      }
    }
    // The plain file, or both variants: every role type must find its template.
    if (found < 2) {
      return std::unexpected(core::Diagnostic{
          (folder / "guide" / (name + ".mustache")).string(), 0,
          "missing template; expected this file (or its .standard and .manager variants)"});
    }
  }
  wanted.emplace_back("level_mapping_text", folder / "guide" / "level_mapping_text.mustache");
  wanted.emplace_back("guide.html", folder / "site" / "guide.html.mustache");
  wanted.emplace_back("index.html", folder / "site" / "index.html.mustache");

  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  for (const auto& [name, path] : wanted) {
    auto text = read(path);
    if (!text) {
      XXH3_freeState(state);
      return std::unexpected(text.error());
    }
    XXH3_64bits_update(state, name.data(), name.size());
    XXH3_64bits_update(state, text->data(), text->size());
    auto prepared = prepare_template(*text, path.string());
    if (!prepared) {
      XXH3_freeState(state);
      return std::unexpected(prepared.error());
    }
    set.templates_[name] = std::move(*prepared);
  }
  auto stylesheet = read(folder / "site" / "style.css");
  if (!stylesheet) {
    XXH3_freeState(state);
    return std::unexpected(stylesheet.error());
  }
  set.stylesheet_ = std::move(*stylesheet);
  XXH3_64bits_update(state, set.stylesheet_.data(), set.stylesheet_.size());
  set.digest_ = XXH3_64bits_digest(state);
  for (const auto type : {core::RoleType::standard, core::RoleType::manager}) {
    auto& joined = type == core::RoleType::standard ? set.joined_standard_ : set.joined_manager_;
    for (const auto part : kGuideParts) {
      const std::string name(part_name(part));
      auto found = set.templates_.find(name + "." + std::string(core::to_string(type)));
      if (found == set.templates_.end()) found = set.templates_.find(name);
      if (!joined.empty()) joined += kPartSeparator;
      joined += found->second;
    }
  }
  XXH3_freeState(state);
  return set;
}

std::string TemplateSet::render_part(GuidePart part, core::RoleType type,
                                     const mstch::node& context) const {
  const std::string name(part_name(part));
  auto found = templates_.find(name + "." + std::string(core::to_string(type)));
  if (found == templates_.end()) found = templates_.find(name);
  return mstch::render(found->second, context);
}

std::vector<std::string> TemplateSet::render_parts(core::RoleType type,
                                                   const mstch::node& context) const {
  const auto text =
      mstch::render(type == core::RoleType::standard ? joined_standard_ : joined_manager_, context);
  std::vector<std::string> parts;
  parts.reserve(kGuideParts.size());
  std::size_t start = 0;
  for (auto end = text.find(kPartSeparator); end != std::string::npos;
       end = text.find(kPartSeparator, start)) {
    parts.push_back(text.substr(start, end - start));
    start = end + kPartSeparator.size();
  }
  parts.push_back(text.substr(start));
  if (parts.size() == kGuideParts.size()) return parts;
  // A value held the separator: one render per part.
  parts.clear();
  for (const auto part : kGuideParts) parts.push_back(render_part(part, type, context));
  return parts;
}

std::string TemplateSet::render_level_mapping_text(const mstch::node& context) const {
  return mstch::render(templates_.at("level_mapping_text"), context);
}

std::string TemplateSet::render_guide_page(const mstch::node& context) const {
  return mstch::render(templates_.at("guide.html"), context);
}

std::string TemplateSet::render_index_page(const mstch::node& context) const {
  return mstch::render(templates_.at("index.html"), context);
}

}  // namespace negotiateup::render
