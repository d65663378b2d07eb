#include <gtest/gtest.h>

#include <filesystem>
#include <initializer_list>
#include <string>
#include <utility>

#include "render/template_set.hpp"
#include "test_support.hpp"

namespace negotiateup::render {
namespace {

// The outputs below are what mstch 1.0.2 (the library used before) gave for
// the same templates; the site's bytes rest on them.

std::string prepared(const std::string& text) {
  const auto result = prepare_template(text, "t.mustache");
  EXPECT_TRUE(result.has_value()) << result.error().to_string();
  return result.value_or("");
}

TemplateData values(std::initializer_list<std::pair<std::string, TemplateData>> entries) {
  TemplateData data(TemplateData::type::object);
  for (const auto& [name, value] : entries) data[name] = TemplateData(value);
  return data;
}

TemplateData texts(std::initializer_list<std::string> items) {
  TemplateData list(TemplateData::type::list);
  for (const auto& item : items) list.push_back(values({{"name", text_value(item)}}));
  return list;
}

std::string render(const std::string& text, const TemplateData& data,
                   Escaping escaping = Escaping::none) {
  const auto compiled = Template::compile(text, "t.mustache", escaping);
  EXPECT_TRUE(compiled.has_value()) << compiled.error().to_string();
  return compiled ? compiled->render(data) : "";
}

core::Diagnostic error_of(const std::string& text) {
  const auto result = prepare_template(text, "t.mustache");
  EXPECT_FALSE(result.has_value());
  const auto compiled = Template::compile(text, "t.mustache", Escaping::none);
  EXPECT_FALSE(compiled.has_value());
  return result ? core::Diagnostic{} : result.error();
}

// Markdown: values go in as they are (md4c escapes them when it makes the HTML).
TEST(Templates, MarkdownValuesAreNotEscaped) {
  TemplateData items(TemplateData::type::list);
  items.push_back(text_value("x&y"));
  EXPECT_EQ(render("{{a}} {{{b}}} {{& c }} {{#d}}{{.}}{{/d}}", values({{"a", text_value("AT&T")},
                                                                       {"b", text_value("<b>")},
                                                                       {"c", text_value("'q'")},
                                                                       {"d", items}})),
            "AT&T <b> 'q' x&y");
}

// HTML: {{x}} escapes &, <, > and both quotes; {{{x}}} and {{&x}} do not.
TEST(Templates, HtmlValuesAreEscapedUnlessMarkedRaw) {
  const auto hostile = text_value(R"(<script>alert("x" & 'y')</script>)");
  TemplateData items(TemplateData::type::list);
  items.push_back(text_value("a<b"));
  EXPECT_EQ(render("<p>{{x}}</p>{{#items}}<i>{{.}}</i>{{/items}}",
                   values({{"x", hostile}, {"items", items}}), Escaping::html),
            "<p>&lt;script&gt;alert(&quot;x&quot; &amp; &apos;y&apos;)&lt;/script&gt;</p>"
            "<i>a&lt;b</i>");
  EXPECT_EQ(render("{{{x}}}|{{&x}}", values({{"x", text_value("<svg/>")}}), Escaping::html),
            "<svg/>|<svg/>");
}

// A section tag alone on its line takes neither its line nor its line break
// with it, whether the section is shown or skipped.
TEST(Templates, StandaloneSectionLinesLeaveNoLine) {
  const std::string text = "a\n{{#x}}\nb\n{{/x}}\nc\n";
  EXPECT_EQ(prepared(text), "a\n{{#x}}b\n{{/x}}c\n");
  EXPECT_EQ(render(text, values({{"x", true}})), "a\nb\nc\n");
  EXPECT_EQ(render(text, values({{"x", false}})), "a\nc\n");
  EXPECT_EQ(render(text, values({})), "a\nc\n");
}

// The case kainjow alone gets wrong: an empty list must not loosen a tight
// Markdown list with a blank line.
TEST(Templates, SkippedListSectionKeepsTheListTight) {
  const std::string text = "**Levers**\n1. first\n{{#items}}\n1. {{name}}\n{{/items}}\n1. last\n";
  EXPECT_EQ(render(text, values({{"items", texts({})}})), "**Levers**\n1. first\n1. last\n");
  EXPECT_EQ(render(text, values({{"items", texts({"x", "y"})}})),
            "**Levers**\n1. first\n1. x\n1. y\n1. last\n");
}

TEST(Templates, IndentedStandaloneTagsLoseTheirIndentation) {
  const std::string text = "a\n  {{#x}}\n  b\n\t{{/x}} \t\nc\n";
  EXPECT_EQ(prepared(text), "a\n{{#x}}  b\n{{/x}}c\n");
  EXPECT_EQ(render(text, values({{"x", true}})), "a\n  b\nc\n");
  EXPECT_EQ(render(text, values({{"x", false}})), "a\nc\n");
}

// The end of the text ends a line only right after a tag, as in mstch.
TEST(Templates, TagLineAtTheEndWithoutLineBreak) {
  EXPECT_EQ(prepared("a\n{{#x}}\nb\n  {{/x}}"), "a\n{{#x}}b\n{{/x}}");
  EXPECT_EQ(render("a\n{{#x}}\nb\n  {{/x}}", values({{"x", true}})), "a\nb\n");
  EXPECT_EQ(render("a\n{{#x}}\nb\n  {{/x}}", values({{"x", false}})), "a\n");
  EXPECT_EQ(prepared("a\n{{#x}}\nb\n{{/x}}  "), "a\n{{#x}}b\n{{/x}}  ");
  EXPECT_EQ(render("a\n{{#x}}\nb\n{{/x}}  ", values({{"x", true}})), "a\nb\n  ");
}

TEST(Templates, TwoTagLinesInARow) {
  const std::string text = "a\n{{#x}}\n{{#y}}\nb\n{{/y}}\n{{/x}}\nc\n";
  EXPECT_EQ(prepared(text), "a\n{{#x}}{{#y}}b\n{{/y}}{{/x}}c\n");
  EXPECT_EQ(render(text, values({{"x", true}, {"y", true}})), "a\nb\nc\n");
  EXPECT_EQ(render(text, values({{"x", true}, {"y", false}})), "a\nc\n");
  EXPECT_EQ(render(text, values({{"x", false}, {"y", true}})), "a\nc\n");
}

// Several tags on one line and nothing else: standalone too (mstch's rule; the
// Mustache spec's is about one tag).
TEST(Templates, LineOfSeveralTagsIsStandalone) {
  const std::string text = "a\n{{#x}}{{/x}} {{^y}}{{/y}}\nb\n";
  EXPECT_EQ(prepared(text), "a\n{{#x}}{{/x}}{{^y}}{{/y}}b\n");
  EXPECT_EQ(render(text, values({{"x", true}})), "a\nb\n");
}

TEST(Templates, InvertedSectionLines) {
  const std::string text =
      "**Sources**\n{{#sources}}\n- {{name}}\n{{/sources}}\n{{^sources}}\n"
      "- none\n{{/sources}}\n";
  EXPECT_EQ(prepared(text),
            "**Sources**\n{{#sources}}- {{name}}\n{{/sources}}{{^sources}}"
            "- none\n{{/sources}}");
  EXPECT_EQ(render(text, values({{"sources", texts({})}})), "**Sources**\n- none\n");
  EXPECT_EQ(render(text, values({{"sources", texts({"a"})}})), "**Sources**\n- a\n");
  EXPECT_EQ(render("{{^x}}\nno\n{{/x}}\n", values({{"x", true}})), "");
}

TEST(Templates, CommentLines) {
  const std::string text = "a\n  {{! a note\n  on two lines }}\nb {{! inline }}\nc";
  EXPECT_EQ(prepared(text), "a\n{{! a note\n  on two lines }}b {{! inline }}\nc");
  EXPECT_EQ(render(text, values({})), "a\nb \nc");
}

// A section tag with text on its line is not standalone: its line stays, even
// when nothing on it is shown.
TEST(Templates, InlineSectionTagsAreNotTouched) {
  const std::string text = "a {{#x}}b{{/x}}\n{{#x}}c{{/x}} \n{{^x}}d{{/x}}\ne\n";
  EXPECT_EQ(prepared(text), text);
  EXPECT_EQ(render(text, values({{"x", true}})), "a b\nc \n\ne\n");
  EXPECT_EQ(render(text, values({{"x", false}})), "a \n \nd\ne\n");
}

// A line with a value is never standalone: a shown section around an empty
// value leaves an empty line, as in mstch. (kainjow's own rule would drop it.)
TEST(Templates, LineThatRendersEmptyKeepsItsLineBreak) {
  EXPECT_EQ(render("a\n{{#x}}{{y}}{{/x}}\nb\n", values({{"x", true}})), "a\n\nb\n");
  EXPECT_EQ(render("a\n  {{^x}}{{y}}{{/x}}\nb\n", values({})), "a\n  \nb\n");
  EXPECT_EQ(render("a\n{{#items}}{{name}}{{/items}}\nb", values({{"items", texts({"", ""})}})),
            "a\n\nb");
  EXPECT_EQ(render("{{#x}}{{y}}{{/x}}", values({{"x", true}, {"y", text_value(" \t")}})), " \t");
}

TEST(Templates, WindowsLineBreaks) {
  const std::string text = "a\r\n{{#x}}\r\nb\r\n{{/x}}\r\nc\r\n";
  EXPECT_EQ(prepared(text), "a\r\n{{#x}}b\r\n{{/x}}c\r\n");
  EXPECT_EQ(render(text, values({{"x", true}})), "a\r\nb\r\nc\r\n");
  EXPECT_EQ(render(text, values({{"x", false}})), "a\r\nc\r\n");
  EXPECT_EQ(render("a\r\n{{#x}}{{y}}{{/x}}\r\nb", values({{"x", true}})), "a\r\n\r\nb");
  EXPECT_EQ(render("a\r{{#x}}{{y}}{{/x}}\rb", values({{"x", true}})), "a\r\rb");
}

// kainjow would read a '{' of the text right before a tag (or a line break,
// which is one to kainjow) as the start of "{{{".
TEST(Templates, BraceAtTheEndOfALine) {
  EXPECT_EQ(render("a {\nb {\r\n{{#x}}{\n{{/x}}{", values({{"x", true}})), "a {\nb {\r\n{\n{");
  EXPECT_EQ(render("{ {{x}} }\n}{{#x}}}{{/x}}{", values({{"x", text_value("v")}})), "{ v }\n}}{");
}

// An empty text is false, as in mstch; kainjow on its own takes it as true.
TEST(Templates, EmptyTextIsFalse) {
  const std::string text = "{{#x}}shown {{x}}{{/x}}{{^x}}hidden{{/x}}";
  EXPECT_EQ(render(text, values({{"x", text_value("")}})), "hidden");
  EXPECT_EQ(render(text, values({{"x", text_value("v")}})), "shown v");
}

// Errors name the line of the file as written, before any line was joined.
TEST(Templates, ErrorsGiveTheLineOfTheFile) {
  auto error = error_of("a\n{{#x}}\nb\n{{#y}}\nc\n{{/x}}\n");
  EXPECT_EQ(error.file, "t.mustache");
  EXPECT_EQ(error.line, 6u);
  EXPECT_NE(error.message.find("closes 'y' opened at line 4"), std::string::npos) << error.message;
  error = error_of("{{! note }}\n{{#x}}\n\n{{/x}}\n  {{#y}}\nb\n");
  EXPECT_EQ(error.line, 5u);
  EXPECT_NE(error.message.find("'y' is never closed"), std::string::npos) << error.message;
  error = error_of("{{#x}}\n{{/x}}\n{{> part}}\n");
  EXPECT_EQ(error.line, 3u);
  error = error_of("{{#x}}\n{{/x}}\n\nvalue {{y\n");
  EXPECT_EQ(error.line, 4u);
  EXPECT_NE(error.message.find("never closed"), std::string::npos) << error.message;
  // kainjow reads "{{{#x}}}" as the value "#x": then "{{/x}}" would close nothing.
  error = error_of("{{#y}}\n{{/y}}\n{{{#x}}}\n{{/x}}\n");
  EXPECT_EQ(error.line, 3u);
  EXPECT_NE(error.message.find("is a value, not a section tag"), std::string::npos)
      << error.message;
}

namespace fs = std::filesystem;

// A copy of the shipped templates to change.
fs::path templates_copy(const std::string& name) {
  const auto folder = test::fresh_folder(name);
  fs::copy(test::tests_dir().parent_path() / "templates", folder, fs::copy_options::recursive);
  return folder;
}

TemplateSet loaded(const fs::path& folder) {
  auto set = TemplateSet::load(folder);
  EXPECT_TRUE(set.has_value()) << set.error().to_string();
  return set ? std::move(*set) : TemplateSet{};
}

// Every *.mustache file is a template by its path without ".mustache"; a page
// added beside the others needs no code to be loaded, and escapes as HTML.
TEST(TemplateSet, TemplatesByName) {
  const auto folder = templates_copy("templates-by-name");
  test::write_file(folder / "site" / "search.html.mustache", "<p>{{query}}</p>\n");
  test::write_file(folder / "guide" / "title.management.mustache",
                   "# {{role_display}} (manager)\n");
  const auto set = loaded(folder);
  EXPECT_NE(set.find("guide/leverage.management"), nullptr);
  EXPECT_EQ(set.find("guide/leverage"), nullptr);
  EXPECT_EQ(set.find("site/style.css"), nullptr);
  EXPECT_EQ(set.render("site/search.html", values({{"query", text_value("<b>&")}})),
            "<p>&lt;b&gt;&amp;</p>\n");
  const auto names =
      values({{"role_display", text_value("<R>")}, {"company_display", text_value("C&D")}});
  EXPECT_EQ(set.render("guide/title", names), "### <R> | C&D Global Negotiation Guide\n");
  // The role family's variant, else the plain file.
  EXPECT_EQ(set.render_part("title", core::RoleFamily::management, names), "# <R> (manager)\n");
  EXPECT_EQ(set.render_part("title", core::RoleFamily::engineering, names),
            "### <R> | C&D Global Negotiation Guide\n");
  EXPECT_NE(set.render_part("leverage", core::RoleFamily::management, names).find("build."),
            std::string::npos);
  EXPECT_NE(set.render_part("leverage", core::RoleFamily::engineering, names).find("first day."),
            std::string::npos);
  EXPECT_NE(set.render_part("leverage", core::RoleFamily::product, names).find("first quarter."),
            std::string::npos);
  EXPECT_THROW((void)set.render("site/missing.html", names), core::Exception);
  fs::remove_all(folder);
}

TEST(TemplateSet, MissingTemplateNamesTheFileExpected) {
  const auto folder = templates_copy("templates-missing");
  fs::remove(folder / "guide" / "levers.product.mustache");
  auto set = TemplateSet::load(folder);
  ASSERT_FALSE(set.has_value());
  EXPECT_EQ(set.error().file, (folder / "guide" / "levers.product.mustache").string());
  EXPECT_NE(set.error().message.find("for the product role family"), std::string::npos);

  fs::copy_file(folder / "guide" / "levers.management.mustache",
                folder / "guide" / "levers.mustache");
  fs::remove(folder / "site" / "index.html.mustache");
  set = TemplateSet::load(folder);
  ASSERT_FALSE(set.has_value());
  EXPECT_EQ(set.error().file, (folder / "site" / "index.html.mustache").string());
  EXPECT_NE(set.error().message.find("missing template"), std::string::npos);

  test::write_file(folder / "site" / "index.html.mustache", "{{title}}\n");
  EXPECT_TRUE(TemplateSet::load(folder).has_value());
  fs::remove(folder / "site" / "style.css");
  set = TemplateSet::load(folder);
  ASSERT_FALSE(set.has_value());
  EXPECT_EQ(set.error().file, (folder / "site" / "style.css").string());
  fs::remove_all(folder);
}

// The digest is in every guide's input hash: any template's text moves it.
TEST(TemplateSet, DigestFollowsEveryTemplate) {
  const auto folder = templates_copy("templates-digest");
  const auto first = loaded(folder).digest();
  EXPECT_EQ(loaded(folder).digest(), first);
  test::write_file(folder / "site" / "search.html.mustache", "<p>{{query}}</p>\n");
  const auto with_page = loaded(folder).digest();
  EXPECT_NE(with_page, first);
  test::write_file(folder / "site" / "search.html.mustache", "<p>{{query}}.</p>\n");
  const auto page_changed = loaded(folder).digest();
  EXPECT_NE(page_changed, with_page);
  const auto title = test::read_file(folder / "guide" / "title.mustache");
  test::write_file(folder / "guide" / "title.mustache", title + "\n");
  EXPECT_NE(loaded(folder).digest(), page_changed);
  test::write_file(folder / "site" / "style.css", "body {}\n");
  const auto restyled = loaded(folder).digest();
  test::write_file(folder / "site" / "style.css", "body { }\n");
  EXPECT_NE(loaded(folder).digest(), restyled);
  fs::remove_all(folder);
}

}  // namespace
}  // namespace negotiateup::render
