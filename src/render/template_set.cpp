#include "render/template_set.hpp"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <map>
#include <vector>

#include "core/error.hpp"
#include "core/text.hpp"
#include "io/read_file.hpp"

namespace negotiateup::render {
namespace {

namespace fs = std::filesystem;

std::size_t line_at(const std::string& text, std::size_t offset) {
  return static_cast<std::size_t>(
             std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n')) +
         1;
}

// One piece of a template: text (never holding "{{"; a piece ends after each line
// break), a value tag ({{x}}, {{&x}} or {{{x}}}) or another tag (a section's open,
// inverted or close tag, or a comment).
struct Piece {
  enum class Kind { text, value, tag };
  Kind kind = Kind::text;
  std::string text;
};

bool ends_line(const Piece& piece) {
  return piece.kind == Piece::Kind::text && !piece.text.empty() && piece.text.back() == '\n';
}

// mstch's whitespace: '\r' is whitespace, not a line break.
bool blank(const Piece& piece) {
  return piece.kind == Piece::Kind::text &&
         piece.text.find_first_not_of(" \t\r\n") == std::string::npos;
}

// The template's pieces, its tags checked; the line numbers of errors are the
// lines of `text` itself.
std::expected<std::vector<Piece>, core::Diagnostic> checked_pieces(const std::string& text,
                                                                   const std::string& file) {
  struct Open {
    std::string name;
    std::size_t line;
  };
  std::vector<Open> sections;
  std::vector<Piece> pieces;
  const auto add_text = [&](std::size_t from, std::size_t to) {
    while (from < to) {
      const auto line_end = text.find('\n', from);
      const auto end = line_end == std::string::npos || line_end >= to ? to : line_end + 1;
      pieces.push_back(Piece{Piece::Kind::text, text.substr(from, end - from)});
      from = end;
    }
  };
  std::size_t position = 0;
  while (true) {
    const auto open = text.find("{{", position);
    if (open == std::string::npos) {
      add_text(position, text.size());
      break;
    }
    add_text(position, open);
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
    // In triple braces a tag is a value whatever its first character (kainjow and
    // mstch read "{{{#x}}}" as the value "#x"); a section meant there would not
    // be one.
    if (triple && (kind == '#' || kind == '^' || kind == '/')) {
      return std::unexpected(core::Diagnostic{
          file, line,
          fmt::format("'{{{{{{{}}}}}}}' is a value, not a section tag; expected '{{{{{}}}}}'",
                      inner, inner)});
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
    const bool value = triple || !(kind == '#' || kind == '^' || kind == '/' || kind == '!');
    pieces.push_back(
        Piece{value ? Piece::Kind::value : Piece::Kind::tag, text.substr(open, end - open)});
    position = end;
  }
  if (!sections.empty()) {
    return std::unexpected(
        core::Diagnostic{file, sections.back().line,
                         fmt::format("section '{}' is never closed; expected '{{{{/{}}}}}'",
                                     sections.back().name, sections.back().name)});
  }
  return pieces;
}

// Standalone lines, decided once from the text as mstch decided them: a line
// that holds section tags or comments (one or more) and otherwise only
// whitespace (spaces, tabs, '\r') loses its whitespace and its line break, and
// only the tags stay, glued to the start of the next line. The Mustache spec's
// rule is the same for a line with one tag; mstch (whose output the site keeps,
// byte for byte) also takes a line of several tags, counts '\r' as whitespace,
// and takes the end of the text as the end of a line only right after a tag
// ("  {{/x}}" at the end loses its indentation, "{{/x}}  " keeps its spaces).
// A line with a value tag is never standalone, even when the value is empty.
std::vector<Piece> without_standalone_whitespace(std::vector<Piece> pieces) {
  std::vector<Piece> kept;
  kept.reserve(pieces.size());
  std::size_t line_begin = 0;
  bool has_tag = false;
  bool has_text = false;
  const auto end_line = [&](std::size_t line_end, bool is_line) {
    const bool standalone = is_line && has_tag && !has_text;
    for (auto i = line_begin; i < line_end; ++i) {
      if (!(standalone && pieces[i].kind == Piece::Kind::text))
        kept.push_back(std::move(pieces[i]));
    }
    line_begin = line_end;
    has_tag = has_text = false;
  };
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (pieces[i].kind == Piece::Kind::tag) {
      has_tag = true;
    } else if (!blank(pieces[i])) {
      has_text = true;  // text, or a value
    }
    if (ends_line(pieces[i])) end_line(i + 1, true);
  }
  end_line(pieces.size(), !pieces.empty() && pieces.back().kind != Piece::Kind::text);
  return kept;
}

// What kainjow parses: the prepared text with a mark at the end of every line
// and of the text, which render() takes off again. kainjow has a standalone rule
// of its own, applied at render time: a line in which a section was rendered and
// whose output is empty or spaces and tabs loses its line break. The prepared
// text has no standalone lines left, and mstch kept every other line
// (`{{#x}}{{y}}{{/x}}` on a line of its own gives an empty line when y is
// empty), so kainjow's rule must never apply: with the mark, no line it sees is
// empty. kainjow breaks lines at "\r\n", "\n" and "\r"; the mark goes before
// every '\r' and '\n' of the text (so "\r\n" is two line breaks to kainjow, and
// the output the same), never into a tag (a comment may span lines).
constexpr char kLineEnd = '~';

std::string engine_text(const std::vector<Piece>& pieces) {
  std::string text;
  for (const auto& piece : pieces) {
    if (piece.kind != Piece::Kind::text) {
      text += piece.text;
      continue;
    }
    for (const char c : piece.text) {
      if (c == '\n' || c == '\r') text += kLineEnd;
      text += c;
    }
  }
  text += kLineEnd;
  return text;
}

std::string unescaped(const std::string& value) {
  return value;
}

// The templates a site build renders, besides the guide's parts.
constexpr std::array<std::string_view, 3> kBuildTemplates{"guide/level_mapping_text",
                                                          "site/guide.html", "site/index.html"};

// The name of a template file: its path under the folder, without ".mustache".
std::string template_name(const fs::path& relative) {
  auto name = relative.generic_string();
  name.resize(name.size() - std::string_view(".mustache").size());
  return name;
}

bool ends_with(std::string_view text, std::string_view end) {
  return text.size() >= end.size() && text.substr(text.size() - end.size()) == end;
}

// Every template file under the folder, by name.
std::map<std::string, fs::path> template_files(const fs::path& folder) {
  std::map<std::string, fs::path> files;
  std::error_code error;
  for (fs::recursive_directory_iterator it(folder, error), end; !error && it != end;
       it.increment(error)) {
    const auto& path = it->path();
    if (ends_with(path.filename().string(), ".mustache") && it->is_regular_file(error)) {
      files.emplace(template_name(path.lexically_relative(folder)), path);
    }
  }
  return files;
}

// The templates a site build renders, each found, or the file expected.
std::expected<void, core::Diagnostic> check_required(const fs::path& folder,
                                                     const std::map<std::string, fs::path>& files) {
  for (const auto part : kGuideParts) {
    const auto name = "guide/" + std::string(part);
    // The plain file, or a variant for every role family.
    if (files.contains(name)) continue;
    for (const auto& [family, family_name] : core::names_of_enum<core::RoleFamily>()) {
      const auto variant = fmt::format("{}.{}", name, family_name);
      if (!files.contains(variant)) {
        return std::unexpected(core::Diagnostic{
            (folder / (variant + ".mustache")).string(), 0,
            fmt::format("missing template for the {} role family; expected this file, or "
                        "{}.mustache to serve every family",
                        family_name, name)});
      }
    }
  }
  for (const auto name : kBuildTemplates) {
    if (!files.contains(std::string(name))) {
      return std::unexpected(core::Diagnostic{(folder / (std::string(name) + ".mustache")).string(),
                                              0, "missing template; expected this file"});
    }
  }
  return {};
}

// Adds a text to what the templates' digest is taken of, with its length, so
// that ("a", "bc") and ("ab", "c") differ.
void add_to_digest(std::string& digested, std::string_view text) {
  const auto size = static_cast<std::uint64_t>(text.size());
  digested.append(reinterpret_cast<const char*>(&size), sizeof size);
  digested.append(text);
}

}  // namespace

TemplateData text_value(std::string text) {
  if (text.empty()) return TemplateData(false);
  return TemplateData(text);
}

TemplateData object_value() {
  return TemplateData(TemplateData::type::object);
}

TemplateData list_value() {
  return TemplateData(TemplateData::type::list);
}

TemplateData link_value(std::string href, std::string text, std::string note) {
  auto link = object_value();
  link["href"] = text_value(std::move(href));
  link["text"] = text_value(std::move(text));
  link["note"] = text_value(std::move(note));
  return link;
}

std::expected<std::string, core::Diagnostic> prepare_template(const std::string& text,
                                                              const std::string& file) {
  auto pieces = checked_pieces(text, file);
  if (!pieces) return std::unexpected(pieces.error());
  std::string prepared;
  prepared.reserve(text.size());
  for (const auto& piece : without_standalone_whitespace(std::move(*pieces))) {
    prepared += piece.text;
  }
  return prepared;
}

Template::Template(kainjow::mustache::mustache parsed) : parsed_(std::move(parsed)) {}

std::expected<Template, core::Diagnostic> Template::compile(const std::string& text,
                                                            const std::string& file,
                                                            Escaping escaping) {
  auto pieces = checked_pieces(text, file);
  if (!pieces) return std::unexpected(pieces.error());
  kainjow::mustache::mustache parsed(
      engine_text(without_standalone_whitespace(std::move(*pieces))));
  if (!parsed.is_valid()) {
    return std::unexpected(
        core::Diagnostic{file, 0,
                         fmt::format("{}; expected a template of values, sections and comments",
                                     parsed.error_message())});
  }
  // kainjow escapes for HTML by default.
  if (escaping == Escaping::none) parsed.set_custom_escape(unescaped);
  return Template(std::move(parsed));
}

// Several threads render one Template at once (the site builder's workers share
// one TemplateSet). kainjow 4.1's render is not const, but for our templates and
// data it only reads the parsed template and its escape function: it walks the
// parsed tree through non-const references without changing it, keeps its line
// buffer and delimiters in a context made for each call, and writes to the
// object itself (error_message_) only for a partial, a lambda or a failed nested
// parse. The templates have no partials or delimiter changes (checked_pieces
// rejects them), and TemplateData holds no lambdas (strings, booleans, lists and
// objects only). Re-read mustache.hpp before moving to another kainjow version.
std::string Template::render(const TemplateData& data) const {
  std::string out;
  // kainjow hands over each line, then its line break; every line ends with
  // kLineEnd (engine_text).
  parsed_.render(data, [&out](const std::string& text) {
    if (!text.empty() && text.back() == kLineEnd) {
      out.append(text, 0, text.size() - 1);
    } else {
      out += text;
    }
  });
  return out;
}

std::expected<TemplateSet, core::Diagnostic> TemplateSet::load(const fs::path& folder) {
  const auto files = template_files(folder);
  if (auto required = check_required(folder, files); !required) {
    return std::unexpected(required.error());
  }
  TemplateSet set;
  std::string digested;  // each template's name and text, then the stylesheet
  for (const auto& [name, path] : files) {
    auto text = io::read_file(path);
    if (!text) {
      return std::unexpected(
          core::Diagnostic{path.string(), 0, "template cannot be read; expected a readable file"});
    }
    add_to_digest(digested, name);
    add_to_digest(digested, *text);
    auto compiled = Template::compile(*text, path.string(),
                                      ends_with(name, ".html") ? Escaping::html : Escaping::none);
    if (!compiled) return std::unexpected(compiled.error());
    set.templates_.emplace(name, std::move(*compiled));
  }
  const auto stylesheet_path = folder / "site" / "style.css";
  auto stylesheet = io::read_file(stylesheet_path);
  if (!stylesheet) {
    return std::unexpected(
        core::Diagnostic{stylesheet_path.string(), 0, "missing stylesheet; expected this file"});
  }
  set.stylesheet_ = std::move(*stylesheet);
  add_to_digest(digested, set.stylesheet_);
  set.digest_ = XXH3_64bits(digested.data(), digested.size());
  return set;
}

const Template* TemplateSet::find(std::string_view name) const {
  const auto found = templates_.find(name);
  return found == templates_.end() ? nullptr : &found->second;
}

std::string TemplateSet::render(std::string_view name, const TemplateData& data) const {
  const auto* found = find(name);
  if (found == nullptr) {
    throw core::Exception(core::Error::internal(fmt::format("no template '{}' was loaded", name)));
  }
  return found->render(data);
}

std::string TemplateSet::render_part(std::string_view part, core::RoleFamily family,
                                     const TemplateData& data) const {
  const auto* variant = find(fmt::format("guide/{}.{}", part, core::to_string(family)));
  return variant != nullptr ? variant->render(data) : render(fmt::format("guide/{}", part), data);
}

}  // namespace negotiateup::render
