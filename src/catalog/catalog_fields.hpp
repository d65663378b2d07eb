#pragma once

// Each catalog struct's fields, described once. The YAML writer, the reader (its
// keys and values: catalog_field_reader.hpp), the catalog cache's codec and its
// version, and a guide's input hash are visitors over these descriptions, so that
// a field added here reaches all of them, and a field left out of a guide's input
// hash is a decision written here (Rendered::no), not an omission elsewhere.
// tests/unit/catalog_fields_test.cpp checks that every data member is described,
// that every rendered field moves the input hash, and that every field is written
// and read back.
//
// A description calls, in the order of the fields' YAML keys:
//   v(Field{...}, member)                 a field under a YAML key
//   v.range(Field{...}, low, high)        two members written as one [low, high] key
//   v.group(Field{...}, [&] { ... })      a YAML map of fields that is no struct
//   v.path_part(member)                   a slug the file's path gives, not its text
//   v.location(member)                    where it was read (never rendered)
// A member is a leaf (text, number, bool, Percent, Band, Date, Quarter, Currency,
// an enum named in core/enum_names.hpp), an optional or a list of one, or a
// described struct.
//
// What a file must hold is said here too, one way: a Field's `required` (the key
// must be present) and `limits` (the range of a whole number, or of a Percent in
// whole percents); a check across the fields of one struct is its `cross_check`
// below, which the reader makes once the struct's fields are read. What needs
// other files (a band's region exists), and what must hold for a catalog made in
// code too (a geo rule's share and a band's figures have low <= high), is
// validate_catalog's.

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "catalog/catalog.hpp"

namespace negotiateup::catalog::fields {

// Whether a field can change a rendered guide: only those enter its input hash.
enum class Rendered { yes, no };
// Writing an empty value (no value, an empty list, a struct with no value in
// it): `write` writes the key (null, [] or its fields), `omit` leaves it out.
enum class WhenEmpty { write, omit };
// How text is written (yaml::Quoting): `house` quotes also when the value would
// read back as something else (a number, a boolean); `plain` quotes only what a
// plain scalar cannot hold; `prose` is a literal block (|) past 80 characters, for
// paragraphs that read best so in a diff.
enum class Style { house, plain, prose };
// A struct written `bare` is its first field alone when the others are empty.
enum class Shape { full, bare_when_empty };

// Whether a file must hold the key; a key left out keeps the member's default.
enum class Required { no, yes };
// The values a whole number may take (a Percent: in whole percents); none says the
// member's type is the only limit.
struct Limits {
  std::int64_t min;
  std::int64_t max;
};

struct Field {
  std::string_view key;
  Rendered rendered = Rendered::yes;
  WhenEmpty when_empty = WhenEmpty::write;
  Style style = Style::house;
  Shape shape = Shape::full;
  Required required = Required::no;
  std::optional<Limits> limits = std::nullopt;
  // What one item of a list of structs is called in messages: "a band".
  std::string_view item = {};
};

template <typename T, typename Struct>
concept Is = std::same_as<std::remove_const_t<T>, Struct>;

}  // namespace negotiateup::catalog::fields

