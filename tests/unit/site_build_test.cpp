#include <gtest/gtest.h>

#include <array>
#include <nlohmann/json.hpp>
#include <regex>

#include "catalog/catalog_files.hpp"
#include "catalog/import.hpp"
#include "core/compensation.hpp"
#include "core/money.hpp"
#include "guide/guide_parser.hpp"
#include "render/site_builder.hpp"
#include "render/template_set.hpp"
#include "test_support.hpp"

namespace negotiateup::render {
namespace {

namespace fs = std::filesystem;

const core::Date kToday = *core::parse_date("2026-11-22");

fs::path templates_dir() {
  return test::tests_dir().parent_path() / "templates";
}
fs::path small_catalog() {
  return test::tests_dir() / "golden" / "small-catalog";
}

BuildSummary build(const fs::path& catalog_dir, const fs::path& out) {
  const auto catalog = catalog::load_catalog(catalog_dir);
  EXPECT_TRUE(catalog.has_value()) << catalog.error().to_string();
  EXPECT_TRUE(check_buildable(*catalog).has_value());
  const auto templates = TemplateSet::load(templates_dir());
  EXPECT_TRUE(templates.has_value()) << templates.error().to_string();
  const auto summary =
      build_site(*catalog, *templates, BuildOptions{out, kToday, core::Jobs{2}, {}});
  EXPECT_TRUE(summary.has_value());
  EXPECT_EQ(summary->failed, 0u) << summary->failures.front().to_string();
  return *summary;
}

std::map<std::string, std::string> site_files(const fs::path& out) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    if (entry.is_regular_file()) {
      files[entry.path().lexically_relative(out).string()] = test::read_file(entry.path());
    }
  }
  return files;
}

// Golden files: the whole site of a small catalog (both role types, a public and
// a private company, a geo-rule region, a company without peers). Set
// NEGOTIATEUP_UPDATE_GOLDEN=1 to rewrite them after a deliberate change.
TEST(SiteBuild, SmallCatalogMatchesItsGoldenSite) {
  const auto out = test::fresh_folder("site-golden");
  build(small_catalog(), out);
  const auto golden = test::tests_dir() / "golden" / "small-site";
  auto files = site_files(out);
  files.erase(".negotiateup-build.json");  // hashes change with the templates
  if (std::getenv("NEGOTIATEUP_UPDATE_GOLDEN")) {
    fs::remove_all(golden);
    for (const auto& [path, content] : files) test::write_file(golden / path, content);
  }
  EXPECT_EQ(files.size(), site_files(golden).size());
  for (const auto& [path, content] : site_files(golden)) {
    EXPECT_EQ(files[path], content) << path;
  }
  fs::remove_all(out);
}

TEST(SiteBuild, RebuildWritesOnlyWhatChanged) {
  const auto folder = test::fresh_folder("site-rebuild");
  fs::copy(small_catalog(), folder / "catalog", fs::copy_options::recursive);
  const auto out = folder / "out";
  EXPECT_EQ(build(folder / "catalog", out).written, 3u);
  const auto again = build(folder / "catalog", out);
  EXPECT_EQ(again.written, 0u);
  EXPECT_EQ(again.unchanged, 3u);
  // Globex's New York band feeds its own guide and Acme's competing-offer lever.
  auto text = test::read_file(folder / "catalog" / "guides" / "globex" / "senior-engineer.yaml");
  text.replace(text.find("[600000, 1000000]"), 17, "[700000, 1000000]");
  test::write_file(folder / "catalog" / "guides" / "globex" / "senior-engineer.yaml", text);
  const auto after_band = build(folder / "catalog", out);
  EXPECT_EQ(after_band.written, 2u);
  EXPECT_EQ(after_band.unchanged, 1u);
  // A deleted output file is written again.
  fs::remove(out / "guides" / "acme" / "engineering-manager.html");
  EXPECT_EQ(build(folder / "catalog", out).written, 1u);
  fs::remove_all(folder);
}

