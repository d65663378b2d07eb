#pragma once

#include <expected>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "core/diagnostic.hpp"
#include "guide/guide_parser.hpp"

namespace negotiateup::catalog {

struct ImportReport {
  std::size_t companies_added = 0;
  std::size_t roles_added = 0;
  std::size_t regions_added = 0;
  std::size_t guides_added = 0;
  std::size_t guides_updated = 0;
  // Things the catalog does not keep as the guide states them (a stated total
  // that the catalog computes differently, half a range).
  std::vector<core::Diagnostic> warnings;
};

// Adds or updates the guide's company, role, regions, bands, level mapping and
// sources. Figures replace the catalog's; what the guide does not state (an older
// guide has no dates, quarter or data quality) leaves the catalog's value alone,
// so importing a body-only copy of a guide after the guide itself changes nothing.
// Totals are not kept: they are computed from base, stock and bonus.
std::expected<void, core::Diagnostic> import_guide(Catalog& catalog,
                                                   const guide::ParsedGuide& guide,
                                                   const std::string& file, ImportReport& report);

}  // namespace negotiateup::catalog
