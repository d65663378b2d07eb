#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/currency.hpp"
#include "core/date.hpp"
#include "core/enum_names.hpp"
#include "core/percent.hpp"

namespace negotiateup::core {

// Which templates a role's guides use. Names as files write them (enum_names.hpp).
enum class RoleType { standard, manager };
inline constexpr EnumName<RoleType> kRoleTypeNames[] = {
    {RoleType::standard, "standard"},
    {RoleType::manager, "manager"},
};
constexpr std::span<const EnumName<RoleType>> names_of(RoleType) {
  return kRoleTypeNames;
}
static_assert(names_in_order<RoleType>());

// How far a band's figures can be trusted.
enum class DataQuality { high, medium, low, illustrative };
inline constexpr EnumName<DataQuality> kDataQualityNames[] = {
    {DataQuality::high, "high"},
    {DataQuality::medium, "medium"},
    {DataQuality::low, "low"},
    {DataQuality::illustrative, "illustrative"},
};
constexpr std::span<const EnumName<DataQuality>> names_of(DataQuality) {
  return kDataQualityNames;
}
static_assert(names_in_order<DataQuality>());

inline std::string_view to_string(RoleType type) {
  return name_of(type);
}
inline std::string_view to_string(DataQuality quality) {
  return name_of(quality);
}

// People managers get the manager template; "Product Manager" and similar titles
// manage products, not people, and stay standard.
RoleType classify_role_type(std::string_view role_display);

// What kind of work a role is, for the advice a guide gives: its levers, its
// premium argument and its strategy (templates guide/{part}.{family}), and which
// peer roles a competing offer may compare it with. Only management is a
// `manager` role type in the front matter.
enum class RoleFamily { engineering, management, product, machine_learning };
inline constexpr EnumName<RoleFamily> kRoleFamilyNames[] = {
    {RoleFamily::engineering, "engineering"},
    {RoleFamily::management, "management"},
    {RoleFamily::product, "product"},
    {RoleFamily::machine_learning, "machine-learning"},
};
constexpr std::span<const EnumName<RoleFamily>> names_of(RoleFamily) {
  return kRoleFamilyNames;
}
static_assert(names_in_order<RoleFamily>());

inline std::string_view to_string(RoleFamily family) {
  return name_of(family);
}
RoleType role_type_of(RoleFamily family);
// From a title: people managers, then product titles, then machine learning;
// anything else is engineering.
RoleFamily classify_role_family(std::string_view role_display);

// One region of a guide's band table, exactly as the front matter states it: any
// figure may be missing (a region that follows a geo rule has none of its own).
struct RegionCompensation {
  std::string region;
  std::optional<std::int64_t> base_low;
  std::optional<std::int64_t> base_high;
  std::optional<std::int64_t> stock_low;  // the grant over the whole vesting period
  std::optional<std::int64_t> stock_high;
  std::optional<Percent> bonus_pct;
  std::optional<std::int64_t> total_comp_low;
  std::optional<std::int64_t> total_comp_high;
  std::optional<Currency> currency;

  friend bool operator==(const RegionCompensation&, const RegionCompensation&) = default;
};

struct LevelMapping {
  std::optional<std::string> internal;
  std::optional<std::string> raw;

  friend bool operator==(const LevelMapping&, const LevelMapping&) = default;
};

// The structured record of one guide: the front-matter keys. A value that a guide
// does not state (or that an older, body-only guide cannot give) is empty.
struct GuideRecord {
  std::string company;
  std::string company_display;
  std::string role;
  std::string role_display;
  std::optional<RoleType> role_type;
  std::optional<Date> last_updated;
  std::optional<DataQuality> data_quality;
  std::optional<Quarter> salary_data_quarter;
  std::optional<Date> next_review_due;
  std::vector<RegionCompensation> compensation;
  std::optional<LevelMapping> level_mapping;
  std::optional<std::vector<std::string>> data_sources;
  std::optional<std::string> negotiation_dna_summary;

  friend bool operator==(const GuideRecord&, const GuideRecord&) = default;
};

}  // namespace negotiateup::core
