#include "ingest/profile.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <functional>
#include <unordered_map>

#include "core/currency.hpp"
#include "core/string_map.hpp"
#include "core/text.hpp"
#include "io/read_file.hpp"
#include "yaml/yaml_reader.hpp"

namespace negotiateup::ingest {
namespace {

using yaml::Node;
using yaml::Reader;

// Profiles are small; a larger file is a mistake, not a profile.
constexpr std::uintmax_t kMaxProfileBytes = 1024 * 1024;

// Names an attribute may not take: the canonical columns ingest reads.
constexpr std::array<std::string_view, 12> kCanonical{
    "date", "company", "role",           "level",     "region", "currency",
    "base", "stock",   "stock_per_year", "bonus_pct", "bonus",  "source"};
bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

// The key a name is matched by: ASCII lower case, no spaces at either end (a
// no-break space, U+00A0, counts as one), runs of spaces inside made one (or
// dropped when `drop_spaces`, for level names: "SE 2" is "SE2").
void key_of(std::string_view text, std::string& out, bool drop_spaces = false) {
  out.clear();
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    bool space = is_space(c);
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      space = true;
      ++i;
    }
    if (space) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space && !drop_spaces) out.push_back(' ');
    pending_space = false;
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    out.push_back(static_cast<char>(c));
  }
}

std::string key_of(std::string_view text, bool drop_spaces = false) {
  std::string out;
  key_of(text, out, drop_spaces);
  return out;
}

// The text without spaces (nor no-break spaces) at either end.
std::string_view trim_text(std::string_view text) {
  for (;;) {
    text = core::trim(text);
    if (text.starts_with("\xC2\xA0")) {
      text.remove_prefix(2);
    } else if (text.ends_with("\xC2\xA0")) {
      text.remove_suffix(2);
    } else {
      return text;
    }
  }
}

std::string join(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : std::string(separator)) + item;
  return text;
}

// ---------------------------------------------------------------------------
// Reading the file

class ProfileReader {
 public:
  explicit ProfileReader(std::string file) : reader_(file, 1), file_(std::move(file)) {}

  Profile read(std::string_view text) {
    const auto document = reader_.load(text);
    const auto root = document.root();
    if (yaml::is_null(root)) reader_.fail_at(1, "the profile is empty; expected a mapping");
    reader_.require_map(root, "the profile");
    reader_.check_keys(
        root,
        {"description", "columns", "constants", "dates", "amounts", "empty_values", "only",
         "attributes", "record_attribute", "level_aliases", "roles", "regions"},
        "the profile");
    Profile profile;
    profile.file = file_;
    if (const auto description = reader_.optional_string(root["description"], "description"))
      profile.description = *description;
    // The canonical columns an input column may feed, and `title`, which only the
    // role rules read.
    profile.columns = entries(reader_.required(root, "columns", "the profile"), "'columns'",
                              {"date", "company", "level", "title", "currency", "base", "stock",
                               "stock_per_year", "bonus_pct", "bonus", "source"});
    if (!yaml::is_null(root["constants"]))
      profile.constants =
          entries(root["constants"], "'constants'", {"company", "level", "currency", "source"});
    read_dates(root, profile);
    read_amounts(root, profile);
    for (auto& value : reader_.string_list(root["empty_values"], "empty_values"))
      profile.empty_values.push_back(key_of(value));
    if (const auto only = root["only"]; !yaml::is_null(only)) {
      reader_.require_sequence(only, "'only' (conditions every row must meet)");
      for (const auto& item : only.items()) profile.only.push_back(condition_at(item, "'only'"));
    }
    if (!yaml::is_null(root["attributes"])) read_attributes(root["attributes"], profile);
    profile.record_attribute =
        reader_.optional_string(root["record_attribute"], "record_attribute");
    if (profile.record_attribute) check_attribute_name(root["record_attribute"], profile);
    if (!yaml::is_null(root["level_aliases"])) read_level_aliases(root["level_aliases"], profile);
    check_sources(root, profile);
    read_roles(reader_.required(root, "roles", "the profile"), profile);
    read_regions(reader_.required(root, "regions", "the profile"), profile);
    return profile;
  }

 private:
  // A mapping of text to text, its keys among `allowed` (any key when empty).
  std::vector<ProfileEntry> entries(const Node& map, std::string_view what,
                                    std::initializer_list<std::string_view> allowed) {
    reader_.require_map(map, what);
    if (allowed.size() > 0) reader_.check_keys(map, allowed, what);
    std::vector<ProfileEntry> result;
    for (const auto& [key, value] : map.entries()) {
      if (!key.IsScalar() || key.Scalar().empty())
        reader_.fail(key, fmt::format("expected a text key in {}", what));
      for (const auto& earlier : result) {
        if (earlier.key == key.Scalar()) {
          reader_.fail(key, fmt::format("duplicate key '{}' in {} (first at line {}); expected "
                                        "each key once",
                                        key.Scalar(), what, earlier.line));
        }
      }
      result.push_back({key.Scalar(), reader_.string(value, key.Scalar()), reader_.line_of(key)});
    }
    return result;
  }

