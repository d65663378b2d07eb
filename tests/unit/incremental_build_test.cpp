// A rebuild reads only the catalog files that changed and builds only the guides
// they reach; these tests hold it to what a fresh full build writes.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "catalog/cached_load.hpp"
#include "catalog/catalog_files.hpp"
#include "catalog/guide_inputs.hpp"
#include "core/date.hpp"
#include "render/input_hash.hpp"
#include "test_support.hpp"

namespace negotiateup {
namespace {

namespace fs = std::filesystem;

const std::string kPartial = "only guide files changed";

// Catalog files written in the last 2 seconds are not trusted to the cache (their
// stamp could stay as it is through a second write): waiting lets a test reach
// the partial rebuild.
void let_files_settle() {
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
}

std::map<std::string, std::string> site_files(const fs::path& out, bool with_state = false) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    const auto name = entry.path().filename().string();
    if (!entry.is_regular_file() || (!with_state && name.starts_with(".negotiateup-"))) continue;
    files[entry.path().lexically_relative(out).string()] = test::read_file(entry.path());
  }
  return files;
}

void replace(const fs::path& file, const std::string& from, const std::string& to) {
  auto text = test::read_file(file);
  const auto at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from << " in " << file;
  text.replace(at, from.size(), to);
  test::write_file(file, text);
}

class IncrementalBuild : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = test::fresh_folder(
        "incremental-" +
        std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::copy(test::tests_dir() / "golden" / "small-catalog", catalog(),
             fs::copy_options::recursive);
    fs::copy(test::repository() / "templates", templates(), fs::copy_options::recursive);
    let_files_settle();
    const auto first = build(site());
    ASSERT_EQ(first.status, 0) << first.out;
    ASSERT_NE(first.out.find("3 written"), std::string::npos) << first.out;
  }
  void TearDown() override { fs::remove_all(folder_); }

  fs::path catalog() const { return folder_ / "catalog"; }
  fs::path templates() const { return folder_ / "templates"; }
  fs::path site() const { return folder_ / "site"; }
  fs::path guide(const std::string& company, const std::string& role) const {
    return catalog() / "guides" / company / (role + ".yaml");
  }

  test::Run build(const fs::path& out) const {
    return test::run("build --catalog " + catalog().string() + " --templates " +
                     templates().string() + " --out " + out.string() + " --today 2026-11-22");
  }

  // Rebuilds the site, builds the same catalog afresh elsewhere, and compares.
  test::Run rebuild_and_compare() {
    const auto rebuilt = build(site());
    EXPECT_EQ(rebuilt.status, 0) << rebuilt.out;
    const auto fresh = folder_ / ("fresh-" + std::to_string(++fresh_builds_));
    const auto full = build(fresh);
    EXPECT_EQ(full.status, 0) << full.out;
    EXPECT_EQ(full.out.find(kPartial), std::string::npos) << full.out;
    const auto expected = site_files(fresh);
    const auto actual = site_files(site());
    EXPECT_EQ(actual.size(), expected.size());
    for (const auto& [path, content] : expected) {
      const auto found = actual.find(path);
      if (found == actual.end()) {
        ADD_FAILURE() << path << " is missing from the rebuilt site";
      } else {
        EXPECT_EQ(found->second, content) << path << " differs from a fresh build";
      }
    }
    return rebuilt;
  }

  fs::path folder_;
  int fresh_builds_ = 0;
};

TEST_F(IncrementalBuild, APeersBandRebuildsTheGuideAndTheGuidesQuotingIt) {
  // Acme's senior-engineer quotes Globex's New York offer as its competing offer.
  replace(guide("globex", "senior-engineer"), "[600000, 1000000]", "[700000, 1000000]");
  const auto rebuilt = rebuild_and_compare();
  EXPECT_NE(rebuilt.out.find(kPartial), std::string::npos) << rebuilt.out;
  EXPECT_NE(rebuilt.out.find("2 written, 1 unchanged"), std::string::npos) << rebuilt.out;
}

