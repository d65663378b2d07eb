#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/band.hpp"
#include "core/currency.hpp"
#include "core/date.hpp"
#include "core/enum_names.hpp"
#include "core/exchange_rates.hpp"
#include "core/geo_rule.hpp"
#include "core/guide_record.hpp"
#include "core/percent.hpp"
#include "core/policy.hpp"

namespace negotiateup::catalog {

// Where a catalog entry was read from, for errors that are found after reading
// (a band that names an unknown region, a peer that does not exist).
struct SourceLocation {
  std::string file;
  std::size_t line = 0;
};

struct Region {
  std::string slug;  // "new-york"
  std::string name;  // "New York"
  core::Currency currency;
  std::vector<std::string> aliases;  // "NYC"
  // A region with no figures of its own; reference_region is a region slug.
  std::optional<core::GeoRule> geo_rule;
  SourceLocation source;
};

struct Role {
  std::string slug;
  std::string name;
  core::RoleFamily family = core::RoleFamily::engineering;
  SourceLocation source;
};

using core::CompanyStage;

// The company's own prose for its guides, written by the content team.
struct CompanyNarrative {
  std::optional<std::string> dna;             // why the company pays the way it does
  std::optional<std::string> leverage_title;  // the bold title of the leverage section
  std::optional<std::string> leverage;        // what gives a candidate leverage here
  std::optional<std::string> script;          // words a candidate can say
};

struct Company {
  std::string slug;
  std::string name;
  CompanyStage stage = CompanyStage::late_stage;
  std::vector<std::string> aliases;  // "HF", "Hugging Face Inc."
  // The region whose band a geo-rule region (Remote Global) takes its share of,
  // for this company's guides: a Paris company pays remote staff against Paris.
  // Empty: the region the geo rule names.
  std::optional<std::string> anchor_region;
  std::optional<std::string> dna_summary;
  CompanyNarrative narrative;
  std::vector<std::string> peers;  // company slugs
  SourceLocation source;
};

// The pay band of one company x role x region, in the region's currency. A band
// without figures follows its region's geo rule.
struct RegionBand {
  std::string region;  // region slug
  std::optional<core::Band> base;
  std::optional<core::Band> stock;  // grant over the vesting period
  std::optional<core::Percent> bonus_pct;
  std::optional<core::Quarter> quarter;
  std::optional<core::DataQuality> quality;
  std::vector<std::string> sources;
  std::optional<std::int64_t> points;  // data points behind the figures, when aggregated
  SourceLocation source;

  bool has_figures() const { return base || stock || bonus_pct; }
};

// "Google L4 (Paris)": the level at another company that matches this role.
struct LevelEquivalent {
  std::string company;               // company slug
  std::string level;                 // the company's own level name
  std::vector<std::string> regions;  // region slugs; empty for all
};

struct LevelMapping {
  std::optional<std::string> internal;
  std::optional<std::string> raw;  // the prose as a guide states it
  std::vector<LevelEquivalent> equivalents;
};

// Everything the catalog knows of one company x role: one guide.
struct CompanyRole {
  std::string company;
  std::string role;
  std::optional<core::Date> last_updated;
  LevelMapping level_mapping;
  std::vector<RegionBand> bands;  // in the order the guide lists regions
  SourceLocation source;
};

// What employers across the market pay one role in one region: a band aggregate
// computes from market-wide points (those stored under the company `market`,
// which name no employer), in the region's currency, beside the companies' own
// bands. Kept in market.yaml.
struct MarketBand {
  std::string role;    // role slug
  std::string region;  // region slug
  // A Currency is always one: the file's, which is required, replaces this one.
  core::Currency currency = core::Currency::all().front();
  core::Band base;                  // at the policy's band percentiles
  std::optional<core::Band> total;  // base + stock + bonus, when the points report them
  std::int64_t points = 0;          // data points behind the figures
  int first_year = 0;               // of the points used
  int last_year = 0;
  std::vector<std::string> sources;      // of the points used, most points first
  std::optional<core::Quarter> quarter;  // of the newest point used
  SourceLocation source;
};

// market.yaml: the market reference bands, sorted by role and region.
struct MarketBands {
  std::vector<MarketBand> bands;
};

// The whole catalog. find_* look for a slug, for code that edits the catalog; a
// catalog that no longer changes is read through a Lookup, and names as people
// write them through a NameResolver (lookup.hpp says which to use when).
struct Catalog {
  core::Policy policy;
  core::ExchangeRates rates;  // rates.yaml; empty when the catalog has none
  std::vector<Region> regions;
  std::vector<Role> roles;
  std::vector<Company> companies;
  std::vector<CompanyRole> guides;
  MarketBands market;  // market.yaml; empty when the catalog has none

  const Region* find_region(std::string_view slug) const;
  const Role* find_role(std::string_view slug) const;
  const Company* find_company(std::string_view slug) const;
  const CompanyRole* find_guide(std::string_view company, std::string_view role) const;
  Region* find_region(std::string_view slug);
  Role* find_role(std::string_view slug);
  Company* find_company(std::string_view slug);
  CompanyRole* find_guide(std::string_view company, std::string_view role);
};

// "Pre-IPO" for a private company, "RSU" for a public one: the table's equity kind.
std::string_view equity_kind(CompanyStage stage);

}  // namespace negotiateup::catalog