// A first build goes through a staging folder renamed to OUT; a build into an
// existing folder writes file by file. Both give the same site, and nothing of
// the staging folder stays behind.
TEST(SiteBuild, AFirstBuildIsStagedAndGivesTheSameSite) {
  const auto folder = test::fresh_folder("site-staged");
  const auto staged = folder / "new" / "site";
  const auto in_place = folder / "existing";
  fs::create_directories(in_place);
  EXPECT_EQ(build(small_catalog(), staged).written, 3u);
  EXPECT_EQ(build(small_catalog(), in_place).written, 3u);
  auto staged_files = site_files(staged);
  auto in_place_files = site_files(in_place);
  staged_files.erase(".negotiateup-build.json");  // folder stamps differ
  in_place_files.erase(".negotiateup-build.json");
  EXPECT_EQ(staged_files, in_place_files);
  EXPECT_EQ(std::distance(fs::directory_iterator(folder / "new"), fs::directory_iterator()), 1);
  fs::remove_all(folder);
}

std::string front_matter_of(const std::string& text) {
  return text.substr(0, text.find("\n---\n", 4) + 5);
}

// Import the reference into an empty catalog, build: the front matter is the
// reference's, the table's figures are, and nothing that was wrong stays wrong.
TEST(SiteBuild, ReferenceImportedAndBuiltGivesTheReferenceFigures) {
  const auto folder = test::fresh_folder("site-reference");
  catalog::Catalog catalog;
  catalog::ImportReport report;
  const auto parsed = guide::parse_guide_file(test::reference_guide());
  ASSERT_TRUE(catalog::import_guide(catalog, *parsed, "reference.md", report).has_value());
  ASSERT_TRUE(catalog::save_catalog(catalog, folder / "catalog").has_value());
  build(folder / "catalog", folder / "out");
  const auto built_path =
      folder / "out" / "guides" / "hugging-face" / "senior-software-engineer.md";
  const auto built = test::read_file(built_path);
  EXPECT_EQ(front_matter_of(built), front_matter_of(test::read_file(test::reference_guide())));
  const auto reparsed = guide::parse_guide_file(built_path);
  ASSERT_TRUE(reparsed.has_value()) << reparsed.error().to_string();
  ASSERT_EQ(reparsed->body.table.size(), parsed->body.table.size());
  for (std::size_t i = 0; i < parsed->body.table.size(); ++i) {
    EXPECT_EQ(reparsed->body.table[i].figures, parsed->body.table[i].figures);
  }
  EXPECT_NE(built.find("| Paris | €78K–€105K | €100K–€195K | — | €103K–€154K |"),
            std::string::npos);
  EXPECT_NE(built.find("€100K / $225K base with €180K / $320K in equity"), std::string::npos);
  EXPECT_NE(built.find("€85K / $195K base with €150K / $270K in equity"), std::string::npos);
  EXPECT_NE(built.find("signing bonus of €10K / $25K"), std::string::npos);
  EXPECT_NE(built.find("upper equity band (€170K–€195K / $300K–$345K"), std::string::npos);
  EXPECT_EQ(built.find("€465K"), std::string::npos);
  fs::remove_all(folder);
}

// "X base, a B bonus and Y/year in RSUs[, which counts for E/year at its expected
// value]: ... a year. That's Z over N years": Z must be N x (X + B + E), with E = Y
// when the equity counts at its grant value.
std::size_t check_multi_year_statements(const std::string& text, const std::string& name) {
  static const std::regex statement(
      R"(is ([^\s]+) base(?:, a ([^\s]+) bonus)? and ([^\s]+)/year in [-a-zA-Z ]+?)"
      R"((?:, which counts for ([^\s]+)/year at its expected value)?: [^.]+ a year\. )"
      R"(That's ([^\s]+) over (\d+) years)");
  std::size_t checked = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), statement), end; it != end; ++it) {
    const auto money = [&](std::size_t group) -> std::int64_t {
      if (!(*it)[group].matched) return 0;
      const auto parsed = core::parse_money((*it)[group].str());
      EXPECT_TRUE(parsed) << name << ": " << it->str();
      return parsed ? parsed->amount : 0;
    };
    const auto yearly = (*it)[4].matched ? money(4) : money(3);
    const auto years = std::stoll((*it)[6].str());
    EXPECT_EQ(money(5), years * (money(1) + money(2) + yearly)) << name << ": " << it->str();
    ++checked;
  }
  return checked;
}