TEST_F(IncrementalBuild, ABandNoOneQuotesRebuildsOneGuide) {
  replace(guide("acme", "engineering-manager"), "[210000, 260000]", "[212000, 262000]");
  const auto rebuilt = rebuild_and_compare();
  EXPECT_NE(rebuilt.out.find(kPartial), std::string::npos) << rebuilt.out;
  EXPECT_NE(rebuilt.out.find("1 written, 2 unchanged"), std::string::npos) << rebuilt.out;
  // Nothing changed since: nothing written, and the site is still the same.
  const auto again = rebuild_and_compare();
  EXPECT_NE(again.out.find("0 written, 3 unchanged"), std::string::npos) << again.out;
}

TEST_F(IncrementalBuild, ALevelMappingThatNowQuotesAnotherCompanyIsFollowed) {
  replace(guide("acme", "engineering-manager"), "  raw: null\n",
          "  raw: null\n  equivalents:\n    - company: globex\n      level: Senior\n");
  EXPECT_NE(rebuild_and_compare().out.find(kPartial), std::string::npos);
  // From now on a change at Globex reaches Acme's engineering manager too (whose
  // page stays the same: Globex has no manager's guide to compare it with).
  replace(guide("globex", "senior-engineer"), "[240000, 290000]", "[241000, 299000]");
  const auto rebuilt = rebuild_and_compare();
  EXPECT_NE(rebuilt.out.find(kPartial), std::string::npos) << rebuilt.out;
  EXPECT_NE(rebuilt.out.find("3 guides looked at"), std::string::npos) << rebuilt.out;
}

TEST_F(IncrementalBuild, MissingOutputsAreWrittenAgain) {
  fs::remove(site() / "guides" / "acme" / "senior-engineer.json");
  fs::remove(site() / "companies" / "globex.html");
  const auto rebuilt = rebuild_and_compare();
  EXPECT_NE(rebuilt.out.find(kPartial), std::string::npos) << rebuilt.out;
  EXPECT_NE(rebuilt.out.find("1 written"), std::string::npos) << rebuilt.out;
}

TEST_F(IncrementalBuild, APolicyACompanyOrATemplateChangeRebuildsWhatTheyReach) {
  test::write_file(catalog() / "policy.yaml", "positions:\n  base_ask: 80\n");
  auto rebuilt = rebuild_and_compare();
  EXPECT_EQ(rebuilt.out.find(kPartial), std::string::npos) << rebuilt.out;
  EXPECT_NE(rebuilt.out.find("3 written"), std::string::npos) << rebuilt.out;

  replace(catalog() / "companies" / "globex.yaml", "name: Globex", "name: Globex Industries");
  rebuilt = rebuild_and_compare();
  EXPECT_EQ(rebuilt.out.find(kPartial), std::string::npos) << rebuilt.out;

  replace(templates() / "guide" / "title.mustache", "{{", "Guide: {{");
  rebuilt = rebuild_and_compare();
  EXPECT_NE(rebuilt.out.find("3 written"), std::string::npos) << rebuilt.out;
}

// A template edit that changes no guide's text (here a comment) hashes as new
// inputs, but the files it would write are the ones there: they are left alone.
TEST_F(IncrementalBuild, AnEditThatChangesNoOutputLeavesTheFilesAlone) {
  const auto html = site() / "guides" / "acme" / "senior-engineer.html";
  struct stat before {};
  ASSERT_EQ(::stat(html.c_str(), &before), 0);
  replace(templates() / "guide" / "sources.mustache", "**Evidence",
          "{{! a note for editors }}**Evidence");
  auto rebuilt = rebuild_and_compare();
  EXPECT_NE(rebuilt.out.find("0 written, 3 unchanged"), std::string::npos) << rebuilt.out;
  struct stat after {};
  ASSERT_EQ(::stat(html.c_str(), &after), 0);
  EXPECT_EQ(after.st_ino, before.st_ino);
  EXPECT_EQ(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);

  replace(templates() / "guide" / "sources.mustache", "**Evidence & Sources**",
          "**Evidence & Sources**\n\n- Checked by the content team");
  rebuilt = rebuild_and_compare();
  EXPECT_NE(rebuilt.out.find("3 written"), std::string::npos) << rebuilt.out;
}