  void read_dates(const Node& root, Profile& profile) {
    const auto node = root["dates"];
    auto formats = reader_.string_list(node, "dates");
    if (!yaml::is_null(node) && formats.empty())
      reader_.fail(node, "expected at least one date format in 'dates'");
    if (formats.empty()) formats.emplace_back("YYYY-MM-DD");
    std::size_t index = 0;
    for (const auto& format : formats) {
      auto compiled = DateFormat::compile(format);
      if (!compiled) {
        const auto item = yaml::is_null(node) ? root : node[index];
        reader_.fail(item, fmt::format("bad date format '{}': {}", format, compiled.error()));
      }
      profile.dates.push_back(std::move(*compiled));
      ++index;
    }
  }

  void read_amounts(const Node& root, Profile& profile) {
    const auto node = root["amounts"];
    if (yaml::is_null(node)) return;
    const auto value = reader_.string(node, "amounts");
    if (value == "decimal") {
      profile.round_amounts = true;
    } else if (value != "whole") {
      reader_.fail(node, fmt::format("amounts is '{}'; expected 'whole' (120000) or 'decimal' "
                                     "(120000.50, rounded to a whole amount)",
                                     value));
    }
  }

  void check_attribute_name(const Node& node, const Profile& profile) {
    const auto name = node.Scalar();
    if (std::find(kCanonical.begin(), kCanonical.end(), core::to_lower_ascii(name)) !=
        kCanonical.end()) {
      reader_.fail(node, fmt::format("attribute name '{}' is a canonical column; expected another "
                                     "name",
                                     name));
    }
    for (const auto& attribute : profile.attributes) {
      if (core::to_lower_ascii(attribute.key) == core::to_lower_ascii(name) &&
          attribute.line != reader_.line_of(node)) {
        reader_.fail(node, fmt::format("attribute '{}' is named twice (first at line {}); expected "
                                       "each name once",
                                       name, attribute.line));
      }
    }
  }

  void read_attributes(const Node& node, Profile& profile) {
    profile.attributes = entries(node, "'attributes'", {});
    for (const auto& [key, value] : node.entries()) check_attribute_name(key, profile);
  }

  void read_level_aliases(const Node& node, Profile& profile) {
    reader_.require_map(node, "'level_aliases'");
    for (const auto& [key, value] : node.entries()) {
      const auto company = reader_.string(key, "level_aliases");
      profile.level_aliases.push_back(
          {company, entries(value, fmt::format("the level aliases of '{}'", company), {}),
           reader_.line_of(key)});
    }
  }

  // Each of company, currency and source comes from a column or a constant.
  void check_sources(const Node& root, const Profile& profile) {
    const auto where = [&](std::string_view name) {
      const auto* column = profile.column(name);
      const auto* constant = profile.constant(name);
      if (column && constant) {
        reader_.fail_at(constant->line,
                        fmt::format("'{}' is in both 'columns' (line {}) and 'constants'; "
                                    "expected one of them",
                                    name, column->line));
      }
      return column || constant;
    };
    for (const char* name : {"date", "base"}) {
      if (!profile.column(name)) {
        reader_.fail(root["columns"], fmt::format("missing '{}' in 'columns'; expected the input "
                                                  "column that holds it",
                                                  name));
      }
    }
    for (const char* name : {"company", "currency", "source"}) {
      if (!where(name)) {
        reader_.fail(root["columns"],
                     fmt::format("missing '{}' in 'columns' or 'constants'; expected an input "
                                 "column or a constant value",
                                 name));
      }
    }
    where("level");
    for (const auto& [one, other] :
         {std::pair{"stock", "stock_per_year"}, std::pair{"bonus", "bonus_pct"}}) {
      if (profile.column(one) && profile.column(other)) {
        reader_.fail_at(
            profile.column(other)->line,
            fmt::format("both '{}' and '{}' are in 'columns'; expected one of them", one, other));
      }
    }
    if (const auto* company = profile.constant("company");
        company && !core::is_slug(company->value))
      reader_.fail_at(company->line,
                      fmt::format("constant company '{}' is not a slug; expected lower-case a-z, "
                                  "0-9 and '-' (a catalog company, or a market-wide name such as "
                                  "'market')",
                                  company->value));
    if (const auto* currency = profile.constant("currency");
        currency && !core::Currency::from_code(currency->value)) {
      reader_.fail_at(currency->line, fmt::format("constant currency '{}' is not an ISO 4217 code "
                                                  "negotiateup knows; expected USD, EUR, GBP, ...",
                                                  currency->value));
    }
  }

  // `{column: NAME, equals: [VALUE, ...]}`
  ProfileCondition condition_at(const Node& node, std::string_view what) {
    reader_.require_map(node, what);
    reader_.check_keys(node, {"column", "equals"}, what);
    ProfileCondition result;
    result.column = reader_.string(reader_.required(node, "column", what), "column");
    result.equals = reader_.string_list(reader_.required(node, "equals", what), "equals");
    if (result.equals.empty())
      reader_.fail(node["equals"], "expected at least one value in 'equals'");
    result.line = reader_.line_of(node);
    return result;
  }

