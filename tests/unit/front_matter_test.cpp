#include "guide/front_matter.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "guide/guide_parser.hpp"
#include "guide/record_json.hpp"
#include "test_support.hpp"

namespace negotiateup::guide {
namespace {

std::string reference_front_matter() {
  const auto text = test::read_file(test::reference_guide());
  return text.substr(0, text.find("\n---\n", 4) + 5);
}

TEST(FrontMatter, ReferenceRoundTripsByteForByte) {
  const auto parsed = parse_guide_file(test::reference_guide());
  ASSERT_TRUE(parsed.has_value()) << parsed.error().to_string();
  EXPECT_TRUE(parsed->has_front_matter);
  EXPECT_EQ(emit_front_matter(parsed->record), reference_front_matter());
}

TEST(FrontMatter, ReadsEveryFigureOfTheReference) {
  const auto parsed = parse_guide_file(test::reference_guide());
  ASSERT_TRUE(parsed.has_value());
  const auto& record = parsed->record;
  EXPECT_EQ(record.company, "hugging-face");
  EXPECT_EQ(record.role_type, core::RoleType::standard);
  EXPECT_EQ(core::format_date(*record.last_updated), "2026-02-23");
  EXPECT_EQ(core::format_date(*record.next_review_due), "2026-05-23");
  EXPECT_EQ(core::format_quarter(*record.salary_data_quarter), "2025-Q4");
  EXPECT_EQ(record.data_quality, core::DataQuality::high);
  ASSERT_EQ(record.compensation.size(), 3u);
  const auto& paris = record.compensation[0];
  EXPECT_EQ(paris.region, "Paris");
  EXPECT_EQ(paris.base_low, 78000);
  EXPECT_EQ(paris.base_high, 105000);
  EXPECT_EQ(paris.stock_low, 100000);
  EXPECT_EQ(paris.stock_high, 195000);
  EXPECT_EQ(paris.total_comp_low, 103000);
  EXPECT_EQ(paris.total_comp_high, 154000);
  EXPECT_FALSE(paris.bonus_pct.has_value());
  EXPECT_EQ(paris.currency->code(), "EUR");
  EXPECT_EQ(record.compensation[1].total_comp_high, 318000);
  EXPECT_EQ(record.compensation[2].currency->code(), "USD");
  EXPECT_FALSE(record.compensation[2].base_low.has_value());
  EXPECT_EQ(record.data_sources->size(), 5u);
  EXPECT_FALSE(record.level_mapping->internal.has_value());
}

TEST(FrontMatter, JsonHasTheFrontMatterKeysInOrder) {
  const auto parsed = parse_guide_file(test::reference_guide());
  ASSERT_TRUE(parsed.has_value());
  const auto json = nlohmann::ordered_json::parse(record_json(parsed->record));
  std::vector<std::string> keys;
  for (const auto& [key, value] : json.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "company", "company_display", "role", "role_display", "role_type",
                      "last_updated", "data_quality", "salary_data_quarter", "next_review_due",
                      "compensation", "level_mapping", "data_sources", "negotiation_dna_summary"}));
  EXPECT_EQ(json["compensation"][1]["base_high"], 232000);
  EXPECT_TRUE(json["compensation"][2]["base_low"].is_null());
  EXPECT_EQ(json["next_review_due"], "2026-05-23");
}

// Missing values are null, empty lists stay on their key's line.
TEST(FrontMatter, WritesEmptyAndMissingValuesInTheHouseLayout) {
  core::GuideRecord record;
  record.company = "acme";
  record.company_display = "Acme";
  record.role = "cto";
  record.role_display = "CTO";
  record.level_mapping = core::LevelMapping{"L7", std::nullopt};
  record.data_sources = std::vector<std::string>{};
  EXPECT_EQ(emit_front_matter(record),
            "---\ncompany: acme\ncompany_display: Acme\nrole: cto\nrole_display: CTO\n"
            "role_type: null\nlast_updated: null\ndata_quality: null\nsalary_data_quarter: null\n"
            "next_review_due: null\ncompensation: []\nlevel_mapping:\n  internal: L7\n"
            "  raw: null\ndata_sources: []\nnegotiation_dna_summary: null\n---\n");
}

