#pragma once

#include <cstddef>
#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "core/diagnostic.hpp"
#include "ingest/row_mapper.hpp"

namespace negotiateup::ingest {

// A profile maps another layout of pay data onto the canonical columns
// (docs/data-points.md, "Profiles"). This is the file as read; every entry keeps
// its line so that an error found against the catalog points at it.

// A key and its value as the file writes them ("date: timestamp").
struct ProfileEntry {
  std::string key;
  std::string value;
  std::size_t line = 0;
};

// `when: {column: remote_ratio, equals: ["100"]}`: the rule applies to a row whose
// column holds one of the values (any case, spaces trimmed).
struct ProfileCondition {
  std::string column;
  std::vector<std::string> equals;
  std::size_t line = 0;
};

// Which role a row's title (and level) is. A rule gives either a job family
// (`roles`, chosen among through the catalog's level mappings) or a table from
// the row's level to a role (`levels`).
struct ProfileRoleRule {
  std::vector<std::string> titles;  // empty: any title
  std::optional<ProfileCondition> when;
  std::vector<std::string> roles;    // role slugs or names, in order of preference
  std::vector<ProfileEntry> levels;  // level -> role slug or name
  std::size_t line = 0;
};

// Where a row's job is: a constant region (`region`), or the value of `column`
// looked up in `table` and then, unless catalog_names is false, among the
// catalog's region slugs, names and aliases.
struct ProfileRegionRule {
  std::optional<ProfileCondition> when;
  std::optional<std::string> region;
  std::string column;
  std::vector<ProfileEntry> table;  // value as written -> region slug or name
  bool catalog_names = true;
  std::size_t line = 0;
};

// One level-name table of one company: `google: {Manager (L6): L6 Manager}`.
struct ProfileLevelAliases {
  std::string company;  // slug, name or alias
  std::vector<ProfileEntry> levels;
  std::size_t line = 0;
};

// A date format: YYYY, M or MM (month), D or DD (day), H or HH (hour), MM after an
// hour (minutes), SS (seconds); other characters are matched as written.
class DateFormat {
 public:
  static std::expected<DateFormat, std::string> compile(std::string_view format);
  // The date a text holds, or nothing when the text does not match the format or
  // the date does not exist. Without a month the date is July 1 (mid-year); without
  // a day, the first of the month.
  std::optional<core::Date> parse(std::string_view text) const;
  const std::string& text() const { return text_; }

 private:
  enum class Kind { year, month, day, hour, minute, second, literal };
  struct Item {
    Kind kind;
    int width;  // digits: 4 or 2 fixed, 0 for one or two; literal: the character
  };
  std::string text_;
  std::vector<Item> items_;
};

struct Profile {
  std::string name;  // the file's name without .yaml
  std::string file;  // as given, for errors
  std::string description;
  std::vector<ProfileEntry> columns;    // canonical column (or `title`) -> input column
  std::vector<ProfileEntry> constants;  // canonical column -> value
  std::vector<DateFormat> dates;
  bool round_amounts = false;             // `amounts: decimal`
  std::vector<std::string> empty_values;  // `empty_values: [NA]`
  std::vector<ProfileCondition> only;     // rows that fail one are rejected
  std::vector<ProfileEntry> attributes;   // attribute name -> input column
  std::optional<std::string> record_attribute;
  std::vector<ProfileLevelAliases> level_aliases;
  std::vector<ProfileRoleRule> roles;
  std::vector<ProfileRegionRule> regions;

  const ProfileEntry* column(std::string_view canonical) const;
  const ProfileEntry* constant(std::string_view canonical) const;
};

// Reads a profile; errors are `FILE:LINE: what was expected`.
std::expected<Profile, core::Diagnostic> parse_profile(std::string_view text, std::string file);
std::expected<Profile, core::Diagnostic> load_profile(const std::filesystem::path& file);

// A profile named on the command line: a file when `name` is a path (holds a '/'
// or ends in .yaml), otherwise `folder/NAME.yaml` (the profiles shipped with
// negotiateup are in `profiles/`).
std::expected<Profile, core::Diagnostic> find_profile(std::string_view name,
                                                      const std::filesystem::path& folder);

// The row mapper of a profile over a catalog: checks the profile's roles, regions
// and companies against the catalog (errors point at the profile's lines), then
// maps each record through precomputed tables. The catalog must outlive it.
std::expected<std::unique_ptr<RowMapper>, core::Diagnostic> make_row_mapper(
    const Profile& profile, const catalog::Catalog& catalog);

}  // namespace negotiateup::ingest