  std::optional<ProfileCondition> condition(const Node& rule) {
    const auto node = rule["when"];
    if (yaml::is_null(node)) return std::nullopt;
    return condition_at(node, "'when'");
  }

  void read_roles(const Node& node, Profile& profile) {
    reader_.require_sequence(node, "'roles' (the role rules)");
    if (node.size() == 0) reader_.fail(node, "expected at least one rule in 'roles'");
    for (const auto& item : node.items()) {
      reader_.require_map(item, "a role rule");
      reader_.check_keys(item, {"titles", "when", "roles", "levels"}, "a role rule");
      ProfileRoleRule rule;
      rule.line = reader_.line_of(item);
      rule.titles = reader_.string_list(item["titles"], "titles");
      rule.when = condition(item);
      const bool has_roles = !yaml::is_null(item["roles"]);
      const bool has_levels = !yaml::is_null(item["levels"]);
      if (has_roles == has_levels) {
        reader_.fail(item,
                     "a role rule needs one of 'roles' (a job family, chosen through the "
                     "catalog's level mappings) or 'levels' (level -> role); expected "
                     "exactly one");
      }
      if (has_roles) {
        rule.roles = reader_.string_list(item["roles"], "roles");
        if (rule.roles.empty())
          reader_.fail(item["roles"], "expected at least one role in 'roles'");
      } else {
        rule.levels = entries(item["levels"], "'levels'", {});
        if (rule.levels.empty()) reader_.fail(item["levels"], "expected at least one level");
      }
      if (!rule.titles.empty() && !profile.column("title")) {
        reader_.fail(item,
                     "this rule names titles, but 'columns' has no 'title'; expected the "
                     "input column of the job title");
      }
      if (!profile.column("level") && !(has_roles && profile.constant("level"))) {
        reader_.fail(item,
                     "a role rule reads the row's level, but 'columns' has no 'level'; "
                     "expected the input column of the company's level");
      }
      profile.roles.push_back(std::move(rule));
    }
  }

  void read_regions(const Node& node, Profile& profile) {
    reader_.require_sequence(node, "'regions' (the region rules)");
    if (node.size() == 0) reader_.fail(node, "expected at least one rule in 'regions'");
    for (const auto& item : node.items()) {
      reader_.require_map(item, "a region rule");
      reader_.check_keys(item, {"when", "region", "column", "table", "catalog_names"},
                         "a region rule");
      ProfileRegionRule rule;
      rule.line = reader_.line_of(item);
      rule.when = condition(item);
      rule.region = reader_.optional_string(item["region"], "region");
      if (const auto column = reader_.optional_string(item["column"], "column"))
        rule.column = *column;
      if (rule.region.has_value() == !rule.column.empty()) {
        reader_.fail(item,
                     "a region rule needs one of 'region' (a constant region) or 'column' "
                     "(the input column to look up); expected exactly one");
      }
      if (!yaml::is_null(item["table"])) {
        if (rule.region) reader_.fail(item["table"], "'table' goes with 'column', not 'region'");
        rule.table = entries(item["table"], "'table'", {});
      }
      if (const auto names = item["catalog_names"]; !yaml::is_null(names)) {
        const auto value = reader_.string(names, "catalog_names");
        if (value != "true" && value != "false")
          reader_.fail(names, fmt::format("catalog_names is '{}'; expected true or false", value));
        rule.catalog_names = value == "true";
      }
      profile.regions.push_back(std::move(rule));
    }
  }

  Reader reader_;
  std::string file_;
};

// ---------------------------------------------------------------------------
// Mapping rows

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

struct Condition {
  std::string column;
  std::size_t index = kNone;
  std::vector<std::string> keys;
};

struct RoleRule {
  std::optional<Condition> when;
  std::vector<std::uint32_t> family;      // role ids, in order of preference
  core::StringMap<std::uint32_t> levels;  // level key -> role id
  std::string levels_text;                // "MI, SE, EX" for messages
  std::string family_text;                // "software-engineer, senior-software-engineer"
};

struct RegionRule {
  std::optional<Condition> when;
  std::string region;  // a constant region's slug
  std::string column;
  std::size_t index = kNone;
  core::StringMap<std::string> table;  // value key -> region slug
  bool catalog_names = true;
  core::StringMap<const catalog::Region*> named;  // values already looked up in the catalog
};

// A role a company's level gives: from the company's own guide (tier 0) or from
// another guide's equivalents (tier 1).
struct Candidate {
  std::uint32_t role;
  int tier;
};

class ProfileMapper final : public RowMapper {
 public:
  ProfileMapper(Profile profile, const catalog::Catalog& catalog)
      : profile_(std::move(profile)), catalog_(catalog) {}