TEST(SiteBuild, MultiYearStatementsAreRight) {
  const auto out = test::fresh_folder("site-statements");
  build(small_catalog(), out);
  const auto text = test::read_file(out / "guides" / "acme" / "senior-engineer.md");
  // New York cites Globex; in Paris Globex's offer is worth less than the ask.
  EXPECT_EQ(check_multi_year_statements(text, "acme"), 1u);
  fs::remove_all(out);
}

// A manager guide known only by its body imports and builds to the same figures.
TEST(SiteBuild, ManagerGuideFromItsBodyAloneRebuildsItsFigures) {
  const auto folder = test::fresh_folder("site-manager-body");
  build(small_catalog(), folder / "first");
  const auto original =
      test::read_file(folder / "first" / "guides" / "acme" / "engineering-manager.md");
  const auto body_only = folder / "manager.md";
  test::write_file(body_only, original.substr(front_matter_of(original).size()));
  const auto parsed = guide::parse_guide_file(body_only);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().to_string();
  EXPECT_EQ(parsed->record.role_type, core::RoleType::manager);
  catalog::Catalog catalog;
  catalog::ImportReport report;
  ASSERT_TRUE(catalog::import_guide(catalog, *parsed, body_only.string(), report).has_value());
  ASSERT_TRUE(catalog::save_catalog(catalog, folder / "catalog").has_value());
  build(folder / "catalog", folder / "second");
  const auto first =
      guide::parse_guide_file(folder / "first" / "guides" / "acme" / "engineering-manager.md");
  const auto second =
      guide::parse_guide_file(folder / "second" / "guides" / "acme" / "engineering-manager.md");
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->record.compensation, first->record.compensation);
  EXPECT_EQ(second->record.role_type, core::RoleType::manager);
  fs::remove_all(folder);
}

// Catalog values are text, never HTML: a hostile name or narrative comes out
// escaped in every HTML page (through a page template or through the Markdown),
// and as written in the Markdown.
TEST(SiteBuild, CatalogTextIsEscapedInHtml) {
  const auto folder = test::fresh_folder("site-hostile");
  const auto catalog = folder / "catalog";
  fs::copy(small_catalog(), catalog, fs::copy_options::recursive);
  const std::string hostile = R"(<script>alert(1)</script> "Q" & 'A')";
  const auto quoted = [](const std::string& text) {  // a YAML single-quoted scalar
    return "'" + std::regex_replace(text, std::regex("'"), "''") + "'";
  };
  const auto hostile_as = [&](const std::string& field) { return quoted(field + hostile); };
  test::write_file(catalog / "companies" / "acme.yaml",
                   "name: " + hostile_as("Acme ") +
                       "\nstage: public\ndna_summary: " + hostile_as("DNA ") +
                       "\npeers: [globex]\nnarrative:\n  dna: " + hostile_as("Story ") +
                       "\n  leverage_title: " + hostile_as("Title ") + "\n  leverage: " +
                       hostile_as("Leverage ") + "\n  script: " + hostile_as("Script ") + "\n");
  test::write_file(catalog / "companies" / "globex.yaml",
                   "name: " + hostile_as("Globex ") +
                       "\nstage: late-stage\ndna_summary: \"Equity Upside | Lean Base\"\n");
  test::write_file(catalog / "roles" / "senior-engineer.yaml",
                   "name: " + hostile_as("Senior ") + "\nfamily: engineering\n");
  test::write_file(catalog / "regions" / "paris.yaml",
                   "name: " + hostile_as("Paris ") + "\ncurrency: EUR\n");
  const auto out = folder / "out";
  build(catalog, out);

  const std::string escaped =
      "&lt;script&gt;alert(1)&lt;/script&gt; &quot;Q&quot; &amp; ";  // md4c keeps ' as it is
  std::size_t html_files = 0;
  for (const auto& [path, content] : site_files(out)) {
    if (fs::path(path).extension() != ".html") continue;
    ++html_files;
    EXPECT_EQ(content.find("<script"), std::string::npos) << path;
    EXPECT_EQ(content.find("</script"), std::string::npos) << path;
  }
  EXPECT_EQ(html_files, 3u + 2u + 2u + 2u);  // guides, companies, roles, indexes
  const auto html = test::read_file(out / "guides" / "acme" / "senior-engineer.html");
  for (const std::string field : {"Acme ", "Globex ", "Senior ", "Paris ", "DNA ", "Story ",
                                  "Title ", "Leverage ", "Script "}) {
    EXPECT_NE(html.find(field + escaped), std::string::npos) << field;
  }
  // Through a page template, which escapes the apostrophe too.
  EXPECT_NE(html.find("<title>Senior &lt;script&gt;alert(1)&lt;/script&gt; &quot;Q&quot; &amp; "
                      "&apos;A&apos; | Acme "),
            std::string::npos);
  EXPECT_NE(test::read_file(out / "companies" / "acme.html")
                .find("<h1>Acme &lt;script&gt;alert(1)&lt;/script&gt;"),
            std::string::npos);
  const auto markdown = test::read_file(out / "guides" / "acme" / "senior-engineer.md");
  EXPECT_NE(markdown.find("### Senior " + hostile + " | Acme " + hostile), std::string::npos);
  EXPECT_NE(markdown.find("**Title " + hostile + "**"), std::string::npos);
  fs::remove_all(folder);
}

