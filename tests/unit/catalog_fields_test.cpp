// Each catalog struct's fields are described once (catalog/catalog_fields.hpp);
// these tests hold the descriptions to the structs, the input hash and the YAML
// files to the descriptions.

#include "catalog/catalog_fields.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "catalog/catalog_files.hpp"
#include "catalog/catalog_reading.hpp"
#include "catalog/lookup.hpp"
#include "render/input_hash.hpp"
#include "render/site_builder.hpp"
#include "render/template_set.hpp"
#include "test_support.hpp"

namespace negotiateup {
namespace {

namespace fs = std::filesystem;
using catalog::fields::Field;
using catalog::fields::Rendered;

// The addresses of the members a description names, its groups' included.
class Members {
 public:
  template <typename T>
  void operator()(const Field&, T& member) {
    add(member);
  }
  template <typename T>
  void range(const Field&, T& low, T& high) {
    add(low);
    add(high);
  }
  template <typename Fill>
  void group(const Field&, Fill&& fill) {
    fill();
  }
  template <typename T>
  void path_part(T& member) {
    add(member);
  }
  template <typename T>
  void location(T& member) {
    add(member);
  }

  template <typename T, typename... Member>
  static void expect_all_described(T& value, Member&... members) {
    Members described;
    catalog::fields::visit(described, value);
    EXPECT_EQ(described.seen_.size(), sizeof...(members));
    std::size_t i = 0;
    for (const void* member : {static_cast<const void*>(&members)...}) {
      EXPECT_TRUE(described.seen_.contains(member))
          << "member " << i << " of " << typeid(T).name() << " is not described";
      ++i;
    }
  }

 private:
  template <typename T>
  void add(T& member) {
    seen_.insert(static_cast<const void*>(&member));
  }
  std::set<const void*> seen_;
};

// Every data member is described. The structured bindings name each member: one
// added to a struct stops this file compiling until it is named here, and then
// this test fails until it is described.
TEST(CatalogFields, EveryMemberIsDescribed) {
  catalog::Region region{{}, {}, *core::Currency::from_code("EUR"), {}, {}, {}};
  auto& [r1, r2, r3, r4, r5, r6] = region;
  Members::expect_all_described(region, r1, r2, r3, r4, r5, r6);

  catalog::Role role;
  auto& [o1, o2, o3, o4] = role;
  Members::expect_all_described(role, o1, o2, o3, o4);

  catalog::CompanyNarrative narrative;
  auto& [n1, n2, n3, n4] = narrative;
  Members::expect_all_described(narrative, n1, n2, n3, n4);

  catalog::Company company;
  auto& [c1, c2, c3, c4, c5, c6, c7, c8, c9] = company;
  Members::expect_all_described(company, c1, c2, c3, c4, c5, c6, c7, c8, c9);

  catalog::RegionBand band;
  auto& [b1, b2, b3, b4, b5, b6, b7, b8, b9] = band;
  Members::expect_all_described(band, b1, b2, b3, b4, b5, b6, b7, b8, b9);

  catalog::LevelEquivalent equivalent;
  auto& [e1, e2, e3] = equivalent;
  Members::expect_all_described(equivalent, e1, e2, e3);

  catalog::LevelMapping mapping;
  auto& [m1, m2, m3] = mapping;
  Members::expect_all_described(mapping, m1, m2, m3);

  catalog::CompanyRole guide;
  auto& [g1, g2, g3, g4, g5, g6] = guide;
  Members::expect_all_described(guide, g1, g2, g3, g4, g5, g6);

  catalog::MarketBand market_band;
  auto& [w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11] = market_band;
  Members::expect_all_described(market_band, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11);

  catalog::MarketBands market;
  auto& [v1] = market;
  Members::expect_all_described(market, v1);

  core::GeoRule rule;
  auto& [u1, u2, u3, u4] = rule;
  Members::expect_all_described(rule, u1, u2, u3, u4);

  core::Policy policy;
  auto& [p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13, p14, p15, p16, p17, p18] = policy;
  Members::expect_all_described(policy, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13, p14,
                                p15, p16, p17, p18);
  auto& [s1, s2] = policy.late_stage;
  Members::expect_all_described(policy.late_stage, s1, s2);
  auto& [k1, k2, k3, k4, k5] = policy.late_stage.equity_risk;
  Members::expect_all_described(policy.late_stage.equity_risk, k1, k2, k3, k4, k5);
  core::Policy::ExtraAsk ask;
  auto& [x1, x2] = ask;
  Members::expect_all_described(ask, x1, x2);
  auto& [a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11] = policy.aggregation;
  Members::expect_all_described(policy.aggregation, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11);

  // Leaves that every visitor writes member by member (hash, cache, YAML): a
  // member added to one of these needs each visitor's overload.
  auto& [band_low, band_high] = band.base.emplace();
  auto& [hundredths] = band.bonus_pct.emplace();
  auto& [year, number] = band.quarter.emplace();
  EXPECT_EQ(band_low, band_high);
  EXPECT_EQ(hundredths, 0);
  EXPECT_EQ(year + 1, number);
}

// Changes the target-th leaf of a described struct (counting depth first), and
// says whether the description lets it reach a page or a YAML file.
class Mutation {
 public:
  // With `replacement`, a text field is set to it rather than changed a little.
  explicit Mutation(int target, std::string replacement = {})
      : target_(target), replacement_(std::move(replacement)) {}
  bool found() const { return found_; }
  bool text() const { return text_; }
  bool rendered() const { return rendered_; }
  bool in_yaml() const { return in_yaml_; }
  const std::string& where() const { return where_; }