  std::expected<void, core::Diagnostic> build() {
    for (const auto& company : catalog_.companies) {
      companies_.emplace(key_of(company.slug), &company);
      companies_.emplace(key_of(company.name), &company);
      for (const auto& alias : company.aliases) companies_.emplace(key_of(alias), &company);
    }
    for (const auto& role : catalog_.roles) {
      role_ids_.emplace(role.slug, static_cast<std::uint32_t>(role_slugs_.size()));
      role_slugs_.push_back(role.slug);
    }
    for (const auto& value : profile_.empty_values)
      longest_empty_value_ = std::max(longest_empty_value_, value.size());
    for (const auto& guide : catalog_.guides) {
      if (guide.level_mapping.internal)
        add_candidate(guide.company, *guide.level_mapping.internal, guide.role, 0);
      for (const auto& equivalent : guide.level_mapping.equivalents)
        add_candidate(equivalent.company, equivalent.level, guide.role, 1);
    }
    if (const auto* constant = profile_.constant("company")) {
      const auto found = companies_.find(key_of(constant->value));
      constant_company_ = found != companies_.end() ? found->second : nullptr;
    }
    for (const auto& aliases : profile_.level_aliases) {
      const auto found = companies_.find(key_of(aliases.company));
      if (found == companies_.end()) {
        return fail(aliases.line, fmt::format("level_aliases: company '{}' is not in the catalog; "
                                              "expected a company slug, name or alias",
                                              aliases.company));
      }
      for (const auto& entry : aliases.levels) {
        level_aliases_.emplace(level_key(found->second->slug, entry.key),
                               key_of(entry.value, true));
      }
    }
    for (const auto& rule : profile_.roles) {
      auto built = build_role_rule(rule);
      if (!built) return std::unexpected(built.error());
    }
    for (const auto& rule : profile_.regions) {
      auto built = build_region_rule(rule);
      if (!built) return std::unexpected(built.error());
    }
    return {};
  }

  std::expected<std::vector<std::string>, std::string> columns(
      const std::vector<std::string>& header) override {
    core::StringMap<std::size_t> by_name;
    for (std::size_t i = 0; i < header.size(); ++i) by_name.try_emplace(key_of(header[i]), i);
    std::vector<std::string> missing;
    const auto resolve = [&](const std::string& name) {
      const auto found = by_name.find(key_of(name));
      if (found != by_name.end()) return found->second;
      if (std::find(missing.begin(), missing.end(), name) == missing.end()) missing.push_back(name);
      return kNone;
    };
    for (const auto& entry : profile_.columns) inputs_[entry.key] = resolve(entry.value);
    attribute_indexes_.clear();
    for (const auto& entry : profile_.attributes)
      attribute_indexes_.push_back(resolve(entry.value));
    only_.clear();
    for (const auto& from : profile_.only) {
      only_.push_back(condition(from));
      only_.back().index = resolve(from.column);
    }
    for (auto& rule : role_rules_)
      if (rule.when) rule.when->index = resolve(rule.when->column);
    for (auto& rule : region_rules_) {
      if (rule.when) rule.when->index = resolve(rule.when->column);
      if (!rule.column.empty()) rule.index = resolve(rule.column);
    }
    if (!missing.empty()) {
      std::vector<std::string> quoted;
      for (const auto& name : missing) quoted.push_back("'" + name + "'");
      return std::unexpected(fmt::format(
          "column{} {} of profile {} ({}) {} not in the file's header; expected the layout the "
          "profile describes",
          missing.size() > 1 ? "s" : "", join(quoted), profile_.name, profile_.file,
          missing.size() > 1 ? "are" : "is"));
    }
    date_ = input("date");
    company_ = input("company");
    title_ = input("title");
    level_ = input("level");
    currency_ = input("currency");
    source_ = input("source");

    std::vector<std::string> names{"date", "company", "role"};
    if (level_ != kNone || profile_.constant("level")) names.emplace_back("level");
    names.insert(names.end(), {"region", "currency"});
    outputs_.clear();
    for (const auto* amount : {"base", "stock", "stock_per_year", "bonus", "bonus_pct"}) {
      if (const auto index = input(amount); index != kNone) {
        names.emplace_back(amount);
        outputs_.push_back({index, std::string(amount) != "bonus_pct",
                            std::string(profile_.column(amount)->value)});
      }
    }
    names.emplace_back("source");
    for (const auto& entry : profile_.attributes) names.push_back(entry.key);
    if (profile_.record_attribute) names.push_back(*profile_.record_attribute);
    width_ = names.size();
    return names;
  }