struct BrokenBuild {
  const char* name;
  const char* file;
  const char* content;
  const char* message_part;
};

class BrokenBuilds : public testing::TestWithParam<BrokenBuild> {};

void PrintTo(const BrokenBuild& broken, std::ostream* out) {
  *out << broken.name;
}

// Found before anything is written: the output folder is never created.
TEST_P(BrokenBuilds, StopBeforeWritingWithFileAndLine) {
  const auto& broken = GetParam();
  const auto folder = test::fresh_folder(std::string("site-broken-") + broken.name);
  fs::copy(small_catalog(), folder / "catalog", fs::copy_options::recursive);
  fs::copy(templates_dir(), folder / "templates", fs::copy_options::recursive);
  test::write_file(folder / broken.file, broken.content);
  const std::string command = std::string(NEGOTIATEUP_BINARY) + " build --catalog " +
                              (folder / "catalog").string() + " --templates " +
                              (folder / "templates").string() + " --out " +
                              (folder / "out").string() + " 2>" + (folder / "err").string();
  const int status = std::system(command.c_str());
  EXPECT_EQ(WEXITSTATUS(status), 2);
  const auto error = test::read_file(folder / "err");
  EXPECT_NE(error.find((folder / broken.file).string()), std::string::npos) << error;
  EXPECT_NE(error.find(broken.message_part), std::string::npos) << error;
  EXPECT_FALSE(fs::exists(folder / "out"));
  fs::remove_all(folder);
}

INSTANTIATE_TEST_SUITE_P(
    Catalogs, BrokenBuilds,
    testing::Values(
        BrokenBuild{"low_above_high", "catalog/guides/globex/senior-engineer.yaml",
                    "bands:\n  - region: paris\n    base: [120000, 100000]\n", "above high"},
        BrokenBuild{"role_without_company", "catalog/roles/designer.yaml",
                    "name: Designer\nfamily: engineering\n", "in no company's guides"},
        BrokenBuild{"unknown_peer", "catalog/companies/globex.yaml",
                    "name: Globex\nstage: late-stage\npeers: [initech]\n", "peer 'initech'"},
        BrokenBuild{"template_unclosed_section", "templates/guide/levers.standard.mustache",
                    "**Global Levers**\n{{#has_asks}}\n1. x\n", "never closed"},
        BrokenBuild{"template_wrong_close", "templates/guide/title.mustache", "### {{#a}}x{{/b}}\n",
                    "closes 'a'"}),
    [](const testing::TestParamInfo<BrokenBuild>& case_info) { return case_info.param.name; });