  template <typename T>
  void operator()(const Field& field, T& member) {
    enter(field.key, field.rendered == Rendered::no, true, [&] { value(member); });
  }
  template <typename T>
  void range(const Field& field, T& low, T& high) {
    enter(field.key, field.rendered == Rendered::no, true, [&] {
      value(low);
      value(high);
    });
  }
  template <typename Fill>
  void group(const Field& field, Fill&& fill) {
    enter(field.key, field.rendered == Rendered::no, true, fill);
  }
  void path_part(std::string& slug) {
    enter("(path)", false, false, [&] { value(slug); });
  }
  void location(catalog::SourceLocation& source) {
    enter("(location)", true, false, [&] { value(source.line); });
  }

 private:
  template <typename Visit>
  void enter(std::string_view key, bool hidden, bool yaml, Visit&& visit) {
    const auto saved = std::tuple(hidden_, yaml_, path_);
    hidden_ = hidden_ || hidden;
    yaml_ = yaml_ && yaml;
    path_ += "/" + std::string(key);
    visit();
    std::tie(hidden_, yaml_, path_) = saved;
  }
  template <typename T>
  void value(T& member) {
    using catalog::fields::Described;
    using catalog::fields::is_optional;
    using catalog::fields::is_vector;
    if constexpr (is_optional<T>) {
      if (member) return value(*member);
      if (take()) member.emplace(example<typename T::value_type>());
    } else if constexpr (is_vector<T>) {
      if (member.empty() && take()) member.push_back(example<typename T::value_type>());
      for (auto& item : member) value(item);
    } else if constexpr (Described<T>) {
      catalog::fields::visit(*this, member);
    } else if (take()) {
      change(member);
    }
  }
  // A value the reader accepts, for a field that had none.
  template <typename T>
  static T example() {
    if constexpr (std::is_same_v<T, std::string>) {
      return "x";
    } else if constexpr (std::is_same_v<T, core::GeoRule>) {
      return core::GeoRule{"x", core::Percent::whole(50), core::Percent::whole(80), true};
    } else if constexpr (std::is_same_v<T, catalog::LevelEquivalent>) {
      return catalog::LevelEquivalent{"x", "x", {}};
    } else if constexpr (std::is_same_v<T, core::Quarter>) {
      return core::Quarter{2026, 1};  // a default Quarter is the year 0, which no reader takes
    } else {
      return T{};
    }
  }
  bool take() {
    if (index_++ != target_) return false;
    found_ = true;
    rendered_ = !hidden_;
    in_yaml_ = yaml_;
    where_ = path_;
    return true;
  }
  void change(std::string& text) {
    text = replacement_.empty() ? text + "x" : replacement_;
    text_ = true;
  }
  static void change(bool& flag) { flag = !flag; }
  static void change(int& number) { ++number; }
  static void change(std::int64_t& number) { ++number; }
  static void change(std::size_t& number) { ++number; }
  // Down by a hundredth: every percent the reader bounds stays in its range.
  static void change(core::Percent& percent) {
    percent.hundredths = percent.hundredths > 0 ? percent.hundredths - 1 : 1;
  }
  static void change(core::Band& band) { --band.low; }
  static void change(core::Date& date) {
    date = std::chrono::sys_days(date) + std::chrono::days(1);
  }
  static void change(core::Quarter& quarter) { ++quarter.year; }
  static void change(core::Currency& currency) {
    currency = *core::Currency::from_code(currency.code() == "EUR" ? "USD" : "EUR");
  }
  static void change(core::RoleFamily& family) {
    family = family == core::RoleFamily::engineering ? core::RoleFamily::product
                                                     : core::RoleFamily::engineering;
  }
  static void change(catalog::CompanyStage& stage) {
    stage = stage == catalog::CompanyStage::public_company ? catalog::CompanyStage::late_stage
                                                           : catalog::CompanyStage::public_company;
  }
  static void change(core::DataQuality& quality) {
    quality = quality == core::DataQuality::high ? core::DataQuality::low : core::DataQuality::high;
  }