  std::expected<std::vector<std::string>, std::string> map(const Record& record) override {
    const auto field = [&](std::size_t index) -> std::string_view {
      if (index == kNone || index >= record.fields.size()) return {};
      const auto value = trim_text(record.fields[index]);
      if (value.size() <= longest_empty_value_) {
        key_of(value, scratch_);
        if (std::find(profile_.empty_values.begin(), profile_.empty_values.end(), scratch_) !=
            profile_.empty_values.end())
          return {};
      }
      return value;
    };
    for (std::size_t i = 0; i < only_.size(); ++i) {
      if (!holds(only_[i], field)) {
        return std::unexpected(fmt::format("{} is '{}'; the profile accepts only {}",
                                           only_[i].column, field(only_[i].index),
                                           join(profile_.only[i].equals, " or ")));
      }
    }
    std::vector<std::string> out;
    out.reserve(width_);

    // The date, in the first format that reads it.
    const auto date_text = field(date_);
    std::optional<core::Date> date;
    for (const auto& format : profile_.dates) {
      if ((date = format.parse(date_text))) break;
    }
    if (!date) {
      std::vector<std::string> formats;
      for (const auto& format : profile_.dates) formats.push_back(format.text());
      return std::unexpected(fmt::format("{} is '{}'; expected a date as {}",
                                         profile_.column("date")->value, date_text,
                                         join(formats, " or ")));
    }
    out.push_back(core::format_date(*date));

    // The company, as the catalog names it.
    const catalog::Company* company = constant_company_;
    std::string_view company_slug;
    if (const auto* constant = profile_.constant("company")) {
      company_slug = constant->value;
    } else {
      const auto text = field(company_);
      if (text.empty())
        return std::unexpected(
            fmt::format("{} is empty; expected a company", profile_.column("company")->value));
      key_of(text, scratch_);
      const auto found = companies_.find(std::string_view(scratch_));
      if (found == companies_.end()) {
        return std::unexpected(
            fmt::format("company '{}' is not in the catalog; add it (or this "
                        "spelling as an alias) and ingest again",
                        text));
      }
      company = found->second;
      company_slug = company->slug;
    }
    out.emplace_back(company_slug);

    // The role, from the title and the level.
    const auto title = field(title_);
    const auto level_text =
        level_ != kNone
            ? field(level_)
            : std::string_view(profile_.constant("level") ? profile_.constant("level")->value
                                                          : std::string_view());
    auto role = find_role(field, company, company_slug, title, level_text);
    if (!role) return std::unexpected(role.error());
    out.emplace_back(role_slugs_[*role]);
    if (level_ != kNone || profile_.constant("level")) out.emplace_back(level_text);

    // The region.
    auto region = find_region(field);
    if (!region) return std::unexpected(region.error());
    out.push_back(std::move(*region));

    if (const auto* constant = profile_.constant("currency")) {
      out.push_back(constant->value);
    } else {
      out.emplace_back(field(currency_));
    }
    for (const auto& amount : outputs_) {
      const auto text = field(amount.index);
      if (!amount.is_amount || text.empty()) {
        out.emplace_back(text);
        continue;
      }
      auto value = parse_amount(text, amount.column);
      if (!value) return std::unexpected(value.error());
      out.push_back(std::move(*value));
    }
    if (const auto* constant = profile_.constant("source")) {
      out.push_back(constant->value);
    } else {
      out.emplace_back(field(source_));
    }
    for (const auto index : attribute_indexes_) out.emplace_back(field(index));
    if (profile_.record_attribute) out.push_back(std::to_string(record.number));
    return out;
  }

 private:
  struct Output {
    std::size_t index;
    bool is_amount;  // bonus_pct is a percentage, passed on as written
    std::string column;
  };

  std::unexpected<core::Diagnostic> fail(std::size_t line, std::string message) const {
    return std::unexpected(core::Diagnostic{profile_.file, line, std::move(message)});
  }

  std::size_t input(std::string_view canonical) const {
    const auto found = inputs_.find(canonical);
    return found == inputs_.end() ? kNone : found->second;
  }

  static std::string level_key(std::string_view company, std::string_view level) {
    std::string key(company);
    key += '\x1f';
    key += key_of(level, true);
    return key;
  }

  void add_candidate(const std::string& company, const std::string& level, const std::string& role,
                     int tier) {
    const auto id = role_ids_.find(role);
    if (id == role_ids_.end()) return;
    auto& list = by_level_[level_key(company, level)];
    const auto same = std::find_if(list.begin(), list.end(),
                                   [&](const Candidate& c) { return c.role == id->second; });
    if (same == list.end()) {
      list.push_back({id->second, tier});
    } else {
      same->tier = std::min(same->tier, tier);
    }
  }

  // A role named by the profile: its slug or its name, in any case.
  std::optional<std::uint32_t> role_id(std::string_view name) const {
    for (const auto& role : catalog_.roles) {
      if (key_of(role.slug) == key_of(name) || key_of(role.name) == key_of(name) ||
          role.slug == core::slugify(name))
        return role_ids_.at(role.slug);
    }
    return std::nullopt;
  }

  std::string known_roles() const {
    std::vector<std::string> slugs;
    for (const auto& role : catalog_.roles) slugs.push_back(role.slug);
    return join(slugs);
  }

  Condition condition(const ProfileCondition& from) const {
    Condition result{from.column, kNone, {}};
    for (const auto& value : from.equals) result.keys.push_back(key_of(value));
    return result;
  }

