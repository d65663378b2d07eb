#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <functional>
#include <unordered_map>

#include "catalog/level_roles.hpp"
#include "catalog/name_resolver.hpp"
#include "core/currency.hpp"
#include "core/string_map.hpp"
#include "core/text.hpp"
#include "ingest/profile.hpp"
#include "ingest/profile_text.hpp"
#include "io/read_file.hpp"
#include "yaml/yaml_reader.hpp"

namespace negotiateup::ingest {
namespace {

using namespace profile_text;

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
  // "software-engineer|senior-software-engineer": the role stored when the level
  // mappings cannot choose yet.
  std::string family_key;
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

class ProfileMapper final : public RowMapper {
 public:
  ProfileMapper(Profile profile, const catalog::Catalog& catalog)
      : profile_(std::move(profile)), catalog_(catalog), names_(catalog), level_roles_(catalog) {}

  std::expected<void, core::Diagnostic> build() {
    for (const auto& value : profile_.empty_values)
      longest_empty_value_ = std::max(longest_empty_value_, value.size());
    if (const auto* constant = profile_.constant("company"))
      constant_company_ = names_.company(constant->value);
    for (const auto& aliases : profile_.level_aliases) {
      const auto* company = names_.company(aliases.company);
      if (!company) {
        return fail(aliases.line, fmt::format("level_aliases: company '{}' is not in the catalog; "
                                              "expected a company slug, name or alias",
                                              aliases.company));
      }
      for (const auto& entry : aliases.levels) {
        std::string key;
        catalog::LevelRoles::level_key(company->slug, entry.key, key);
        level_aliases_.emplace(std::move(key), key_of(entry.value, true));
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
    unresolved_.company.clear();
    unresolved_.role.clear();
    unresolved_.region.clear();
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
      if (const auto known = company_spellings_.find(text); known != company_spellings_.end()) {
        company = known->second;
      } else {
        company = names_.company(text);
        company_spellings_.emplace(text, company);
      }
      // A company the catalog does not know yet is kept as written: aggregate uses
      // its points once the catalog has it (or this spelling as an alias).
      company_slug = company ? std::string_view(company->slug) : text;
      if (!company) unresolved_.company.assign(text);
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
    out.emplace_back(*role);
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

  // A role named by the profile: its slug or its name, as the resolver compares them.
  std::optional<std::uint32_t> role_id(std::string_view name) const {
    if (const auto* role = names_.role(name)) return level_roles_.role_id(role->slug);
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
      names.push_back(level_roles_.role_slug(*id));
    }
    rule.family_key = join(names, "|");
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
    const auto* region = names_.region(value);
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

  // The role's slug; or, when the catalog's level mappings cannot choose among a
  // family yet (the company or its level is unknown), the family's slugs joined by
  // '|', which aggregate resolves once the catalog can (LevelRoles).
  template <typename Field>
  std::expected<std::string_view, std::string> find_role(const Field& field,
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
          fmt::format("no role for title '{}' (company '{}', level '{}'): the profile "
                      "maps no role to this title",
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
      return level_roles_.role_slug(found->second);
    }
    if (level.empty()) {
      return std::unexpected(
          fmt::format("no role for title '{}' (company '{}'): the level is empty; "
                      "expected the level name the company uses",
                      title, company_name));
    }
    if (!company) return rule->family_key;  // the company is the unresolved name
    catalog::LevelRoles::level_key(company_slug, level, level_key_);
    if (const auto alias = level_aliases_.find(std::string_view(level_key_));
        alias != level_aliases_.end()) {
      level_key_.assign(company_slug).push_back('\x1f');
      level_key_ += alias->second;
    }
    if (const auto role = level_roles_.role(level_key_, rule->family))
      return level_roles_.role_slug(*role);
    unresolved_.role = fmt::format("{} '{}' at level '{}'", company_name, title, level);
    return rule->family_key;
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
        named = rule.named.emplace(scratch_, names_.region(value)).first;
      if (named->second) return named->second->slug;
    }
    if (!tried) return std::unexpected("no region rule of the profile applies to this row");
    if (tried_value.empty())
      return std::unexpected(fmt::format("{} is empty; expected where the job is", tried->column));
    // Kept as written: aggregate uses the point once the catalog has this region
    // (or the value as an alias).
    unresolved_.region.assign(tried_value);
    return std::string(tried_value);
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
  const catalog::NameResolver names_;
  // As rows write them; nullptr for a company the catalog does not know.
  core::StringMap<const catalog::Company*> company_spellings_;
  const catalog::Company* constant_company_ = nullptr;
  const catalog::LevelRoles level_roles_;
  core::StringMap<std::string> level_aliases_;  // "company\x1flevel key" -> level key
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

std::expected<std::unique_ptr<RowMapper>, core::Diagnostic> make_row_mapper(
    const Profile& profile, const catalog::Catalog& catalog) {
  auto mapper = std::make_unique<ProfileMapper>(profile, catalog);
  if (auto built = mapper->build(); !built) return std::unexpected(built.error());
  return mapper;
}

}  // namespace negotiateup::ingest
