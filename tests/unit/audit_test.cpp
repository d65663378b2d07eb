#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "audit/auditor.hpp"
#include "audit/money_mentions.hpp"
#include "audit/report.hpp"
#include "catalog/catalog_files.hpp"
#include "core/text.hpp"
#include "render/site_builder.hpp"
#include "render/template_set.hpp"
#include "test_support.hpp"

namespace negotiateup::audit {
namespace {

namespace fs = std::filesystem;

AuditSettings settings_on(const char* today) {
  return AuditSettings{{}, *core::parse_date(today)};
}

std::vector<std::string> lines_and_rules(const AuditResult& result) {
  std::vector<std::string> found;
  for (const auto& finding : result.findings) {
    found.push_back(fmt::format("{}|{}", finding.line, finding.rule));
  }
  return found;
}

// Worked out by hand: the reference's two wrong four-year totals (lever 2 counts
// one year of base, lever 3 likewise), and its review date, overdue after
// 2026-05-23. Its totals, table, asks and floors are right.
TEST(Audit, ReferenceGivesExactlyItsRealProblems) {
  const auto result =
      audit_files({test::reference_guide()}, settings_on("2026-11-22"), core::Jobs{1});
  EXPECT_EQ(lines_and_rules(result),
            (std::vector<std::string>{"10|review-overdue", "74|multi-year-arithmetic",
                                      "75|multi-year-arithmetic"}));
  EXPECT_EQ(result.findings[1].message, "stated €465K; 4 x (€105K base + €90K/year RSUs) = €780K");
  EXPECT_EQ(result.findings[2].message,
            "stated $1.065M; 4 x ($265K base + $200K/year RSUs) = $1.86M");
  // Before the review date, only the arithmetic is wrong.
  EXPECT_EQ(audit_files({test::reference_guide()}, settings_on("2026-03-01"), core::Jobs{1})
                .findings.size(),
            2u);
}

TEST(Audit, BodyOnlyReferenceIsCheckedAgainstItself) {
  const auto folder = test::fresh_folder("audit-body");
  test::write_file(folder / "stripped.md", test::reference_body());
  const auto result =
      audit_files({folder / "stripped.md"}, settings_on("2026-11-22"), core::Jobs{1});
  EXPECT_EQ(lines_and_rules(result),
            (std::vector<std::string>{"25|multi-year-arithmetic", "26|multi-year-arithmetic"}));
  fs::remove_all(folder);
}

struct Case {
  fs::path guide;
  std::vector<std::string> expected;
};

void PrintTo(const Case& c, std::ostream* out) {
  *out << c.guide.filename().string();
}

std::vector<Case> corpus() {
  std::vector<Case> cases;
  const auto folder = test::tests_dir() / "corpus" / "audit";
  if (!fs::is_directory(folder)) return cases;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() != ".md" || entry.path().filename() == "README.md") continue;
    Case c{entry.path(), {}};
    const auto expected = test::read_file(fs::path(entry.path()).replace_extension(".expected"));
    for (const auto line : core::split(expected, "\n")) {
      if (!core::trim(line).empty()) c.expected.emplace_back(core::trim(line));
    }
    cases.push_back(std::move(c));
  }
  std::sort(cases.begin(), cases.end(),
            [](const Case& a, const Case& b) { return a.guide < b.guide; });
  return cases;
}

class AuditCorpus : public testing::TestWithParam<Case> {};

// Correct guides give nothing; each planted fault gives its one finding at its line.
TEST_P(AuditCorpus, GivesExactlyTheExpectedFindings) {
  const auto& c = GetParam();
  const auto result = audit_files({c.guide}, settings_on("2026-03-01"), core::Jobs{1});
  EXPECT_EQ(lines_and_rules(result), c.expected) << text_report(result);
}

