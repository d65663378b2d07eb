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
#include "ingest/profile.hpp"
#include "ingest/profile_text.hpp"
#include "io/read_file.hpp"
#include "yaml/yaml_reader.hpp"

namespace negotiateup::ingest {
namespace {

using namespace profile_text;
using yaml::Node;
using yaml::Reader;

// Profiles are small; a larger file is a mistake, not a profile.
constexpr std::uintmax_t kMaxProfileBytes = 1024 * 1024;

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

}  // namespace

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

}  // namespace negotiateup::ingest