  std::expected<void, core::Diagnostic> build_role_rule(const ProfileRoleRule& from) {
    RoleRule rule;
    if (from.when) rule.when = condition(*from.when);
    std::vector<std::string> names;
    for (const auto& name : from.roles) {
      const auto id = role_id(name);
      if (!id) {
        return fail(from.line, fmt::format("role '{}' is not in the catalog; expected one of: {}",
                                           name, known_roles()));
      }
      rule.family.push_back(*id);
      names.push_back(role_slugs_[*id]);
    }
    rule.family_text = join(names);
    names.clear();
    for (const auto& entry : from.levels) {
      const auto id = role_id(entry.value);
      if (!id) {
        return fail(entry.line, fmt::format("role '{}' is not in the catalog; expected one of: {}",
                                            entry.value, known_roles()));
      }
      rule.levels.emplace(key_of(entry.key, true), *id);
      names.push_back(entry.key);
    }
    rule.levels_text = join(names);
    if (!rule.family.empty() && profile_.constant("company") && !constant_company_) {
      return fail(from.line,
                  fmt::format("this rule's roles are chosen through the catalog's level mappings "
                              "of the row's company, but the constant company '{}' is not in the "
                              "catalog; expected 'levels' (level -> role) instead of 'roles'",
                              profile_.constant("company")->value));
    }
    const auto index = static_cast<std::uint32_t>(role_rules_.size());
    if (from.titles.empty()) {
      any_title_.push_back(index);
      for (auto& [title, rules] : by_title_) rules.push_back(index);
    } else {
      for (const auto& title : from.titles) {
        auto [found, added] = by_title_.try_emplace(key_of(title), any_title_);
        if (std::find(found->second.begin(), found->second.end(), index) == found->second.end())
          found->second.push_back(index);
      }
    }
    role_rules_.push_back(std::move(rule));
    return {};
  }

  std::expected<std::string, core::Diagnostic> region_slug(const ProfileEntry& entry,
                                                           std::string_view value) const {
    const auto* region = catalog_.find_region_named(value);
    if (!region) {
      std::vector<std::string> slugs;
      for (const auto& known : catalog_.regions) slugs.push_back(known.slug);
      return fail(entry.line, fmt::format("region '{}' is not in the catalog; expected one of: {}",
                                          value, join(slugs)));
    }
    return region->slug;
  }

  std::expected<void, core::Diagnostic> build_region_rule(const ProfileRegionRule& from) {
    RegionRule rule;
    if (from.when) rule.when = condition(*from.when);
    if (from.region) {
      auto slug = region_slug({"region", *from.region, from.line}, *from.region);
      if (!slug) return std::unexpected(slug.error());
      rule.region = std::move(*slug);
    }
    rule.column = from.column;
    rule.catalog_names = from.catalog_names;
    for (const auto& entry : from.table) {
      auto slug = region_slug(entry, entry.value);
      if (!slug) return std::unexpected(slug.error());
      rule.table.emplace(key_of(entry.key), std::move(*slug));
    }
    region_rules_.push_back(std::move(rule));
    return {};
  }

  template <typename Field>
  bool holds(const Condition& when, const Field& field) {
    key_of(field(when.index), scratch_);
    return std::find(when.keys.begin(), when.keys.end(), scratch_) != when.keys.end();
  }
  template <typename Field>
  bool holds(const std::optional<Condition>& when, const Field& field) {
    return !when || holds(*when, field);
  }

  template <typename Field>
  std::expected<std::uint32_t, std::string> find_role(const Field& field,
                                                      const catalog::Company* company,
                                                      std::string_view company_slug,
                                                      std::string_view title,
                                                      std::string_view level) {
    const std::string_view company_name = company ? std::string_view(company->name) : company_slug;
    key_of(title, title_key_);
    const auto listed = by_title_.find(std::string_view(title_key_));
    const auto& rules = listed == by_title_.end() ? any_title_ : listed->second;
    const RoleRule* rule = nullptr;
    for (const auto index : rules) {
      if (holds(role_rules_[index].when, field)) {
        rule = &role_rules_[index];
        break;
      }
    }
    if (!rule) {
      return std::unexpected(
          fmt::format("no role for title '{}' ({}, level '{}'): the profile maps "
                      "no role to this title",
                      title, company_name, level));
    }
    if (!rule->levels.empty()) {
      key_of(level, level_key_, true);
      const auto found = rule->levels.find(std::string_view(level_key_));
      if (found == rule->levels.end()) {
        return std::unexpected(
            fmt::format("no role for title '{}' at level '{}': the profile maps "
                        "this title at levels {} only",
                        title, level, rule->levels_text));
      }
      return found->second;
    }
    if (level.empty()) {
      return std::unexpected(
          fmt::format("no role for {} '{}': the level is empty; expected the "
                      "company's own level name",
                      company_name, title));
    }
    level_key_.assign(company_slug).push_back('\x1f');
    key_of(level, scratch_, true);
    level_key_ += scratch_;
    if (const auto alias = level_aliases_.find(std::string_view(level_key_));
        alias != level_aliases_.end()) {
      level_key_.assign(company_slug).push_back('\x1f');
      level_key_ += alias->second;
    }
    const auto found = by_level_.find(std::string_view(level_key_));
    if (found != by_level_.end()) {
      std::optional<std::uint32_t> best;
      int best_tier = 2;
      std::size_t best_rank = kNone;
      for (const auto& candidate : found->second) {
        const auto at = std::find(rule->family.begin(), rule->family.end(), candidate.role);
        if (at == rule->family.end()) continue;
        const auto rank = static_cast<std::size_t>(at - rule->family.begin());
        if (candidate.tier < best_tier || (candidate.tier == best_tier && rank < best_rank)) {
          best = candidate.role;
          best_tier = candidate.tier;
          best_rank = rank;
        }
      }
      if (best) return *best;
    }
    return std::unexpected(
        fmt::format("no role for {} '{}' at level '{}': no level mapping of the "
                    "catalog gives this level one of {}",
                    company_name, title, level, rule->family_text));
  }