  int target_;
  std::string replacement_;
  bool text_ = false;
  int index_ = 0;
  bool hidden_ = false;
  bool yaml_ = true;
  std::string path_;
  bool found_ = false;
  bool rendered_ = false;
  bool in_yaml_ = false;
  std::string where_;
};

core::Date date(int year, unsigned month, unsigned day) {
  return core::Date{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
}

catalog::RegionBand full_band(std::string region, std::int64_t base) {
  catalog::RegionBand band;
  band.region = std::move(region);
  band.base = core::Band{base, base + 20'000};
  band.stock = core::Band{40'000, 80'000};
  band.bonus_pct = core::Percent::whole(10);
  band.quarter = core::Quarter{2026, 2};
  band.quality = core::DataQuality::medium;
  band.sources = {"Levels.fyi", "TeamBlind"};
  band.points = 42;
  band.source = {"guide.yaml", 7};
  return band;
}

// A guide with every kind of input: its company and role, a region with figures
// and one on a geo rule, a peer quoted at a level, every optional set.
catalog::Catalog sample_catalog() {
  catalog::Catalog c;
  const auto eur = *core::Currency::from_code("EUR");
  c.regions.push_back({"paris", "Paris", eur, {"Paname"}, std::nullopt, {"paris.yaml", 1}});
  c.regions.push_back(
      {"remote-europe",
       "Remote Europe",
       eur,
       {"EU remote"},
       core::GeoRule{"paris", core::Percent::whole(60), core::Percent::whole(90), true},
       {"remote.yaml", 1}});
  c.roles.push_back(
      {"senior-engineer", "Senior Engineer", core::RoleFamily::engineering, {"r", 1}});
  c.companies.push_back({"acme",
                         "Acme",
                         catalog::CompanyStage::late_stage,
                         {"Acme Inc"},
                         "paris",
                         "Pays in equity.",
                         {"Early.", "Leverage", "Competing offers.", "I would sign at..."},
                         {"globex"},
                         {"acme.yaml", 1}});
  c.companies.push_back({"globex",
                         "Globex",
                         catalog::CompanyStage::public_company,
                         {"GX"},
                         std::nullopt,
                         "Pays in cash.",
                         {"Late.", "Leverage", "Refreshers.", "Could you..."},
                         {"acme"},
                         {"globex.yaml", 1}});
  catalog::CompanyRole guide;
  guide.company = "acme";
  guide.role = "senior-engineer";
  guide.last_updated = date(2026, 3, 1);
  guide.level_mapping = {"L5", "Acme L5 (Senior)", {{"globex", "G5", {"paris"}}}};
  guide.bands = {full_band("paris", 80'000), catalog::RegionBand{}};
  guide.bands[1].region = "remote-europe";
  guide.source = {"acme/senior-engineer.yaml", 1};
  c.guides.push_back(guide);
  catalog::CompanyRole peer;
  peer.company = "globex";
  peer.role = "senior-engineer";
  peer.last_updated = date(2026, 2, 1);
  peer.level_mapping = {"G5", "Globex G5", {}};
  peer.bands = {full_band("paris", 90'000)};
  peer.source = {"globex/senior-engineer.yaml", 1};
  c.guides.push_back(peer);
  c.market.bands.push_back({"senior-engineer",
                            "paris",
                            eur,
                            core::Band{60'000, 80'000},
                            core::Band{70'000, 95'000},
                            312,
                            2023,
                            2025,
                            {"aijobs.net", "survey"},
                            core::Quarter{2025, 3},
                            {"market.yaml", 4}});
  return c;
}

std::uint64_t input_hash(const catalog::Catalog& c) {
  const catalog::Lookup lookup(c);
  return render::guide_input_hash(lookup, c.guides[0], 42, date(2026, 11, 22));
}

// Each input of the sample's first guide, as a function that finds it in a catalog.
struct Input {
  std::string name;
  std::function<void(catalog::Catalog&, Mutation&)> visit;
};

std::vector<Input> guide_inputs() {
  const auto at = [](auto member, std::size_t i) {
    return [member, i](catalog::Catalog& c, Mutation& m) {
      catalog::fields::visit(m, (c.*member)[i]);
    };
  };
  return {{"policy", [](catalog::Catalog& c, Mutation& m) { catalog::fields::visit(m, c.policy); }},
          {"the guide", at(&catalog::Catalog::guides, 0)},
          {"its company", at(&catalog::Catalog::companies, 0)},
          {"its role", at(&catalog::Catalog::roles, 0)},
          {"a region with figures", at(&catalog::Catalog::regions, 0)},
          {"a region on a geo rule", at(&catalog::Catalog::regions, 1)},
          {"the quoted peer", at(&catalog::Catalog::companies, 1)},
          {"the peer's guide", at(&catalog::Catalog::guides, 1)},
          {"its role's market band in a region of it",
           [](catalog::Catalog& c, Mutation& m) { catalog::fields::visit(m, c.market.bands[0]); }}};
}

// The safety property: a field that can change a page moves the input
// hash of every guide it reaches, and one marked Rendered::no moves none.
TEST(CatalogFields, EveryRenderedFieldOfAGuidesInputsMovesItsHash) {
  const auto original = sample_catalog();
  const auto before = input_hash(original);
  int rendered = 0;
  for (const auto& input : guide_inputs()) {
    for (int target = 0;; ++target) {
      auto changed = original;
      Mutation mutation(target);
      input.visit(changed, mutation);
      if (!mutation.found()) break;
      const bool moved = input_hash(changed) != before;
      EXPECT_EQ(moved, mutation.rendered()) << input.name << ": " << mutation.where();
      rendered += mutation.rendered() ? 1 : 0;
    }
  }
  EXPECT_GT(rendered, 60);  // the walk reached the fields, not just the structs
}

std::map<std::string, std::string> written(const catalog::Catalog& c, const fs::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& file : catalog::catalog_files(c, folder)) {
    files[file.path.lexically_relative(folder).string()] = file.content;
  }
  return files;
}

// What the reader makes of the written files, file by file (no checks across files).
catalog::Catalog read_back(const fs::path& folder,
                           const std::map<std::string, std::string>& files) {
  fs::remove_all(folder);
  for (const auto& [path, content] : files) test::write_file(folder / path, content);
  catalog::Catalog c;
  c.policy = catalog::detail::read_policy(folder / "policy.yaml");
  if (files.contains("market.yaml"))
    c.market = catalog::detail::read_market(folder / "market.yaml");
  for (const auto& [path, content] : files) {
    const auto file = folder / path;
    const auto kind = fs::path(path).begin()->string();
    if (kind == "regions") c.regions.push_back(catalog::detail::read_region(file));
    if (kind == "roles") c.roles.push_back(catalog::detail::read_role(file));
    if (kind == "companies") c.companies.push_back(catalog::detail::read_company(file));
    if (kind == "guides") {
      c.guides.push_back(catalog::detail::read_guide(file, file.parent_path().filename().string()));
    }
  }
  return c;
}

// Every field the YAML files hold is written and read back: a change to any of
// them changes a file, and reading that file gives it back.
TEST(CatalogFields, EveryFieldSurvivesWritingAndReading) {
  const auto folder = test::fresh_folder("catalog-fields");
  const auto original = sample_catalog();
  const auto before = written(original, folder);
  EXPECT_EQ(written(read_back(folder, before), folder), before);
  int in_yaml = 0;
  for (const auto& input : guide_inputs()) {
    for (int target = 0;; ++target) {
      auto changed = original;
      Mutation mutation(target);
      input.visit(changed, mutation);
      if (!mutation.found()) break;
      if (!mutation.in_yaml()) continue;
      ++in_yaml;
      const auto files = written(changed, folder);
      EXPECT_NE(files, before) << input.name << ": " << mutation.where();
      EXPECT_EQ(written(read_back(folder, files), folder), files)
          << input.name << ": " << mutation.where();
    }
  }
  EXPECT_GT(in_yaml, 60);
  fs::remove_all(folder);
}

// Written out, read back and written again, a catalog gives the same files; the
// read back is the whole load (its checks across files included). The demo
// catalog holds what people write; the sample every optional field, and a policy
// whose every field moved from its default.
TEST(CatalogFields, CatalogsSurviveWritingAndReadingWhole) {
  auto sample = sample_catalog();
  for (int target = 0;; ++target) {
    Mutation mutation(target);
    catalog::fields::visit(mutation, sample.policy);
    if (!mutation.found()) break;
  }
  EXPECT_NE(written(sample, "x").at("policy.yaml"),
            written(catalog::Catalog{}, "x").at("policy.yaml"));
  const auto demo = catalog::load_catalog(test::tests_dir().parent_path() / "catalog");
  ASSERT_TRUE(demo.has_value()) << demo.error().to_string();
  ASSERT_TRUE(demo->rates.base.has_value());
  for (const auto& [name, original] : {std::pair{"demo", *demo}, {"sample", sample}}) {
    const auto folder = test::fresh_folder(std::string("catalog-round-trip-") + name);
    const auto files = written(original, folder);
    for (const auto& [path, content] : files) test::write_file(folder / path, content);
    const auto read = catalog::load_catalog(folder);
    ASSERT_TRUE(read.has_value()) << name << ": " << read.error().to_string();
    EXPECT_EQ(written(*read, folder), files) << name;
    EXPECT_EQ(read->rates.per_base_millionths, original.rates.per_base_millionths) << name;
    fs::remove_all(folder);
  }
}

// Each enum's names: one per value, each read back as its value.
template <core::Named Enum>
void expect_names_read_back() {
  const auto names = core::names_of_enum<Enum>();
  ASSERT_FALSE(names.empty());
  for (const auto& [value, name] : names) {
    EXPECT_EQ(core::name_of(value), name);
    EXPECT_EQ(core::parse_name<Enum>(name), value) << name;
  }
  EXPECT_EQ(core::parse_name<Enum>("nothing of the kind"), std::nullopt);
}

// No text of a catalog reaches a page as markup: each text field that can change
// a page holds, in turn, a script and an attribute breaker, and no HTML page of
// the built site carries either as markup (a stored XSS through the catalog or
// `import`, whose guides become catalog text).
TEST(CatalogFields, EveryTextFieldIsEscapedOnEveryPage) {
  const std::string hostile = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";
  const auto templates = render::TemplateSet::load(test::repository() / "templates");
  ASSERT_TRUE(templates.has_value()) << templates.error();
  const auto out = test::fresh_folder("escaped-fields") / "site";
  const auto original = sample_catalog();
  int built = 0;
  int shown = 0;
  for (const auto& input : guide_inputs()) {
    for (int target = 0;; ++target) {
      auto changed = original;
      Mutation mutation(target, hostile);
      input.visit(changed, mutation);
      if (!mutation.found()) break;
      // A slug or a reference to one is refused before anything is built.
      if (!mutation.text() || !mutation.rendered() || !catalog::validate_catalog(changed)) continue;
      fs::remove_all(out);
      const auto summary = render::build_site(
          changed, *templates, render::BuildOptions{out, date(2026, 11, 22), core::Jobs{1}, {}});
      ASSERT_TRUE(summary.has_value()) << mutation.where() << ": " << summary.error();
      EXPECT_EQ(summary->failed, 0u) << input.name << ": " << mutation.where();
      ++built;
      bool seen = false;
      for (const auto& entry : fs::recursive_directory_iterator(out)) {
        if (entry.path().extension() != ".html") continue;
        const auto page = test::read_file(entry.path());
        seen = seen || page.find("&lt;script&gt;alert(1)") != std::string::npos;
        for (const std::string markup : {"<script>alert", "<img src=x", "\"'>"}) {
          EXPECT_EQ(page.find(markup), std::string::npos)
              << input.name << ": " << mutation.where() << " reaches "
              << entry.path().lexically_relative(out) << " as markup (" << markup << ")";
        }
      }
      shown += seen ? 1 : 0;
    }
  }
  // The walk reached the text fields, and the pages show them, escaped.
  EXPECT_GT(built, 20);
  EXPECT_GT(shown, 15);
  fs::remove_all(out.parent_path());
}

TEST(CatalogFields, EnumNamesReadBack) {
  expect_names_read_back<core::RoleType>();
  expect_names_read_back<core::DataQuality>();
  expect_names_read_back<catalog::CompanyStage>();
  expect_names_read_back<core::RoleFamily>();
  EXPECT_EQ(core::names_choice<core::DataQuality>(), "high, medium, low or illustrative");
  EXPECT_EQ(core::names_choice<catalog::CompanyStage>(), "public, late-stage or early-stage");
}

}  // namespace
}  // namespace negotiateup
