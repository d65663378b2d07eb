#include "yaml/yaml_writer.hpp"

#include <gtest/gtest.h>

#include <string>

namespace negotiateup::yaml {
namespace {

// The catalog files' layout: lists under a key indented by two, a map in a list
// starting on its "- " line, short lists on one line, empty collections as {} and [].
TEST(YamlWriter, WritesTheCatalogLayout) {
  Writer writer;
  writer.begin_map();
  writer.key("name");
  writer.text("Acme");
  writer.key("bands");
  writer.begin_list();
  writer.begin_map();
  writer.key("region");
  writer.text("paris");
  writer.key("base");
  writer.begin_flow_list();
  writer.number(80000);
  writer.number(-1);
  writer.end_list();
  writer.key("sources");
  writer.begin_flow_list();
  writer.text("a, b");
  writer.text("demo data");
  writer.end_list();
  writer.key("nested");
  writer.begin_list();
  writer.begin_map();
  writer.key("c");
  writer.boolean(true);
  writer.end_map();
  writer.end_list();
  writer.end_map();
  writer.begin_map();
  writer.end_map();
  writer.end_list();
  writer.key("none");
  writer.begin_list();
  writer.end_list();
  writer.key("group");
  writer.begin_map();
  writer.key("raw");
  writer.null();
  writer.key("empty");
  writer.begin_map();
  writer.end_map();
  writer.key("flat");
  writer.begin_flow_list();
  writer.end_list();
  writer.end_map();
  writer.end_map();
  EXPECT_EQ(writer.document(),
            "name: Acme\n"
            "bands:\n"
            "  - region: paris\n"
            "    base: [80000, -1]\n"
            "    sources: [\"a, b\", demo data]\n"
            "    nested:\n"
            "      - c: true\n"
            "  - {}\n"
            "none:\n"
            "  []\n"
            "group:\n"
            "  raw: null\n"
            "  empty:\n"
            "    {}\n"
            "  flat: []\n");
}

std::string one_value(std::string_view text, Quoting quoting) {
  Writer writer;
  writer.begin_map();
  writer.key("k");
  writer.text(text, quoting);
  writer.end_map();
  return writer.document();
}

std::string in_flow_list(std::string_view text) {
  Writer writer;
  writer.begin_flow_list();
  writer.text(text);
  writer.end_list();
  return writer.document();
}

// Plain whenever plain YAML reads back the same string; a flow list quotes more.
TEST(YamlWriter, QuotesOnlyWhatPlainYamlCannotHold) {
  const auto plain = Quoting::plain_when_valid;
  EXPECT_EQ(one_value("a:b", plain), "k: a:b\n");
  EXPECT_EQ(one_value("a: b", plain), "k: \"a: b\"\n");
  EXPECT_EQ(one_value("a #b", plain), "k: \"a #b\"\n");
  EXPECT_EQ(one_value("-a", plain), "k: -a\n");
  EXPECT_EQ(one_value("- a", plain), "k: \"- a\"\n");
  EXPECT_EQ(one_value("null", plain), "k: \"null\"\n");
  EXPECT_EQ(one_value("", plain), "k: \"\"\n");
  EXPECT_EQ(one_value("x ", plain), "k: \"x \"\n");
  EXPECT_EQ(one_value("?a", plain), "k: ?a\n");
  EXPECT_EQ(in_flow_list("?a"), "[\"?a\"]\n");
  EXPECT_EQ(in_flow_list("a]"), "[\"a]\"]\n");
  EXPECT_EQ(in_flow_list(":a"), "[:a]\n");
}

// The house rule quotes what would read back as another type, and some characters always.
TEST(YamlWriter, HouseQuotingQuotesValuesThatReadAsOtherTypes) {
  EXPECT_EQ(one_value("true", Quoting::plain_when_valid), "k: true\n");
  EXPECT_EQ(one_value("true", Quoting::house), "k: \"true\"\n");
  EXPECT_EQ(one_value("2025", Quoting::house), "k: \"2025\"\n");
  EXPECT_EQ(one_value("a|b", Quoting::house), "k: \"a|b\"\n");
  EXPECT_EQ(one_value("New York", Quoting::house), "k: New York\n");
}

TEST(YamlWriter, EscapesInsideDoubleQuotes) {
  EXPECT_EQ(one_value("q\"b\\\n\t\x01 caf\xc3\xa9 \xc2\xa0", Quoting::house),
            "k: \"q\\\"b\\\\\\n\\t\\x01 caf\xc3\xa9 \\xa0\"\n");
}

// Guide front matter quotes only by the house rule and escapes only C0 controls,
// so a guide in that style prints back byte for byte.
TEST(YamlWriter, FrontMatterQuotingEscapesOnlyC0Controls) {
  EXPECT_EQ(one_value("New York", Quoting::front_matter), "k: New York\n");
  EXPECT_EQ(one_value("2025", Quoting::front_matter), "k: \"2025\"\n");
  EXPECT_EQ(one_value("a: \"b\"\\\n\t\r\x1f \xc2\xa0", Quoting::front_matter),
            "k: \"a: \\\"b\\\"\\\\\\n\\t\\x0D\\x1F \xc2\xa0\"\n");
}

// A literal block keeps the lines of a paragraph; blank lines carry no indentation.
TEST(YamlWriter, WritesLiteralBlocks) {
  Writer writer;
  writer.begin_map();
  writer.key("narrative");
  writer.begin_map();
  writer.key("dna");
  writer.text("line one\n\nline two", Quoting::literal);
  writer.key("next");
  writer.text("x");
  writer.end_map();
  writer.end_map();
  EXPECT_EQ(writer.document(),
            "narrative:\n"
            "  dna: |\n"
            "    line one\n"
            "\n"
            "    line two\n"
            "  next: x\n");
}

}  // namespace
}  // namespace negotiateup::yaml