TEST(FrontMatter, QuotesWhatYamlWouldMisread) {
  core::GuideRecord record;
  record.company = "acme";
  record.company_display = "yes";  // a YAML boolean unless quoted
  record.role = "cto";
  record.role_display = "CTO: \"Chief\" | Tech";
  record.role_type = core::RoleType::manager;
  record.negotiation_dna_summary = "2026";  // a number unless quoted
  record.compensation.push_back(core::RegionCompensation{
      "Zürich", 200000, 250000, std::nullopt, std::nullopt, core::Percent{1250}, std::nullopt,
      std::nullopt, core::Currency::from_code("CHF")});
  const auto text = emit_front_matter(record);
  EXPECT_NE(text.find("company_display: \"yes\""), std::string::npos) << text;
  EXPECT_NE(text.find("bonus_pct: 12.5"), std::string::npos) << text;
  const auto reparsed = parse_front_matter(*split_guide(text, "x.md"), "x.md");
  ASSERT_TRUE(reparsed.has_value()) << reparsed.error().to_string();
  EXPECT_EQ(*reparsed, record);
  EXPECT_EQ(emit_front_matter(*reparsed), text);
}

// The JSON is written by a stream writer; a JSON parser reads back every value.
TEST(FrontMatter, JsonReadsBackAsTheRecord) {
  core::GuideRecord record;
  record.company = "acme";
  record.company_display = "Acme \"Quoted\" \\ two\nlines\ttab\x07 € ü";
  record.role = "cto";
  record.role_display = "CTO";
  record.data_quality = core::DataQuality::illustrative;
  record.last_updated =
      core::Date{std::chrono::year{2026}, std::chrono::month{2}, std::chrono::day{23}};
  record.compensation.push_back(core::RegionCompensation{
      "Zürich", 200000, 250000, std::nullopt, std::nullopt, core::Percent{1250}, 9000000000,
      std::nullopt, core::Currency::from_code("CHF")});
  record.compensation.push_back(core::RegionCompensation{"Paris", 1, 2, 3, 4, core::Percent{1500},
                                                         std::nullopt, std::nullopt, std::nullopt});
  record.data_sources = std::vector<std::string>{};
  const auto text = record_json(record);
  ASSERT_TRUE(text.ends_with("}\n")) << text;
  const auto json = nlohmann::json::parse(text);
  EXPECT_EQ(json["company_display"], record.company_display);
  EXPECT_EQ(json["last_updated"], "2026-02-23");
  EXPECT_EQ(json["data_quality"], "illustrative");
  EXPECT_TRUE(json["role_type"].is_null());
  EXPECT_EQ(json["compensation"][0]["region"], "Zürich");
  EXPECT_EQ(json["compensation"][0]["bonus_pct"], 12.5);
  EXPECT_EQ(json["compensation"][0]["total_comp_low"], 9000000000);
  EXPECT_TRUE(json["compensation"][0]["stock_low"].is_null());
  EXPECT_EQ(json["compensation"][0]["currency"], "CHF");
  EXPECT_TRUE(json["compensation"][1]["bonus_pct"].is_number_integer());
  EXPECT_EQ(json["compensation"][1]["bonus_pct"], 15);
  EXPECT_TRUE(json["compensation"][1]["currency"].is_null());
  EXPECT_TRUE(json["level_mapping"].is_null());
  EXPECT_EQ(json["data_sources"], nlohmann::json::array());
  // Two-space indents, as every JSON file of ours.
  EXPECT_NE(text.find("\n  \"company\": \"acme\",\n"), std::string::npos) << text;
}

TEST(FrontMatter, AnyTextRoundTrips) {
  for (const std::string text :
       {"back\\slash", "two\nlines", "tab\there", "bell\x07", "€ and – and ü", "# not a comment",
        "- dash", "'single'", "  padded  ", "null", "123", "2026-02-23", "a: b", "[x]", "{y}",
        "ends with colon:"}) {
    core::GuideRecord record;
    record.company = "acme";
    record.company_display = text;
    record.role = "x";
    record.role_display = "X";
    record.role_type = core::RoleType::standard;
    record.negotiation_dna_summary = text;
    record.data_sources = std::vector<std::string>{text};
    const auto emitted = emit_front_matter(record);
    const auto parsed = parse_front_matter(*split_guide(emitted, "x.md"), "x.md");
    ASSERT_TRUE(parsed.has_value()) << parsed.error().to_string() << "\n" << emitted;
    EXPECT_EQ(*parsed, record) << emitted;
  }
}

TEST(FrontMatter, ErrorsNameTheFileLine) {
  const std::string text =
      "---\ncompany: acme\ncompany_display: Acme\nrole: x\nrole_display: X\nrole_type: standard\n"
      "compensation:\n  - region: Paris\n    base_low: 78,000\n    currency: EUR\n---\n";
  const auto error = parse_front_matter(*split_guide(text, "g.md"), "g.md");
  ASSERT_FALSE(error.has_value());
  EXPECT_EQ(error.error().line, 9u);
  EXPECT_NE(error.error().message.find("base_low"), std::string::npos);
  EXPECT_NE(error.error().message.find("whole number"), std::string::npos);
}

}  // namespace
}  // namespace negotiateup::guide