  template <typename Field>
  std::expected<std::string, std::string> find_region(const Field& field) {
    const RegionRule* tried = nullptr;
    std::string_view tried_value;
    for (auto& rule : region_rules_) {
      if (!holds(rule.when, field)) continue;
      if (rule.column.empty()) return rule.region;
      const auto value = field(rule.index);
      if (!tried) {
        tried = &rule;
        tried_value = value;
      }
      if (value.empty()) continue;
      key_of(value, scratch_);
      if (const auto found = rule.table.find(std::string_view(scratch_)); found != rule.table.end())
        return found->second;
      if (!rule.catalog_names) continue;
      auto named = rule.named.find(std::string_view(scratch_));
      if (named == rule.named.end())
        named = rule.named.emplace(scratch_, catalog_.find_region_named(value)).first;
      if (named->second) return named->second->slug;
    }
    if (!tried) return std::unexpected("no region rule of the profile applies to this row");
    if (tried_value.empty())
      return std::unexpected(fmt::format("{} is empty; expected where the job is", tried->column));
    return std::unexpected(
        fmt::format("{} '{}' is not a region of the catalog nor in the "
                    "profile's table",
                    tried->column, tried_value));
  }

  std::expected<std::string, std::string> parse_amount(std::string_view text,
                                                       const std::string& column) const {
    if (!profile_.round_amounts) {
      std::int64_t value = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (error != std::errc() || end != text.data() + text.size()) {
        return std::unexpected(
            fmt::format("{} is '{}'; expected a whole amount such as 120000", column, text));
      }
      return std::string(text);
    }
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value) ||
        std::fabs(value) > 1e15) {
      return std::unexpected(
          fmt::format("{} is '{}'; expected an amount such as 120000 or 120000.50", column, text));
    }
    return std::to_string(std::llround(value));
  }

  const Profile profile_;
  const catalog::Catalog& catalog_;
  core::StringMap<const catalog::Company*> companies_;
  const catalog::Company* constant_company_ = nullptr;
  core::StringMap<std::uint32_t> role_ids_;
  std::vector<std::string> role_slugs_;
  core::StringMap<std::vector<Candidate>> by_level_;  // "company\x1flevel key"
  core::StringMap<std::string> level_aliases_;        // "company\x1flevel key" -> level key
  std::vector<RoleRule> role_rules_;
  core::StringMap<std::vector<std::uint32_t>> by_title_;  // title key -> rules, in order
  std::vector<std::uint32_t> any_title_;                  // rules without titles
  std::vector<RegionRule> region_rules_;

  core::StringMap<std::size_t> inputs_;  // canonical column -> input column index
  std::vector<Condition> only_;
  std::vector<std::size_t> attribute_indexes_;
  std::vector<Output> outputs_;
  std::size_t date_ = kNone, company_ = kNone, title_ = kNone, level_ = kNone, currency_ = kNone,
              source_ = kNone;
  std::size_t width_ = 0;
  std::size_t longest_empty_value_ = 0;
  std::string scratch_, title_key_, level_key_;
};

}  // namespace

// ---------------------------------------------------------------------------

std::expected<DateFormat, std::string> DateFormat::compile(std::string_view format) {
  DateFormat result;
  result.text_ = std::string(format);
  bool seen[6] = {};
  const auto add = [&](Kind kind, int width) -> std::expected<void, std::string> {
    const auto slot = static_cast<std::size_t>(kind);
    if (seen[slot]) return std::unexpected("a part of the date appears twice");
    seen[slot] = true;
    result.items_.push_back({kind, width});
    return {};
  };
  // The parts of a date, longest first; MM is minutes once an hour came before.
  struct Part {
    std::string_view text;
    Kind kind;
    int width;
  };
  constexpr std::array<Part, 8> kParts{{{"YYYY", Kind::year, 4},
                                        {"MM", Kind::month, 2},
                                        {"M", Kind::month, 0},
                                        {"DD", Kind::day, 2},
                                        {"D", Kind::day, 0},
                                        {"HH", Kind::hour, 2},
                                        {"H", Kind::hour, 0},
                                        {"SS", Kind::second, 2}}};
  std::size_t i = 0;
  while (i < format.size()) {
    const auto rest = format.substr(i);
    const auto part = std::find_if(kParts.begin(), kParts.end(),
                                   [&](const Part& p) { return rest.starts_with(p.text); });
    if (part != kParts.end()) {
      auto kind = part->kind;
      if (part->text == "MM" && seen[static_cast<std::size_t>(Kind::hour)]) kind = Kind::minute;
      if (auto added = add(kind, part->width); !added) return std::unexpected(added.error());
      i += part->text.size();
    } else if (std::isalpha(static_cast<unsigned char>(rest[0])) && rest[0] != 'T' &&
               rest[0] != 'Z') {
      return std::unexpected(fmt::format(
          "'{}' is not a part of a date; expected YYYY, M or MM (month), D or DD, H or HH, MM "
          "after an hour (minutes), SS, and other characters as written",
          rest.substr(0, std::min<std::size_t>(rest.size(), 4))));
    } else {
      result.items_.push_back({Kind::literal, static_cast<unsigned char>(rest[0])});
      i += 1;
    }
  }
  if (!seen[static_cast<std::size_t>(Kind::year)])
    return std::unexpected("no year; expected YYYY in every date format");
  if (seen[static_cast<std::size_t>(Kind::day)] && !seen[static_cast<std::size_t>(Kind::month)])
    return std::unexpected("a day without a month; expected M or MM with D or DD");
  if (seen[static_cast<std::size_t>(Kind::second)] && !seen[static_cast<std::size_t>(Kind::minute)])
    return std::unexpected("seconds without minutes; expected H:MM:SS");
  return result;
}

