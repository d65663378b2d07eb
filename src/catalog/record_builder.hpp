#pragma once

#include "catalog/catalog.hpp"
#include "catalog/lookup.hpp"
#include "core/guide_record.hpp"

namespace negotiateup::catalog {

// The front-matter record of one guide, every derived figure computed from the
// catalog and its policy: totals, the review date, the guide's data quality (the
// weakest of its bands), quarter (the latest) and sources (all, in order).
core::GuideRecord build_record(const Lookup& lookup, const CompanyRole& guide);
core::GuideRecord build_record(const Catalog& catalog, const CompanyRole& guide);

}  // namespace negotiateup::catalog