TEST_F(IncrementalBuild, CatalogErrorsInAChangedGuideStopTheBuildBeforeAnythingIsWritten) {
  const auto before = site_files(site(), true);
  const auto globex = guide("globex", "senior-engineer");
  const auto original = test::read_file(globex);
  replace(globex, "[75000, 100000]", "[105000, 100000]");
  auto failed = build(site());
  EXPECT_EQ(failed.status, 2) << failed.out;
  EXPECT_NE(failed.out.find(globex.string() + ":6: base band of region 'paris' has low 105000 "
                                              "above high 100000"),
            std::string::npos)
      << failed.out;
  EXPECT_EQ(site_files(site(), true), before);

  test::write_file(globex, original);
  const auto acme = guide("acme", "senior-engineer");
  replace(acme, "company: globex", "company: initech");
  failed = build(site());
  EXPECT_EQ(failed.status, 2) << failed.out;
  EXPECT_NE(failed.out.find(acme.string() + ":1: level equivalent names unknown company "
                                            "'initech'"),
            std::string::npos)
      << failed.out;
  EXPECT_EQ(site_files(site(), true), before);

  replace(acme, "company: initech", "company: globex");
  EXPECT_EQ(rebuild_and_compare().status, 0);
}

TEST_F(IncrementalBuild, ADamagedOrMissingCacheMeansAFullRead) {
  const auto cache = site() / ".negotiateup-catalog.cache";
  auto bytes = test::read_file(cache);
  ASSERT_GT(bytes.size(), 100u);
  // The first stored file's bytes (right after the 40-byte header) damaged: that
  // file is parsed again, the rest come from the cache.
  bytes[40] = static_cast<char>(bytes[40] ^ 0x5a);
  test::write_file(cache, bytes);
  const auto one_damaged = rebuild_and_compare();
  EXPECT_EQ(one_damaged.status, 0);
  EXPECT_EQ(one_damaged.out.find(", 0 from the cache"), std::string::npos) << one_damaged.out;
  // The index damaged, then cut short, then gone: everything is parsed.
  for (const auto& damage : {std::string(bytes.size(), 'x'), bytes.substr(0, 60), std::string()}) {
    if (damage.empty()) {
      fs::remove(cache);
    } else {
      test::write_file(cache, damage);
    }
    const auto rebuilt = rebuild_and_compare();
    EXPECT_NE(rebuilt.out.find(", 0 from the cache"), std::string::npos) << rebuilt.out;
  }
}

// What the cache hands back is what the YAML says: the repository's catalog
// (narratives, geo rules, level mappings) written out from both loads is the same.
TEST(CatalogCache, GivesBackTheCatalogAsParsed) {
  const auto folder = test::fresh_folder("catalog-cache");
  fs::copy(test::repository() / "catalog", folder / "catalog", fs::copy_options::recursive);
  let_files_settle();
  const auto cache_file = folder / "catalog.cache";
  const auto first = catalog::load_catalog_cached(folder / "catalog", cache_file, nullptr);
  ASSERT_TRUE(first.has_value()) << first.error().to_string();
  ASSERT_TRUE(first->cache.has_value());
  EXPECT_EQ(first->from_cache, 0u);
  test::write_file(cache_file, *first->cache);
  const auto second = catalog::load_catalog_cached(folder / "catalog", cache_file, nullptr);
  ASSERT_TRUE(second.has_value()) << second.error().to_string();
  EXPECT_EQ(second->from_cache, first->catalog.guides.size() + first->catalog.companies.size());
  EXPECT_FALSE(second->cache.has_value());  // nothing changed: nothing to write
  const auto plain = catalog::load_catalog(folder / "catalog");
  ASSERT_TRUE(plain.has_value());
  const auto expected = catalog::catalog_files(*plain, folder / "catalog");
  const auto actual = catalog::catalog_files(second->catalog, folder / "catalog");
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(actual[i].path, expected[i].path);
    EXPECT_EQ(actual[i].content, expected[i].content) << expected[i].path;
  }
  for (std::size_t i = 0; i < plain->guides.size(); ++i) {
    EXPECT_EQ(second->catalog.guides[i].source.file, plain->guides[i].source.file);
    EXPECT_EQ(second->catalog.guides[i].bands.back().source.line,
              plain->guides[i].bands.back().source.line);
  }
  fs::remove_all(folder);
}