std::optional<core::Date> DateFormat::parse(std::string_view text) const {
  int values[6] = {0, 7, 1, 0, 0, 0};  // year, month (July without one), day, h, m, s
  std::size_t at = 0;
  for (const auto& item : items_) {
    if (item.kind == Kind::literal) {
      if (at >= text.size() || static_cast<unsigned char>(text[at]) != item.width)
        return std::nullopt;
      ++at;
      continue;
    }
    std::size_t digits = 0;
    int value = 0;
    const std::size_t most = item.width == 0 ? 2 : static_cast<std::size_t>(item.width);
    while (digits < most && at + digits < text.size() &&
           std::isdigit(static_cast<unsigned char>(text[at + digits]))) {
      value = value * 10 + (text[at + digits] - '0');
      ++digits;
    }
    if (digits == 0 || (item.width != 0 && digits != most)) return std::nullopt;
    at += digits;
    values[static_cast<std::size_t>(item.kind)] = value;
  }
  if (at != text.size()) return std::nullopt;
  if (values[3] > 23 || values[4] > 59 || values[5] > 59) return std::nullopt;
  const core::Date date{std::chrono::year{values[0]},
                        std::chrono::month{static_cast<unsigned>(values[1])},
                        std::chrono::day{static_cast<unsigned>(values[2])}};
  if (!date.ok()) return std::nullopt;
  return date;
}

const ProfileEntry* Profile::column(std::string_view canonical) const {
  for (const auto& entry : columns)
    if (entry.key == canonical) return &entry;
  return nullptr;
}

const ProfileEntry* Profile::constant(std::string_view canonical) const {
  for (const auto& entry : constants)
    if (entry.key == canonical) return &entry;
  return nullptr;
}

std::expected<Profile, core::Diagnostic> parse_profile(std::string_view text, std::string file) {
  try {
    ProfileReader reader(file);
    auto profile = reader.read(text);
    profile.name = std::filesystem::path(file).stem().string();
    return profile;
  } catch (const yaml::ReadError& error) {
    return std::unexpected(error.diagnostic());
  }
}

std::expected<Profile, core::Diagnostic> load_profile(const std::filesystem::path& file) {
  std::error_code error;
  const auto size = std::filesystem::file_size(file, error);
  if (error) {
    return std::unexpected(
        core::Diagnostic{file.string(), 0, "cannot be read: " + error.message()});
  }
  if (size > kMaxProfileBytes) {
    return std::unexpected(core::Diagnostic{
        file.string(), 0,
        fmt::format("file is {} bytes; expected a profile of at most {}", size, kMaxProfileBytes)});
  }
  const auto text = io::read_file(file);
  if (!text) return std::unexpected(core::Diagnostic{file.string(), 0, "cannot be opened"});
  return parse_profile(*text, file.string());
}

std::expected<Profile, core::Diagnostic> find_profile(std::string_view name,
                                                      const std::filesystem::path& folder) {
  if (name.find('/') != std::string_view::npos || name.ends_with(".yaml") ||
      name.ends_with(".yml")) {
    return load_profile(std::filesystem::path(name));
  }
  const auto file = folder / (std::string(name) + ".yaml");
  if (!core::is_slug(name) || !std::filesystem::is_regular_file(file)) {
    std::vector<std::string> known;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
      if (entry.path().extension() == ".yaml") known.push_back(entry.path().stem().string());
    }
    std::sort(known.begin(), known.end());
    return std::unexpected(core::Diagnostic{
        std::string(name), 0,
        fmt::format("no such profile in {}; expected one of: {}, or the path of a profile file",
                    folder.string(), known.empty() ? std::string("(none)") : join(known))});
  }
  return load_profile(file);
}

std::expected<std::unique_ptr<RowMapper>, core::Diagnostic> make_row_mapper(
    const Profile& profile, const catalog::Catalog& catalog) {
  auto mapper = std::make_unique<ProfileMapper>(profile, catalog);
  if (auto built = mapper->build(); !built) return std::unexpected(built.error());
  return mapper;
}

}  // namespace negotiateup::ingest
