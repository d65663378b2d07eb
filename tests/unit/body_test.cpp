#include "guide/body.hpp"

#include <gtest/gtest.h>

#include "guide/guide_parser.hpp"
#include "test_support.hpp"

namespace negotiateup::guide {
namespace {

TEST(Body, FindsEverySectionAtItsFileLine) {
  const auto parsed = parse_guide_file(test::reference_guide());
  ASSERT_TRUE(parsed.has_value());
  const auto& body = parsed->body;
  EXPECT_EQ(body.line_of(Section::title), 50u);
  EXPECT_EQ(body.line_of(Section::dna_line), 52u);
  EXPECT_EQ(body.line_of(Section::band_table), 54u);
  EXPECT_EQ(body.line_of(Section::dna), 60u);
  EXPECT_EQ(body.line_of(Section::level_mapping), 63u);
  EXPECT_EQ(body.line_of(Section::leverage), 65u);
  EXPECT_EQ(body.line_of(Section::global_levers), 72u);
  EXPECT_EQ(body.line_of(Section::strategy), 78u);
  EXPECT_EQ(body.line_of(Section::sources), 80u);
  EXPECT_EQ(body.equity_kind, "Pre-IPO");
  ASSERT_EQ(body.table.size(), 3u);
  EXPECT_EQ(body.table[0].line, 56u);
  ASSERT_EQ(body.levers.size(), 4u);
  EXPECT_EQ(body.levers[1].line, 74u);
  EXPECT_EQ(body.source_bullets.size(), 5u);
  EXPECT_EQ(body.leverage_title, "Open Source Impact — The Ecosystem Moat Script");
}

TEST(Body, ReadsTheGeoRuleRow) {
  const auto parsed = parse_guide_file(test::reference_guide());
  ASSERT_TRUE(parsed.has_value());
  const auto& remote = parsed->body.table[2];
  ASSERT_TRUE(remote.geo_rule.has_value());
  EXPECT_EQ(remote.geo_rule->reference_region, "New York");
  EXPECT_EQ(remote.geo_rule->low_share, core::Percent::whole(60));
  EXPECT_EQ(remote.geo_rule->high_share, core::Percent::whole(100));
  EXPECT_TRUE(remote.geo_rule->same_equity);
  EXPECT_EQ(remote.figures.currency->code(), "USD");
}

// An older guide has only the body: it must give the same companies, roles and
// region figures as the front matter states.
TEST(Body, StrippedReferenceGivesTheSameRecordFigures) {
  const auto full = parse_guide_file(test::reference_guide());
  const auto stripped = parse_guide(test::reference_body(), "stripped.md");
  ASSERT_TRUE(full.has_value());
  ASSERT_TRUE(stripped.has_value()) << stripped.error().to_string();
  EXPECT_FALSE(stripped->has_front_matter);
  const auto& a = full->record;
  const auto& b = stripped->record;
  EXPECT_EQ(b.company, a.company);
  EXPECT_EQ(b.company_display, a.company_display);
  EXPECT_EQ(b.role, a.role);
  EXPECT_EQ(b.role_display, a.role_display);
  EXPECT_EQ(b.role_type, a.role_type);
  EXPECT_EQ(b.compensation, a.compensation);
  EXPECT_EQ(b.level_mapping->raw, a.level_mapping->raw);
  EXPECT_EQ(b.data_sources, a.data_sources);
  EXPECT_EQ(b.negotiation_dna_summary, a.negotiation_dna_summary);
  // What the body cannot tell stays null.
  EXPECT_FALSE(b.last_updated.has_value());
  EXPECT_FALSE(b.data_quality.has_value());
  EXPECT_FALSE(b.salary_data_quarter.has_value());
  EXPECT_FALSE(b.next_review_due.has_value());
  EXPECT_FALSE(b.level_mapping->internal.has_value());
  // Lines of a body-only guide are the file's lines.
  EXPECT_EQ(stripped->body.line_of(Section::band_table), 5u);
}

TEST(Body, ManagerTitlesGiveTheManagerRoleType) {
  auto body = test::reference_body();
  const std::string old_title = "### Senior Software Engineer | Hugging Face";
  body.replace(body.find(old_title), old_title.size(), "### Engineering Manager | Hugging Face");
  const auto parsed = parse_guide(body, "manager.md");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().to_string();
  EXPECT_EQ(parsed->record.role, "engineering-manager");
  EXPECT_EQ(parsed->record.role_type, core::RoleType::manager);
}

TEST(Body, ReadsBonusesAndPublicCompanyTables) {
  const std::string body =
      "### Staff Engineer | Example Corp Global Negotiation Guide\n\n"
      "**Negotiation DNA:** A | B | C\n\n"
      "| Region | Base Salary | Equity (RSU/4yr) | Bonus | Total Comp |\n"
      "|---|---|---|---|---|\n"
      "| London | £120K–£150K | £80K–£160K | 15% | £158K–£213K |\n"
      "| Berlin | €100K–€130K | €60K–€120K | 12.5% | €128K–€176K |\n"
      "| Toronto | C$150K–C$190K | C$80K–C$120K | 10% | C$185K–C$239K |\n\n"
      "**Negotiation DNA**\nProse.\n\n**Level Mapping:** Staff = L6.\n\n"
      "**Leverage**\nProse.\n\n**Global Levers**\n1. One\n2. Two\n\n"
      "> **Negotiate Up Strategy:** Ask.\n\n**Evidence & Sources**\n- Levels.fyi\n";
  const auto parsed = parse_guide(body, "public.md");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().to_string();
  EXPECT_EQ(parsed->body.equity_kind, "RSU");
  EXPECT_EQ(parsed->record.compensation[0].bonus_pct, core::Percent::whole(15));
  EXPECT_EQ(parsed->record.compensation[1].bonus_pct, core::Percent{1250});
  EXPECT_EQ(parsed->record.compensation[0].currency->code(), "GBP");
  EXPECT_EQ(parsed->record.company, "example-corp");
  EXPECT_EQ(parsed->record.compensation[2].currency->code(), "CAD");
  EXPECT_EQ(parsed->record.compensation[2].base_low, 150000);
  EXPECT_EQ(*parsed->record.data_sources, std::vector<std::string>{"Levels.fyi"});
}

}  // namespace
}  // namespace negotiateup::guide
