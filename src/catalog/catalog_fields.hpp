#pragma once

// Each catalog struct's fields, described once. The YAML writer, the keys the
// reader accepts, the catalog cache's codec and its version, and a guide's input
// hash are visitors over these descriptions, so that a field added here reaches
// all of them, and a field left out of a guide's input hash is a decision written
// here (Rendered::no), not an omission elsewhere. tests/unit/catalog_fields_test.cpp
// checks that every data member is described and that every rendered field moves
// the input hash.
//
// A description calls, in the order of the fields' YAML keys:
//   v(Field{...}, member)                 a field under a YAML key
//   v.range(Field{...}, low, high)        two members written as one [low, high] key
//   v.group(Field{...}, [&] { ... })      a YAML map of fields that is no struct
//   v.path_part(member)                   a slug the file's path gives, not its text
//   v.location(member)                    where it was read (never rendered)
// A member is a leaf (text, number, bool, Percent, Band, Date, Quarter, Currency,
// an enum), an optional or a list of one, or a described struct.

#include <concepts>
#include <optional>
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

struct Field {
  std::string_view key;
  Rendered rendered = Rendered::yes;
  WhenEmpty when_empty = WhenEmpty::write;
  Style style = Style::house;
  Shape shape = Shape::full;
};

template <typename T, typename Struct>
concept Is = std::same_as<std::remove_const_t<T>, Struct>;

}  // namespace negotiateup::catalog::fields

