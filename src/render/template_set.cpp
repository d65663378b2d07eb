#include "render/template_set.hpp"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <map>
#include <stdexcept>
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

// One piece of a template: text (never holding "{{"; a piece ends after each line
// break), a value tag ({{&x}} or {{{x}}}) or another tag (a section's open,
// inverted or close tag, or a comment).
struct Piece {
  enum class Kind { text, value, tag };
  Kind kind = Kind::text;
  std::string text;
  bool comment = false;
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
    if (!triple && (kind == '#' || kind == '^' || kind == '/' || kind == '!')) {
      pieces.push_back(Piece{Piece::Kind::tag, text.substr(open, end - open), kind == '!'});
    } else if (triple || kind == '&') {
      pieces.push_back(Piece{Piece::Kind::value, text.substr(open, end - open)});
    } else {
      // Markdown: never HTML-escape values.
      pieces.push_back(Piece{Piece::Kind::value, "{{&" + name + "}}"});
    }
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

// What kainjow parses. kainjow decides at render time whether to drop a line: a
// line in which a section was rendered (entered, or shown as inverted) and whose
// output is empty or spaces and tabs loses its line break. mstch never did
// that: `{{#x}}{{y}}{{/x}}` on a line of its own gives an empty line when y is
// empty. Normalising the standalone lines leaves kainjow no standalone tag line
// to drop, but other lines still meet its rule (also a blank line right after a
// section's opening tag, or after a list's closing tag). So kainjow never sees a
// line break: each '\n' and '\r' of the text becomes a value tag whose value is
// that character (line_breaks(), at the bottom of every render's context; the
// names start with a control character, so no template names them by chance),
// the whole output is then one line to kainjow, and the rule could only act on
// an output of nothing but spaces and tabs; kEnd, a last character of text that
// render() takes off again, rules that out too. Comments render nothing and are
// left out.
constexpr char kEnd = '\x1f';
constexpr std::string_view kLineFeed =
    "\x1f"
    "LF";
constexpr std::string_view kCarriageReturn =
    "\x1f"
    "CR";
constexpr std::string_view kBrace =
    "\x1f"
    "LB";

std::string engine_text(const std::vector<Piece>& pieces) {
  const auto value_tag = [](std::string_view name) { return "{{&" + std::string(name) + "}}"; };
  const std::string line_feed = value_tag(kLineFeed);
  const std::string carriage_return = value_tag(kCarriageReturn);
  const std::string brace = value_tag(kBrace);
  std::string text;
  // A tag after a text's '{' would read as "{{{": that '{' becomes a value too.
  // (Text holds no "{{", so the character before that '{' is no '{'.)
  const auto add_tag = [&](const std::string& tag) {
    if (!text.empty() && text.back() == '{') {
      text.pop_back();
      text += brace;
    }
    text += tag;
  };
  for (const auto& piece : pieces) {
    if (piece.kind != Piece::Kind::text) {
      if (!piece.comment) add_tag(piece.text);
      continue;
    }
    for (const char c : piece.text) {
      if (c == '\n') {
        add_tag(line_feed);
      } else if (c == '\r') {
        add_tag(carriage_return);
      } else {
        text += c;
      }
    }
  }
  text += kEnd;
  return text;
}

const TemplateData& line_breaks() {
  static const TemplateData values = [] {
    auto object = object_value();
    object[std::string(kLineFeed)] = TemplateData(std::string("\n"));
    object[std::string(kCarriageReturn)] = TemplateData(std::string("\r"));
    object[std::string(kBrace)] = TemplateData(std::string("{"));
    return object;
  }();
  return values;
}

// kainjow writes its output to a stream; this one appends to a string.
struct Appender {
  std::string& out;
  Appender& operator<<(const std::string& text) {
    out += text;
    return *this;
  }
};

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

std::expected<std::string, core::Diagnostic> prepare_template(const std::string& text,
                                                              const std::string& file) {
  auto pieces = checked_pieces(text, file);
  if (!pieces) return std::unexpected(pieces.error());
  std::string prepared;
  prepared.reserve(text.size() + 64);
  for (const auto& piece : without_standalone_whitespace(std::move(*pieces))) {
    prepared += piece.text;
  }
  return prepared;
}

Template::Template() : parsed_(std::string(1, kEnd)) {}

Template::Template(kainjow::mustache::mustache parsed) : parsed_(std::move(parsed)) {}

std::expected<Template, core::Diagnostic> Template::compile(const std::string& text,
                                                            const std::string& file) {
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
  return Template(std::move(parsed));
}

// Several threads render one Template at once (the site builder's workers share
// one TemplateSet). kainjow 4.1's render is not const, but for our templates and
// data it only reads the parsed template: it walks the parsed tree through
// non-const references without changing it, keeps its line buffer and
// delimiters in a context made for each call, and writes to the object itself
// (error_message_) only for a partial, a lambda or a failed nested parse. The
// templates have no partials or delimiter changes (checked_pieces rejects them),
// and TemplateData holds no lambdas (strings, booleans, lists and objects only).
// Re-read mustache.hpp before moving to another kainjow version.
std::string Template::render(const TemplateData& data) const {
  kainjow::mustache::context<std::string> stack(&line_breaks());
  stack.push(&data);  // looked up first
  std::string out;
  Appender appender{out};
  parsed_.render(stack, appender);
  if (out.empty() || out.back() != kEnd) {
    throw std::runtime_error(fmt::format("a template did not render: {}", parsed_.error_message()));
  }
  out.pop_back();
  return out;
}

std::expected<TemplateSet, core::Diagnostic> TemplateSet::load(const fs::path& folder) {
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

  std::map<std::string, Template> templates;  // by name without ".mustache"
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
    auto compiled = Template::compile(*text, path.string());
    if (!compiled) {
      XXH3_freeState(state);
      return std::unexpected(compiled.error());
    }
    templates[name] = std::move(*compiled);
  }
  TemplateSet set;
  auto stylesheet = read(folder / "site" / "style.css");
  if (!stylesheet) {
    XXH3_freeState(state);
    return std::unexpected(stylesheet.error());
  }
  set.stylesheet_ = std::move(*stylesheet);
  XXH3_64bits_update(state, set.stylesheet_.data(), set.stylesheet_.size());
  set.digest_ = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  for (const auto type : {core::RoleType::standard, core::RoleType::manager}) {
    auto& parts = type == core::RoleType::standard ? set.standard_parts_ : set.manager_parts_;
    for (const auto part : kGuideParts) {
      const std::string name(part_name(part));
      auto found = templates.find(name + "." + std::string(core::to_string(type)));
      if (found == templates.end()) found = templates.find(name);
      parts.push_back(found->second);
    }
  }
  set.level_mapping_text_ = templates.at("level_mapping_text");
  set.guide_page_ = templates.at("guide.html");
  set.index_page_ = templates.at("index.html");
  return set;
}

std::vector<std::string> TemplateSet::render_parts(core::RoleType type,
                                                   const TemplateData& context) const {
  std::vector<std::string> parts;
  parts.reserve(kGuideParts.size());
  for (const auto& part : type == core::RoleType::standard ? standard_parts_ : manager_parts_) {
    parts.push_back(part.render(context));
  }
  return parts;
}

std::string TemplateSet::render_level_mapping_text(const TemplateData& context) const {
  return level_mapping_text_.render(context);
}

std::string TemplateSet::render_guide_page(const TemplateData& context) const {
  return guide_page_.render(context);
}

std::string TemplateSet::render_index_page(const TemplateData& context) const {
  return index_page_.render(context);
}

}  // namespace negotiateup::render
