#include "catalog/record_builder.hpp"

#include <algorithm>

#include "core/compensation.hpp"

namespace negotiateup::catalog {

core::GuideRecord build_record(const Catalog& catalog, const CompanyRole& guide) {
  return build_record(Lookup(catalog), guide);
}

core::GuideRecord build_record(const Lookup& lookup, const CompanyRole& guide) {
  const auto& policy = lookup.policy();
  const auto* company = lookup.company(guide.company);
  const auto* role = lookup.role(guide.role);
  core::GuideRecord record;
  record.company = guide.company;
  record.company_display = company ? company->name : guide.company;
  record.role = guide.role;
  record.role_display = role ? role->name : guide.role;
  if (role) record.role_type = core::role_type_of(role->family);
  record.last_updated = guide.last_updated;
  if (guide.last_updated) {
    record.next_review_due = core::add_months(*guide.last_updated, policy.review_interval_months);
  }
  std::vector<std::string> sources;
  for (const auto& band : guide.bands) {
    const auto* region = lookup.region(band.region);
    core::RegionCompensation entry;
    entry.region = region ? region->name : band.region;
    if (region) entry.currency = region->currency;
    if (band.base) {
      entry.base_low = band.base->low;
      entry.base_high = band.base->high;
    }
    if (band.stock) {
      entry.stock_low = band.stock->low;
      entry.stock_high = band.stock->high;
    }
    entry.bonus_pct = band.bonus_pct;
    if (const auto totals = core::total_comp_band(entry, policy)) {
      entry.total_comp_low = totals->low;
      entry.total_comp_high = totals->high;
    }
    record.compensation.push_back(std::move(entry));

    if (!band.has_figures()) continue;
    // The guide is as good as its weakest band and as recent as its oldest: a
    // region aggregated from 2021 data does not become 2025 beside a newer one.
    if (band.quality && (!record.data_quality || *band.quality > *record.data_quality)) {
      record.data_quality = band.quality;
    }
    if (band.quarter &&
        (!record.salary_data_quarter || *band.quarter < *record.salary_data_quarter)) {
      record.salary_data_quarter = band.quarter;
    }
    for (const auto& source : band.sources) {
      if (std::find(sources.begin(), sources.end(), source) == sources.end()) {
        sources.push_back(source);
      }
    }
  }
  if (guide.level_mapping.internal || guide.level_mapping.raw) {
    record.level_mapping =
        core::LevelMapping{guide.level_mapping.internal, guide.level_mapping.raw};
  }
  if (!sources.empty()) record.data_sources = std::move(sources);
  if (company) record.negotiation_dna_summary = company->dna_summary;
  return record;
}

}  // namespace negotiateup::catalog