namespace negotiateup::catalog {

using fields::Field;
using fields::Is;
using fields::Rendered;
using fields::Shape;
using fields::Style;
using fields::WhenEmpty;

template <typename V, Is<core::GeoRule> T>
void describe(V& v, T& rule) {
  v(Field{.key = "of", .style = Style::plain}, rule.reference_region);
  v.range(Field{.key = "share"}, rule.low_share, rule.high_share);
  v(Field{.key = "same_equity"}, rule.same_equity);
}

template <typename V, Is<Region> T>
void describe(V& v, T& region) {
  v.path_part(region.slug);
  v(Field{.key = "name"}, region.name);
  v(Field{.key = "currency"}, region.currency);
  // Names for resolving what people write; a page shows the name.
  v(Field{.key = "aliases", .rendered = Rendered::no, .when_empty = WhenEmpty::omit},
    region.aliases);
  v(Field{.key = "geo_rule", .when_empty = WhenEmpty::omit}, region.geo_rule);
  v.location(region.source);
}

template <typename V, Is<Role> T>
void describe(V& v, T& role) {
  v.path_part(role.slug);
  v(Field{.key = "name"}, role.name);
  v(Field{.key = "family"}, role.family);
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
  v(Field{.key = "name"}, company.name);
  v(Field{.key = "stage"}, company.stage);
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
  v(Field{.key = "region", .style = Style::plain}, band.region);
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
  v(Field{.key = "company", .style = Style::plain}, equivalent.company);
  v(Field{.key = "level"}, equivalent.level);
  v(Field{.key = "regions", .when_empty = WhenEmpty::omit, .style = Style::plain},
    equivalent.regions);
}

template <typename V, Is<LevelMapping> T>
void describe(V& v, T& mapping) {
  v(Field{.key = "internal"}, mapping.internal);
  v(Field{.key = "raw"}, mapping.raw);
  v(Field{.key = "equivalents", .when_empty = WhenEmpty::omit}, mapping.equivalents);
}

template <typename V, Is<CompanyRole> T>
void describe(V& v, T& guide) {
  v.path_part(guide.company);
  v.path_part(guide.role);
  v(Field{.key = "last_updated"}, guide.last_updated);
  v(Field{.key = "level_mapping"}, guide.level_mapping);
  v(Field{.key = "bands", .shape = Shape::bare_when_empty}, guide.bands);
  v.location(guide.source);
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
  v(Field{.key = "id", .style = Style::plain}, ask.id);
  v(Field{.key = "text"}, ask.text);
}

template <typename V, Is<core::Policy::Stage> T>
void describe(V& v, T& stage) {
  v(Field{.key = "equity_risk"}, stage.equity_risk);
  v(Field{.key = "asks"}, stage.asks);
}

template <typename V, Is<core::Policy::Aggregation> T>
void describe(V& v, T& aggregation) {
  v(Field{.key = "band_low"}, aggregation.band_low);
  v(Field{.key = "band_high"}, aggregation.band_high);
  v(Field{.key = "band_step"}, aggregation.band_step);
  v(Field{.key = "outlier_fence"}, aggregation.outlier_fence);
  v(Field{.key = "min_points"}, aggregation.min_points);
  v(Field{.key = "high_points"}, aggregation.high_points);
  v(Field{.key = "high_sources"}, aggregation.high_sources);
  v(Field{.key = "recent_quarters"}, aggregation.recent_quarters);
  v(Field{.key = "medium_points"}, aggregation.medium_points);
}

template <typename V, Is<core::Policy> T>
void describe(V& v, T& policy) {
  v(Field{.key = "review_interval_months"}, policy.review_interval_months);
  v(Field{.key = "vesting_years"}, policy.vesting_years);
  v.group(Field{.key = "rounding"}, [&] {
    v(Field{.key = "total_comp"}, policy.total_comp_step);
    v(Field{.key = "ask"}, policy.ask_step);
  });
  v.group(Field{.key = "positions"}, [&] {
    v(Field{.key = "base_ask"}, policy.base_ask);
    v(Field{.key = "equity_ask"}, policy.equity_ask);
    v(Field{.key = "base_floor"}, policy.base_floor);
    v(Field{.key = "equity_floor"}, policy.equity_floor);
    v(Field{.key = "equity_target"}, policy.equity_target);
    v(Field{.key = "equity_premium_ask"}, policy.equity_premium_ask);
    v(Field{.key = "upper_equity_band_from"}, policy.upper_equity_band_from);
    v(Field{.key = "competing_offer"}, policy.competing_offer);
  });
  v(Field{.key = "signing_bonus_of_base_ask"}, policy.signing_bonus_of_base_ask);
  v.group(Field{.key = "stages"}, [&] {
    v(Field{.key = "public"}, policy.public_stage);
    v(Field{.key = "late-stage"}, policy.late_stage);
    v(Field{.key = "early-stage"}, policy.early_stage);
  });
  v(Field{.key = "aggregate", .rendered = Rendered::no}, policy.aggregation);
  // The audit's tolerance for a stated total; a page states the computed one.
  v.group(Field{.key = "audit", .rendered = Rendered::no},
          [&] { v(Field{.key = "total_comp_tolerance"}, policy.total_comp_tolerance); });
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

namespace negotiateup::catalog::fields {

// The YAML keys of a described struct, in order: its own, or those of one of its
// groups. Readers accept these and no others.
class KeyList {
 public:
  explicit KeyList(std::string_view group) : group_(group) {}
  template <typename T>
  void operator()(const Field& field, const T&) {
    add(field);
  }
  template <typename T>
  void range(const Field& field, const T&, const T&) {
    add(field);
  }
  template <typename Fill>
  void group(const Field& field, Fill&& fill) {
    if (!group_.empty() && field.key == group_) {
      inside_ = true;
      fill();
      inside_ = false;
    } else {
      add(field);
    }
  }
  template <typename T>
  void path_part(const T&) {}
  template <typename T>
  void location(const T&) {}
  std::vector<std::string_view> keys() && { return std::move(keys_); }

 private:
  void add(const Field& field) {
    if (group_.empty() || inside_) keys_.push_back(field.key);
  }
  std::string_view group_;
  bool inside_ = false;
  std::vector<std::string_view> keys_;
};

template <Described T>
std::vector<std::string_view> keys_of(const T& sample, std::string_view group = {}) {
  KeyList list(group);
  visit(list, sample);
  return std::move(list).keys();
}

}  // namespace negotiateup::catalog::fields
