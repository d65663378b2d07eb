#include "catalog/import.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "catalog/name_resolver.hpp"
#include "core/compensation.hpp"
#include "core/text.hpp"

namespace negotiateup::catalog {
namespace {

Company& ensure_company(Catalog& catalog, const guide::ParsedGuide& parsed, ImportReport& report) {
  const auto& record = parsed.record;
  auto* company = catalog.find_company(record.company);
  if (!company) {
    Company added;
    added.slug = record.company;
    added.name = record.company_display;
    catalog.companies.push_back(std::move(added));
    ++report.companies_added;
    company = &catalog.companies.back();
  }
  // The table's equity column tells the stage: RSUs are a public company's.
  // A private company's stage is not in a guide: late stage until the content
  // team says otherwise.
  company->stage =
      parsed.body.equity_kind == "RSU" ? CompanyStage::public_company : CompanyStage::late_stage;
  if (record.negotiation_dna_summary) company->dna_summary = record.negotiation_dna_summary;
  return *company;
}

// The title tells the family; a front matter's role type says whether it manages people.
core::RoleFamily family_of(const core::GuideRecord& record) {
  const auto family = core::classify_role_family(record.role_display);
  if (record.role_type == core::RoleType::manager) return core::RoleFamily::management;
  if (family == core::RoleFamily::management) return core::RoleFamily::engineering;
  return family;
}

void ensure_role(Catalog& catalog, const guide::ParsedGuide& parsed, ImportReport& report) {
  const auto& record = parsed.record;
  auto* role = catalog.find_role(record.role);
  if (!role) {
    catalog.roles.push_back(Role{record.role, record.role_display, family_of(record), {}});
    ++report.roles_added;
  } else if (record.role_type && parsed.has_front_matter &&
             core::role_type_of(role->family) != *record.role_type) {
    // A body-only guide's role type is guessed from its title: it never overrides.
    role->family = family_of(record);
  }
}

// The region's slug; a region the catalog does not know yet is added.
std::expected<std::string, core::Diagnostic> ensure_region(
    Catalog& catalog, const NameResolver& names, const core::RegionCompensation& entry,
    const guide::TableRow* row, const std::string& file, ImportReport& report) {
  const auto slug = core::slugify(entry.region);
  const std::size_t line = row ? row->line : 0;
  if (slug.empty()) {
    return std::unexpected(core::Diagnostic{
        file, line, fmt::format("region name '{}' gives no usable slug", entry.region)});
  }
  const auto geo_rule = [&]() -> std::optional<core::GeoRule> {
    if (!row || !row->geo_rule) return std::nullopt;
    auto rule = *row->geo_rule;
    const auto* reference = names.region(rule.reference_region);
    rule.reference_region = reference ? reference->slug : core::slugify(rule.reference_region);
    return rule;
  };
  if (const auto* known = names.region(entry.region)) {
    auto* region = catalog.find_region(known->slug);
    if (auto rule = geo_rule()) region->geo_rule = std::move(rule);
    if (entry.currency && region->currency != *entry.currency) {
      return std::unexpected(core::Diagnostic{
          file, line,
          fmt::format("region '{}' is in {} in the catalog but in {} here; expected one "
                      "currency per region",
                      entry.region, region->currency.code(), entry.currency->code())});
    }
    return region->slug;
  }
  if (!entry.currency) {
    return std::unexpected(core::Diagnostic{
        file, line,
        fmt::format("the currency of region '{}' cannot be told from the guide; expected figures "
                    "with a currency symbol, or a geo rule naming another region",
                    entry.region)});
  }
  catalog.regions.push_back(
      Region{slug, entry.region, *entry.currency, {}, geo_rule(), {file, line}});
  ++report.regions_added;
  return slug;
}

// "HF Senior Software Engineer = Google L4 (Paris) = Meta FAIR Senior SWE (Paris/NYC)":
// the parts of the first sentence that start with a company the catalog knows.
std::vector<LevelEquivalent> match_equivalents(const NameResolver& names, std::string_view raw,
                                               std::string_view own_company) {
  std::vector<LevelEquivalent> equivalents;
  const auto sentence_end = raw.find(". ");
  const auto sentence = raw.substr(0, sentence_end);
  for (auto part : core::split(sentence, " = ")) {
    part = core::trim(part);
    if (part.ends_with('.')) part.remove_suffix(1);
    // The longest words that start the part and name another company: "Meta FAIR"
    // before "Meta". At least a word is left for the level.
    const Company* match = nullptr;
    auto end = part.rfind(' ');
    for (; end != std::string_view::npos && end > 0; end = part.rfind(' ', end - 1)) {
      match = names.company(part.substr(0, end));
      if (match && match->slug != own_company) break;
      match = nullptr;
    }
    if (!match) continue;
    auto rest = core::trim(part.substr(end));
    LevelEquivalent equivalent{match->slug, "", {}};
    if (const auto open = rest.find(" ("); open != std::string_view::npos && rest.ends_with(")")) {
      for (const auto region : core::split(rest.substr(open + 2, rest.size() - open - 3), "/")) {
        if (const auto* known = names.region(region)) equivalent.regions.push_back(known->slug);
      }
      rest = core::trim(rest.substr(0, open));
    }
    equivalent.level = std::string(rest);
    if (!equivalent.level.empty()) equivalents.push_back(std::move(equivalent));
  }
  return equivalents;
}

void warn_about_totals(const core::RegionCompensation& entry, const core::Policy& policy,
                       const std::string& file, std::size_t line, ImportReport& report) {
  const auto totals = core::total_comp_band(entry, policy);
  if (!totals) return;
  for (const auto& [stated, computed, end] :
       {std::tuple{entry.total_comp_low, totals->low, "low"},
        std::tuple{entry.total_comp_high, totals->high, "high"}}) {
    if (stated && *stated != computed) {
      report.warnings.push_back(core::Diagnostic{
          file, line,
          fmt::format("region '{}' states a {} total of {}; the catalog keeps no totals and "
                      "computes {}",
                      entry.region, end, *stated, computed)});
    }
  }
}

}  // namespace

std::expected<void, core::Diagnostic> import_guide(Catalog& catalog,
                                                   const guide::ParsedGuide& parsed,
                                                   const std::string& file, ImportReport& report) {
  const auto& record = parsed.record;
  ensure_company(catalog, parsed, report);
  ensure_role(catalog, parsed, report);

  auto* entry = catalog.find_guide(record.company, record.role);
  if (!entry) {
    catalog.guides.push_back(CompanyRole{record.company, record.role, std::nullopt, {}, {}, {}});
    entry = &catalog.guides.back();
    ++report.guides_added;
  } else {
    ++report.guides_updated;
  }
  if (record.last_updated) entry->last_updated = record.last_updated;
  if (record.last_updated && record.next_review_due &&
      *record.next_review_due !=
          core::add_months(*record.last_updated, catalog.policy.review_interval_months)) {
    report.warnings.push_back(core::Diagnostic{
        file, 0,
        fmt::format("next_review_due {} is not last_updated + {} months; the catalog keeps no "
                    "review date and computes {}",
                    core::format_date(*record.next_review_due),
                    catalog.policy.review_interval_months,
                    core::format_date(core::add_months(*record.last_updated,
                                                       catalog.policy.review_interval_months)))});
  }

  // Built again after a region is added: it knows the entries there when it is built.
  std::optional<NameResolver> names(std::in_place, catalog);
  for (const auto& region_entry : record.compensation) {
    const auto row = std::find_if(
        parsed.body.table.begin(), parsed.body.table.end(),
        [&](const guide::TableRow& r) { return r.figures.region == region_entry.region; });
    const guide::TableRow* table_row = row == parsed.body.table.end() ? nullptr : &*row;
    const auto regions_before = catalog.regions.size();
    const auto slug = ensure_region(catalog, *names, region_entry, table_row, file, report);
    if (!slug) return std::unexpected(slug.error());
    if (catalog.regions.size() != regions_before) names.emplace(catalog);
    const std::size_t line = table_row ? table_row->line : 0;

    auto band = std::find_if(entry->bands.begin(), entry->bands.end(),
                             [&](const RegionBand& b) { return b.region == *slug; });
    if (band == entry->bands.end()) {
      RegionBand added;
      added.region = *slug;
      added.source = {file, line};
      entry->bands.push_back(std::move(added));
      band = entry->bands.end() - 1;
    }
    const auto range = [&](const std::optional<std::int64_t>& low,
                           const std::optional<std::int64_t>& high,
                           std::string_view what) -> std::optional<core::Band> {
      if (low && high) return core::Band{*low, *high};
      if (low || high) {
        report.warnings.push_back(
            core::Diagnostic{file, line,
                             fmt::format("region '{}' states only one end of its {} band; not kept",
                                         region_entry.region, what)});
      }
      return std::nullopt;
    };
    band->base = range(region_entry.base_low, region_entry.base_high, "base");
    band->stock = range(region_entry.stock_low, region_entry.stock_high, "stock");
    band->bonus_pct = region_entry.bonus_pct;
    if (band->has_figures()) {
      if (record.salary_data_quarter) band->quarter = record.salary_data_quarter;
      if (record.data_quality) band->quality = record.data_quality;
      if (record.data_sources) band->sources = *record.data_sources;
    }
    warn_about_totals(region_entry, catalog.policy, file, line, report);
  }
  // Last, so that the regions a mapping names ("Google L4 (Paris)") exist.
  if (record.level_mapping) {
    if (record.level_mapping->internal)
      entry->level_mapping.internal = record.level_mapping->internal;
    if (record.level_mapping->raw) {
      entry->level_mapping.raw = record.level_mapping->raw;
      auto matched = match_equivalents(*names, *record.level_mapping->raw, record.company);
      if (!matched.empty()) entry->level_mapping.equivalents = std::move(matched);
    }
  }
  return {};
}

}  // namespace negotiateup::catalog
