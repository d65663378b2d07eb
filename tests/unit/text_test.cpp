#include "core/text.hpp"

#include <gtest/gtest.h>

#include "core/data_sources.hpp"
#include "core/guide_record.hpp"
#include "core/region_names.hpp"

namespace negotiateup::core {
namespace {

TEST(Slugify, DerivesSlugsFromDisplayNames) {
  EXPECT_EQ(slugify("Hugging Face"), "hugging-face");
  EXPECT_EQ(slugify("Senior Software Engineer"), "senior-software-engineer");
  EXPECT_EQ(slugify("Société Générale"), "societe-generale");
  EXPECT_EQ(slugify("  Mistral AI  "), "mistral-ai");
  EXPECT_EQ(slugify("Moody's"), "moodys");
  EXPECT_EQ(slugify("AT&T — Labs"), "at-t-labs");
  EXPECT_EQ(slugify("Moody’s"), "moodys");
  EXPECT_EQ(slugify("ZÜRICH"), "zurich");
  EXPECT_EQ(slugify("Łódź Straße"), "lodz-strasse");
  EXPECT_EQ(slugify("Ærø Œuvre"), "aero-oeuvre");
  EXPECT_EQ(slugify("Socie\u0301te\u0301"), "societe");  // accents as combining marks
  EXPECT_EQ(slugify("Tokyo 東京"), "tokyo");
  EXPECT_EQ(slugify("\xC3"), "");  // a sequence cut short
  EXPECT_TRUE(is_slug("hugging-face"));
  EXPECT_FALSE(is_slug("Hugging Face"));
  EXPECT_FALSE(is_slug("-x"));
  EXPECT_FALSE(is_slug(""));
}

TEST(RoleType, TellsPeopleManagersFromOthers) {
  EXPECT_EQ(classify_role_type("Engineering Manager"), RoleType::manager);
  EXPECT_EQ(classify_role_type("Director of Engineering"), RoleType::manager);
  EXPECT_EQ(classify_role_type("Head of Data"), RoleType::manager);
  EXPECT_EQ(classify_role_type("Senior Software Engineer"), RoleType::standard);
  EXPECT_EQ(classify_role_type("Product Manager"), RoleType::standard);
  EXPECT_EQ(classify_role_type("Senior Technical Program Manager"), RoleType::standard);
}

TEST(KnownSources, FindsWholeNamesInOrderOfMention) {
  EXPECT_EQ(
      known_sources_in("- Levels.fyi 2025\n- Glassdoor France\n- Blind/Teamblind reports\n"
                       "- Crunchbase: valuation\n"),
      (std::vector<std::string>{"Levels.fyi", "Glassdoor", "Blind", "TeamBlind", "Crunchbase"}));
  EXPECT_TRUE(known_sources_in("Teamblind only").size() == 1);
  EXPECT_TRUE(known_sources_in("nothing known here").empty());
}

TEST(RegionNames, ResolvesAbbreviations) {
  const std::vector<std::string> regions{"Paris", "New York", "San Francisco Bay Area"};
  EXPECT_EQ(resolve_region_name("NYC", regions), "New York");
  EXPECT_EQ(resolve_region_name("paris", regions), "Paris");
  EXPECT_EQ(resolve_region_name("SFBA", regions), "San Francisco Bay Area");
  EXPECT_EQ(resolve_region_name("SF", regions), "San Francisco Bay Area");
  EXPECT_FALSE(resolve_region_name("London", regions).has_value());
  EXPECT_EQ(resolve_region_name("new  york", regions), "New York");
  EXPECT_EQ(region_abbreviations("New York"), (std::vector<std::string>{"nyc", "ny"}));
  EXPECT_TRUE(region_abbreviations("Newark").empty());
  EXPECT_EQ(region_initials("San Francisco Bay Area"), "sfba");
  EXPECT_EQ(region_initials("Paris"), "");
}

TEST(EditDistance, CountsEdits) {
  EXPECT_EQ(edit_distance("google", "gogle"), 1u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("same", "same"), 0u);
}

}  // namespace
}  // namespace negotiateup::core

namespace negotiateup::core {
namespace {

TEST(Printable, EscapesWhatATerminalWouldActOnAndKeepsTheRest) {
  EXPECT_EQ(printable("Société Générale <script>"), "Société Générale <script>");
  EXPECT_EQ(printable("a\x1b[31mb\x07\x7f\t\n"), "a\\x1b[31mb\\x07\\x7f\\x09\\x0a");
  EXPECT_EQ(printable("back\\slash"), "back\\\\slash");
  // C1 controls (CSI as U+009B), a bidirectional override, a line separator.
  EXPECT_EQ(printable("\xc2\x9b"
                      "2J \xe2\x80\xae"
                      "abc\xe2\x80\xa8"),
            "\\u009b2J \\u202eabc\\u2028");
  // Not UTF-8: a lone continuation byte, a cut sequence, an overlong slash, a surrogate.
  EXPECT_EQ(printable("\x80 \xe2\x80 \xc0\xaf \xed\xa0\x80"),
            "\\x80 \\xe2\\x80 \\xc0\\xaf \\xed\\xa0\\x80");
  EXPECT_EQ(printable("\xf0\x9f\x98\x80"), "\xf0\x9f\x98\x80");  // an emoji stays
}

}  // namespace
}  // namespace negotiateup::core
