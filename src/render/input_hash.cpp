#include "render/input_hash.hpp"

#include <xxhash.h>

#include <string>
#include <string_view>

namespace negotiateup::render {
namespace {

// Feeds values with their length, so that ("ab", "c") and ("a", "bc") differ.
// The bytes are gathered and hashed at once: the same hash as feeding XXH3's
// streaming state value by value, without its cost per call (hundreds per guide).
class Hasher {
 public:
  Hasher() { bytes_.reserve(4096); }
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  void add(std::string_view text) {
    add(static_cast<std::int64_t>(text.size()));
    bytes_.append(text);
  }
  void add(std::int64_t value) {
    bytes_.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  template <typename T>
  void add(const std::optional<T>& value) {
    add(static_cast<std::int64_t>(value.has_value()));
    if (value) add(*value);
  }
  void add(const core::Band& band) {
    add(band.low);
    add(band.high);
  }
  void add(core::Percent percent) { add(percent.hundredths); }
  void add(core::Date date) {
    add(static_cast<std::int64_t>(std::chrono::sys_days(date).time_since_epoch().count()));
  }
  void add(core::Quarter quarter) {
    add(static_cast<std::int64_t>(quarter.year * 4 + quarter.number));
  }
  void add(const std::vector<std::string>& values) {
    add(static_cast<std::int64_t>(values.size()));
    for (const auto& value : values) add(value);
  }
  std::uint64_t digest() const { return XXH3_64bits(bytes_.data(), bytes_.size()); }

  void add_region(const catalog::Region* region) {
    if (!region) return add(std::string_view("?"));
    add(region->slug);
    add(region->name);
    add(region->currency.code());
    add(static_cast<std::int64_t>(region->geo_rule.has_value()));
    if (region->geo_rule) {
      add(region->geo_rule->reference_region);
      add(region->geo_rule->low_share);
      add(region->geo_rule->high_share);
      add(static_cast<std::int64_t>(region->geo_rule->same_equity));
    }
  }

  void add_bands(const catalog::CompanyRole& entry) {
    add(entry.company);
    add(entry.role);
    add(entry.level_mapping.internal);
    add(static_cast<std::int64_t>(entry.bands.size()));
    for (const auto& band : entry.bands) {
      add(band.region);
      add(band.base);
      add(band.stock);
      add(band.bonus_pct);
      add(band.quarter);
      add(band.quality.has_value() ? static_cast<std::int64_t>(*band.quality) : -1);
      add(band.sources);
    }
  }

  void add_company(const catalog::Company* company) {
    if (!company) return add(std::string_view("?"));
    add(company->slug);
    add(company->name);
    add(static_cast<std::int64_t>(company->stage));
    add(company->dna_summary);
    add(company->narrative.dna);
    add(company->narrative.leverage_title);
    add(company->narrative.leverage);
    add(company->narrative.script);
  }

 private:
  std::string bytes_;
};

}  // namespace

std::uint64_t guide_input_hash(const catalog::Lookup& lookup, const catalog::CompanyRole& entry,
                               std::uint64_t templates_digest, core::Date today) {
  Hasher hash;
  hash.add(static_cast<std::int64_t>(templates_digest));
  const auto& policy = lookup.policy();
  for (const std::int64_t value :
       {std::int64_t{policy.review_interval_months}, std::int64_t{policy.vesting_years},
        policy.total_comp_step, policy.ask_step, policy.base_ask.hundredths,
        policy.equity_ask.hundredths, policy.base_floor.hundredths, policy.equity_floor.hundredths,
        policy.equity_target.hundredths, policy.equity_premium_ask.hundredths,
        policy.upper_equity_band_from.hundredths, policy.competing_offer.hundredths,
        policy.signing_bonus_of_base_ask.hundredths}) {
    hash.add(value);
  }
  if (!entry.last_updated) hash.add(today);  // it stands in for the missing date
  hash.add(entry.last_updated);
  hash.add(entry.level_mapping.raw);
  hash.add_bands(entry);
  hash.add_company(lookup.company(entry.company));
  const auto* role = lookup.role(entry.role);
  hash.add(role ? role->name : entry.role);
  hash.add(role ? static_cast<std::int64_t>(role->type) : -1);
  for (const auto& band : entry.bands) {
    const auto* region = lookup.region(band.region);
    hash.add_region(region);
    if (region && region->geo_rule)
      hash.add_region(lookup.region(region->geo_rule->reference_region));
  }
  // The peers this guide's levers and level mapping quote, with their bands.
  for (const auto& equivalent : entry.level_mapping.equivalents) {
    hash.add(equivalent.company);
    hash.add(equivalent.level);
    hash.add(equivalent.regions);
    const auto* peer = lookup.company(equivalent.company);
    hash.add(peer ? peer->name : equivalent.company);
    hash.add(peer ? static_cast<std::int64_t>(peer->stage) : -1);
    if (const auto* guide = lookup.guide_at_level(equivalent.company, equivalent.level)) {
      hash.add_bands(*guide);
    }
    if (const auto* guide = lookup.guide(equivalent.company, entry.role)) hash.add_bands(*guide);
    for (const auto& region : equivalent.regions) hash.add_region(lookup.region(region));
  }
  return hash.digest();
}

}  // namespace negotiateup::render