// Until the audit exists: every guide of the demo catalog keeps the invariants the
// audit will check.
TEST(DemoCatalog, EveryGuideKeepsItsInvariants) {
  const auto out = test::fresh_folder("site-demo");
  const auto summary = build(test::tests_dir().parent_path() / "catalog", out);
  EXPECT_GE(summary.written, 54u);
  const core::Policy policy;
  std::size_t guides = 0;
  std::size_t statements = 0;
  for (const auto& entry : fs::recursive_directory_iterator(out / "guides")) {
    if (entry.path().extension() != ".md") continue;
    ++guides;
    const auto name = entry.path().lexically_relative(out).string();
    const auto parsed = guide::parse_guide_file(entry.path());
    ASSERT_TRUE(parsed.has_value()) << parsed.error().to_string();
    const auto& record = parsed->record;
    ASSERT_EQ(parsed->body.table.size(), record.compensation.size()) << name;
    for (std::size_t i = 0; i < record.compensation.size(); ++i) {
      const auto& region = record.compensation[i];
      // The table states what the front matter states.
      const auto& row = parsed->body.table[i].figures;
      EXPECT_EQ(row.region, region.region) << name;
      EXPECT_EQ(row.base_low, region.base_low) << name;
      EXPECT_EQ(row.stock_high, region.stock_high) << name;
      EXPECT_EQ(row.total_comp_low, region.total_comp_low) << name;
      EXPECT_EQ(row.bonus_pct, region.bonus_pct) << name;
      if (const auto totals = core::total_comp_band(region, policy)) {
        EXPECT_EQ(region.total_comp_low, totals->low) << name;
        EXPECT_EQ(region.total_comp_high, totals->high) << name;
        EXPECT_LE(*region.base_low, *region.base_high) << name;
        EXPECT_LE(*region.stock_low, *region.stock_high) << name;
      } else {
        EXPECT_TRUE(parsed->body.table[i].geo_rule.has_value())
            << name << ": a region without figures must state its geo rule";
      }
    }
    EXPECT_EQ(*record.next_review_due, core::add_months(*record.last_updated, 3)) << name;
    const auto text = test::read_file(entry.path());
    statements += check_multi_year_statements(text, name);
    // No empty number, no template left over.
    EXPECT_FALSE(std::regex_search(text, std::regex("(€|\\$|£)[^0-9]"))) << name;
    EXPECT_EQ(text.find("{{"), std::string::npos) << name;
    EXPECT_EQ(text.find("  ", front_matter_of(text).size()), std::string::npos) << name;
    // Asks sit inside their bands; floors at or below asks.
    const auto json =
        nlohmann::json::parse(test::read_file(fs::path(entry.path()).replace_extension(".json")));
    for (const auto& region : json["derived"]["regions"]) {
      const auto stated = std::find_if(record.compensation.begin(), record.compensation.end(),
                                       [&](const auto& r) { return r.region == region["region"]; });
      ASSERT_NE(stated, record.compensation.end());
      const auto base = region["base"].get<std::array<std::int64_t, 2>>();
      const auto stock = region["stock"].get<std::array<std::int64_t, 2>>();
      if (region["computed_from"].is_null()) {
        // A region's own band is the front matter's.
        EXPECT_EQ(base[0], *stated->base_low) << name;
        EXPECT_EQ(stock[1], *stated->stock_high) << name;
      } else {
        EXPECT_FALSE(stated->base_low.has_value()) << name;
      }
      for (const char* key : {"base_ask", "base_floor"}) {
        EXPECT_GE(region[key].get<std::int64_t>(), base[0] - policy.ask_step) << name;
        EXPECT_LE(region[key].get<std::int64_t>(), base[1] + policy.ask_step) << name;
      }
      for (const char* key :
           {"equity_ask", "equity_floor", "equity_target", "equity_premium_ask"}) {
        EXPECT_GE(region[key].get<std::int64_t>(), stock[0] - policy.ask_step) << name;
        EXPECT_LE(region[key].get<std::int64_t>(), stock[1] + policy.ask_step) << name;
      }
      EXPECT_LE(region["base_floor"], region["base_ask"]) << name;
      EXPECT_LE(region["equity_floor"], region["equity_ask"]) << name;
    }
  }
  EXPECT_EQ(guides, 54u);
  EXPECT_GT(statements, 50u);  // the competing-offer levers were written and checked
  fs::remove_all(out);
}

}  // namespace
}  // namespace negotiateup::render