// The partial load's reach and catalog::for_each_input are one rule: in the
// repository's catalog, a change to any one guide G rebuilds G, every guide whose
// inputs list G, and the other guides of a company G's company they read (which
// of its guides they read depends on those guides), nothing else; and every guide
// rebuilt hashes the same inputs from the partial catalog as from the whole one.
TEST(CatalogCache, APartialLoadRebuildsExactlyTheGuidesWhoseInputsAGuideChangeReaches) {
  const auto folder = test::fresh_folder("guide-inputs-reach");
  const auto whole = catalog::load_catalog(test::repository() / "catalog");
  ASSERT_TRUE(whole.has_value()) << whole.error().to_string();
  const catalog::Lookup lookup(*whole);
  const auto& guides = whole->guides;
  for (std::size_t g = 0; g < guides.size(); ++g) {
    fs::copy(test::repository() / "catalog", folder / std::to_string(g),
             fs::copy_options::recursive);
  }
  let_files_settle();
  const catalog::OutputsPresent all_present = [](std::string_view, std::string_view) {
    return true;
  };
  const catalog::LastBuild last_build = [&] { return &all_present; };
  const core::Date today{std::chrono::year{2026}, std::chrono::November, std::chrono::day{22}};
  std::size_t reaching_others = 0;
  for (std::size_t g = 0; g < guides.size(); ++g) {
    const auto& changed = guides[g];
    // What for_each_input says reads G, and what may read it after a change.
    std::set<std::string> reads_changed{changed.company + "/" + changed.role};
    std::set<std::string> may_read_changed = reads_changed;
    for (const auto& guide : guides) {
      struct Finds {
        const catalog::CompanyRole* wanted;
        bool found = false;
        void policy(const core::Policy&) {}
        void guide(const catalog::CompanyRole&) {}
        void company(const catalog::Company*) {}
        void role(const catalog::Role*) {}
        void region(const catalog::Region*) {}
        void rates(const core::ExchangeRates&) {}
        void market_band(const catalog::MarketBand&) {}
        void peer_guide(const catalog::CompanyRole& peer) { found = found || &peer == wanted; }
      } finds{&changed};
      catalog::for_each_input(lookup, guide, finds);
      const auto name = guide.company + "/" + guide.role;
      if (finds.found) reads_changed.insert(name);
      const auto read = catalog::companies_read(guide);
      if (std::ranges::find(read, changed.company) != read.end()) may_read_changed.insert(name);
    }
    EXPECT_TRUE(std::ranges::includes(may_read_changed, reads_changed)) << changed.company;

    const auto copy = folder / std::to_string(g);
    const auto cache_file = copy / "catalog.cache";
    const auto first = catalog::load_catalog_cached(copy, cache_file, nullptr);
    ASSERT_TRUE(first.has_value() && first->cache.has_value());
    test::write_file(cache_file, *first->cache);
    const auto file = copy / "guides" / changed.company / (changed.role + ".yaml");
    test::write_file(file, test::read_file(file) + "# edited\n");
    const auto partial = catalog::load_catalog_cached(copy, cache_file, last_build);
    ASSERT_TRUE(partial.has_value()) << partial.error().to_string();
    ASSERT_TRUE(partial->partial) << file;
    const catalog::Lookup partial_lookup(partial->catalog);
    std::set<std::string> rebuilt;
    for (const auto i : partial->to_build) {
      const auto& guide = partial->catalog.guides[i];
      rebuilt.insert(guide.company + "/" + guide.role);
      const auto* in_whole = lookup.guide(guide.company, guide.role);
      ASSERT_NE(in_whole, nullptr);
      EXPECT_EQ(render::guide_input_hash(partial_lookup, guide, 0, today),
                render::guide_input_hash(lookup, *in_whole, 0, today))
          << guide.company << "/" << guide.role << " after a change to " << file;
    }
    EXPECT_EQ(rebuilt, may_read_changed) << file;
    if (reads_changed.size() > 1) ++reaching_others;
  }
  EXPECT_GT(reaching_others, 0u);  // the catalog has guides that read others
  fs::remove_all(folder);
}

}  // namespace
}  // namespace negotiateup