INSTANTIATE_TEST_SUITE_P(Guides, AuditCorpus, testing::ValuesIn(corpus()),
                         [](const testing::TestParamInfo<Case>& case_info) {
                           auto name = case_info.param.guide.stem().string();
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(AuditCorpusSize, HasAtLeastFortyGuidesAcrossEveryRule) {
  const auto cases = corpus();
  EXPECT_GE(cases.size(), 40u);
  std::set<std::string> rules;
  std::size_t clean = 0;
  for (const auto& c : cases) {
    clean += c.expected.empty();
    for (const auto& e : c.expected) rules.insert(e.substr(e.find('|') + 1));
  }
  EXPECT_GE(clean, 8u);
  for (const auto rule : {rule::multi_year_arithmetic, rule::total_comp_mismatch, rule::band_order,
                          rule::table_mismatch, rule::ask_outside_band, rule::review_overdue,
                          rule::review_date, rule::missing_data, rule::format}) {
    EXPECT_TRUE(rules.contains(std::string(rule))) << rule;
  }
}

TEST(Audit, AnUnreadableFileIsOneFormatFindingAndTheOthersAreAudited) {
  const auto folder = test::fresh_folder("audit-mixed");
  test::write_file(folder / "a-broken.md", "---\ncompany: [\n---\n");
  fs::copy(test::reference_guide(), folder / "b-reference.md");
  const auto files = collect_guides({folder});
  ASSERT_TRUE(files.has_value());
  const auto result = audit_files(*files, settings_on("2026-03-01"), core::Jobs{2});
  ASSERT_EQ(result.findings.size(), 3u);
  EXPECT_EQ(result.findings[0].rule, rule::format);
  EXPECT_EQ(result.findings[0].line, 3u);
  EXPECT_EQ(result.findings[1].file, (folder / "b-reference.md").string());
  fs::remove_all(folder);
}

TEST(Audit, ReportsInJsonAndSarif) {
  const auto result =
      audit_files({test::reference_guide()}, settings_on("2026-11-22"), core::Jobs{1});
  const auto json = nlohmann::json::parse(json_report(result));
  EXPECT_EQ(json["summary"]["error"], 2);
  EXPECT_EQ(json["summary"]["warning"], 1);
  EXPECT_EQ(json["summary"]["info"], 0);
  EXPECT_EQ(json["findings"][1]["rule"], "multi-year-arithmetic");
  EXPECT_EQ(json["findings"][1]["line"], 74);
  const auto sarif = nlohmann::json::parse(sarif_report(result));
  EXPECT_EQ(sarif["version"], "2.1.0");
  const auto& run = sarif["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "negotiateup");
  ASSERT_EQ(run["results"].size(), 3u);
  const auto& first = run["results"][1];
  EXPECT_EQ(first["ruleId"], "multi-year-arithmetic");
  EXPECT_EQ(first["level"], "error");
  EXPECT_EQ(first["locations"][0]["physicalLocation"]["region"]["startLine"], 74);
  const auto index = first["ruleIndex"].get<std::size_t>();
  EXPECT_EQ(run["tool"]["driver"]["rules"][index]["id"], "multi-year-arithmetic");
  EXPECT_EQ(text_report(result).substr(0, test::reference_guide().string().size() + 4),
            test::reference_guide().string() + ":10:");
}

TEST(Audit, ThePolicySetsTheReviewInterval) {
  AuditSettings six_months = settings_on("2026-03-01");
  six_months.policy.review_interval_months = 6;
  const auto result = audit_files({test::reference_guide()}, six_months, core::Jobs{1});
  EXPECT_EQ(lines_and_rules(result).front(), "10|review-date");
}

// Every guide the generator writes from the demo catalog passes the audit.
TEST(Audit, EveryDemoGuidePasses) {
  const auto out = test::fresh_folder("audit-demo");
  const auto catalog = catalog::load_catalog(test::tests_dir().parent_path() / "catalog");
  ASSERT_TRUE(catalog.has_value());
  const auto templates = render::TemplateSet::load(test::tests_dir().parent_path() / "templates");
  ASSERT_TRUE(templates.has_value());
  const auto today = *core::parse_date("2026-03-01");
  ASSERT_TRUE(render::build_site(*catalog, *templates,
                                 render::BuildOptions{out, today, core::Jobs{2}, {}}));
  const auto files = collect_guides({out});
  ASSERT_TRUE(files.has_value());
  EXPECT_EQ(files->size(), 54u);
  const auto result = audit_files(*files, AuditSettings{catalog->policy, today}, core::Jobs{2});
  EXPECT_TRUE(result.findings.empty()) << text_report(result);
  EXPECT_GT(result.arithmetic.checked, 50u);
  fs::remove_all(out);
}

TEST(MoneyMentions, FindsAmountsAndRanges) {
  const std::string text = "From €78K–€105K; $1.065M, €1,065,000, EUR 600K and C$120K. Company 5K.";
  const auto mentions = find_money(text);
  ASSERT_EQ(mentions.size(), 6u);
  EXPECT_TRUE(mentions[0].in_range);
  EXPECT_TRUE(mentions[1].in_range);
  EXPECT_EQ(mentions[2].money.amount, 1'065'000);
  EXPECT_EQ(mentions[2].precision, 500);
  EXPECT_EQ(mentions[3].money.amount, 1'065'000);
  EXPECT_EQ(mentions[4].money.amount, 600'000);
  EXPECT_EQ(mentions[5].money.currency.code(), "CAD");
}

}  // namespace
}  // namespace negotiateup::audit