namespace negotiateup::catalog {

using fields::Field;
using fields::Is;
using fields::Limits;
using fields::Rendered;
using fields::Required;
using fields::Shape;
using fields::Style;
using fields::WhenEmpty;

template <typename V, Is<core::GeoRule> T>
void describe(V& v, T& rule) {
  v(Field{.key = "of", .style = Style::plain, .required = Required::yes}, rule.reference_region);
  v.range(Field{.key = "share", .required = Required::yes}, rule.low_share, rule.high_share);
  v(Field{.key = "same_equity"}, rule.same_equity);
}

template <typename V, Is<Region> T>
void describe(V& v, T& region) {
  v.path_part(region.slug);
  v(Field{.key = "name", .required = Required::yes}, region.name);
  v(Field{.key = "currency", .required = Required::yes}, region.currency);
  // Names for resolving what people write; a page shows the name.
  v(Field{.key = "aliases", .rendered = Rendered::no, .when_empty = WhenEmpty::omit},
    region.aliases);
  v(Field{.key = "geo_rule", .when_empty = WhenEmpty::omit}, region.geo_rule);
  v.location(region.source);
}

template <typename V, Is<Role> T>
void describe(V& v, T& role) {
  v.path_part(role.slug);
  v(Field{.key = "name", .required = Required::yes}, role.name);
  v(Field{.key = "family", .required = Required::yes}, role.family);
  v.location(role.source);
}

template <typename V, Is<CompanyNarrative> T>
void describe(V& v, T& narrative) {
  constexpr auto prose = [](std::string_view key) {
    return Field{.key = key, .when_empty = WhenEmpty::omit, .style = Style::prose};
  };
  v(prose("dna"), narrative.dna);
  v(prose("leverage_title"), narrative.leverage_title);
  v(prose("leverage"), narrative.leverage);
  v(prose("script"), narrative.script);
}

template <typename V, Is<Company> T>
void describe(V& v, T& company) {
  v.path_part(company.slug);
  v(Field{.key = "name", .required = Required::yes}, company.name);
  v(Field{.key = "stage", .required = Required::yes}, company.stage);
  v(Field{.key = "aliases", .rendered = Rendered::no, .when_empty = WhenEmpty::omit},
    company.aliases);
  v(Field{.key = "dna_summary", .when_empty = WhenEmpty::omit}, company.dna_summary);
  // A guide's competing offers come from its level mapping, not from these.
  v(Field{.key = "peers", .rendered = Rendered::no, .when_empty = WhenEmpty::omit}, company.peers);
  v(Field{.key = "anchor_region", .when_empty = WhenEmpty::omit, .style = Style::plain},
    company.anchor_region);
  v(Field{.key = "narrative", .when_empty = WhenEmpty::omit}, company.narrative);
  v.location(company.source);
}

template <typename V, Is<RegionBand> T>
void describe(V& v, T& band) {
  v(Field{.key = "region", .style = Style::plain, .required = Required::yes}, band.region);
  v(Field{.key = "base"}, band.base);
  v(Field{.key = "stock"}, band.stock);
  v(Field{.key = "bonus_pct"}, band.bonus_pct);
  v(Field{.key = "quarter"}, band.quarter);
  v(Field{.key = "quality"}, band.quality);
  v(Field{.key = "sources"}, band.sources);
  v(Field{.key = "points", .when_empty = WhenEmpty::omit}, band.points);
  v.location(band.source);
}

template <typename V, Is<LevelEquivalent> T>
void describe(V& v, T& equivalent) {
  v(Field{.key = "company", .style = Style::plain, .required = Required::yes}, equivalent.company);
  v(Field{.key = "level", .required = Required::yes}, equivalent.level);
  v(Field{.key = "regions", .when_empty = WhenEmpty::omit, .style = Style::plain},
    equivalent.regions);
}

template <typename V, Is<LevelMapping> T>
void describe(V& v, T& mapping) {
  v(Field{.key = "internal"}, mapping.internal);
  v(Field{.key = "raw"}, mapping.raw);
  v(Field{.key = "equivalents", .when_empty = WhenEmpty::omit, .item = "a level equivalent"},
    mapping.equivalents);
}

template <typename V, Is<CompanyRole> T>
void describe(V& v, T& guide) {
  v.path_part(guide.company);
  v.path_part(guide.role);
  v(Field{.key = "last_updated"}, guide.last_updated);
  v(Field{.key = "level_mapping"}, guide.level_mapping);
  v(Field{.key = "bands",
          .shape = Shape::bare_when_empty,
          .required = Required::yes,
          .item = "a band"},
    guide.bands);
  v.location(guide.source);
}

template <typename V, Is<MarketBand> T>
void describe(V& v, T& band) {
  constexpr auto year = [](std::string_view key) {
    return Field{.key = key, .required = Required::yes, .limits = Limits{1900, 9999}};
  };
  v(Field{.key = "role", .style = Style::plain, .required = Required::yes}, band.role);
  v(Field{.key = "region", .style = Style::plain, .required = Required::yes}, band.region);
  v(Field{.key = "currency", .required = Required::yes}, band.currency);
  v(Field{.key = "base", .required = Required::yes}, band.base);
  v(Field{.key = "total"}, band.total);
  v(Field{.key = "points", .required = Required::yes, .limits = Limits{1, 1'000'000'000}},
    band.points);
  v.range(year("years"), band.first_year, band.last_year);
  v(Field{.key = "sources"}, band.sources);
  v(Field{.key = "quarter"}, band.quarter);
  v.location(band.source);
}

inline std::optional<std::string> cross_check(const MarketBand& band) {
  if (band.first_year > band.last_year) return "expected years as [first, last], first <= last";
  return std::nullopt;
}

template <typename V, Is<MarketBands> T>
void describe(V& v, T& market) {
  v(Field{.key = "bands", .item = "a market band"}, market.bands);
}

// How equity is valued (the offer evaluator, and a peer's offer in a guide).
template <typename V, Is<core::Policy::EquityRisk> T>
void describe(V& v, T& risk) {
  v(Field{.key = "liquidity"}, risk.liquidity);
  v(Field{.key = "volatility"}, risk.volatility);
  v(Field{.key = "drift"}, risk.drift);
  v(Field{.key = "exit_multiple"}, risk.exit_multiple);
  v(Field{.key = "dilution"}, risk.dilution);
}

template <typename V, Is<core::Policy::ExtraAsk> T>
void describe(V& v, T& ask) {
  v(Field{.key = "id", .style = Style::plain, .required = Required::yes}, ask.id);
  v(Field{.key = "text", .required = Required::yes}, ask.text);
}

template <typename V, Is<core::Policy::Stage> T>
void describe(V& v, T& stage) {
  v(Field{.key = "equity_risk"}, stage.equity_risk);
  v(Field{.key = "asks", .item = "an ask"}, stage.asks);
}

// Liquidity and dilution are shares of the whole.
inline std::optional<std::string> cross_check(const core::Policy::EquityRisk& risk) {
  if (risk.liquidity > core::Percent::whole(100) || risk.dilution >= core::Percent::whole(100)) {
    return "expected liquidity up to 100 and dilution below 100 (percent)";
  }
  return std::nullopt;
}

template <typename V, Is<core::Policy::Aggregation> T>
void describe(V& v, T& aggregation) {
  constexpr auto count = [](std::string_view key, std::int64_t max = 1'000'000) {
    return Field{.key = key, .limits = Limits{1, max}};
  };
  v(Field{.key = "band_low"}, aggregation.band_low);
  v(Field{.key = "band_high"}, aggregation.band_high);
  v(count("band_step"), aggregation.band_step);
  v(Field{.key = "outlier_fence"}, aggregation.outlier_fence);
  v(count("min_points"), aggregation.min_points);
  v(count("tail_points"), aggregation.tail_points);
  v(Field{.key = "max_source_share", .limits = Limits{1, 100}}, aggregation.max_source_share);
  v(count("high_points"), aggregation.high_points);
  v(count("high_sources", 1'000), aggregation.high_sources);
  v(count("recent_quarters", 400), aggregation.recent_quarters);
  v(count("medium_points"), aggregation.medium_points);
}

inline std::optional<std::string> cross_check(const core::Policy::Aggregation& aggregation) {
  if (aggregation.band_low >= aggregation.band_high ||
      aggregation.band_high > core::Percent::whole(100)) {
    return "expected band_low below band_high, both percentiles from 0 to 100";
  }
  // The 10th and 90th percentiles rest on more points than the quartiles.
  if (aggregation.tail_points < aggregation.min_points) {
    return "expected tail_points at least min_points";
  }
  return std::nullopt;
}

template <typename V, Is<core::Policy> T>
void describe(V& v, T& policy) {
  // Where asks, floors and targets sit in a band: percent from its low to its high.
  constexpr auto position = [](std::string_view key) {
    return Field{.key = key, .limits = Limits{0, 100}};
  };
  v(Field{.key = "review_interval_months", .limits = Limits{1, 60}}, policy.review_interval_months);
  v(Field{.key = "vesting_years", .limits = Limits{1, 10}}, policy.vesting_years);
  v.group(Field{.key = "rounding"}, [&] {
    v(Field{.key = "total_comp", .limits = Limits{1, 1'000'000}}, policy.total_comp_step);
    v(Field{.key = "ask", .limits = Limits{1, 1'000'000}}, policy.ask_step);
  });
  v.group(Field{.key = "positions"}, [&] {
    v(position("base_ask"), policy.base_ask);
    v(position("equity_ask"), policy.equity_ask);
    v(position("base_floor"), policy.base_floor);
    v(position("equity_floor"), policy.equity_floor);
    v(position("equity_target"), policy.equity_target);
    v(position("equity_premium_ask"), policy.equity_premium_ask);
    v(position("upper_equity_band_from"), policy.upper_equity_band_from);
    v(position("competing_offer"), policy.competing_offer);
  });
  v(Field{.key = "signing_bonus_of_base_ask"}, policy.signing_bonus_of_base_ask);
  v.group(Field{.key = "stages"}, [&] {
    v(Field{.key = "public"}, policy.public_stage);
    v(Field{.key = "late-stage"}, policy.late_stage);
    v(Field{.key = "early-stage"}, policy.early_stage);
  });
  v(Field{.key = "aggregate", .rendered = Rendered::no}, policy.aggregation);
  // The audit's tolerance for a stated total; a page states the computed one.
  v.group(Field{.key = "audit", .rendered = Rendered::no}, [&] {
    v(Field{.key = "total_comp_tolerance", .limits = Limits{0, 1'000'000}},
      policy.total_comp_tolerance);
  });
}

// Any other struct has no check across its fields.
template <typename T>
std::optional<std::string> cross_check(const T&) {
  return std::nullopt;
}

}  // namespace negotiateup::catalog

namespace negotiateup::catalog::fields {

// A visitor that accepts every call, to ask whether a type is described.
struct Probe {
  template <typename T>
  void operator()(const Field&, T&) {}
  template <typename T>
  void range(const Field&, T&, T&) {}
  template <typename Fill>
  void group(const Field&, Fill&&) {}
  template <typename T>
  void path_part(T&) {}
  template <typename T>
  void location(T&) {}
};

template <typename T>
concept Described = requires(Probe& probe, T& value) {
  catalog::describe(probe, value);
};

template <typename T>
inline constexpr bool is_optional = false;
template <typename T>
inline constexpr bool is_optional<std::optional<T>> = true;

template <typename T>
inline constexpr bool is_vector = false;
template <typename T>
inline constexpr bool is_vector<std::vector<T>> = true;

// Visits the fields of `value` (a described struct) with `visitor`.
template <typename V, Described T>
void visit(V& visitor, T& value) {
  catalog::describe(visitor, value);
}

// Whether a value writes nothing in a file with WhenEmpty::omit: no value, an
// empty list, or a struct whose YAML fields are all empty.
template <typename T>
bool is_empty(const T& value);

class EmptyCheck {
 public:
  template <typename T>
  void operator()(const Field&, const T& value) {
    empty_ = empty_ && is_empty(value);
  }
  template <typename T>
  void range(const Field&, const T&, const T&) {
    empty_ = false;
  }
  template <typename Fill>
  void group(const Field&, Fill&& fill) {
    fill();
  }
  template <typename T>
  void path_part(const T&) {}
  template <typename T>
  void location(const T&) {}
  bool empty() const { return empty_; }

 private:
  bool empty_ = true;
};

template <typename T>
bool is_empty(const T& value) {
  if constexpr (is_optional<T>) {
    return !value.has_value();
  } else if constexpr (is_vector<T>) {
    return value.empty();
  } else if constexpr (Described<T>) {
    EmptyCheck check;
    visit(check, value);
    return check.empty();
  } else {
    return false;
  }
}

}  // namespace negotiateup::catalog::fields
