#pragma once

#include <optional>

#include "catalog/catalog.hpp"
#include "catalog/lookup.hpp"
#include "core/band.hpp"
#include "core/currency.hpp"
#include "core/percent.hpp"

namespace negotiateup::catalog {

// The figures of one guide in one region, in the region's currency: the band's
// own, or, for a band without figures in a region with a geo rule, the rule's
// share of the anchor region's band. The anchor is the company's anchor_region
// when the guide has figures there (a Paris company pays remote staff against
// Paris), else the region the rule names. Shared figures are converted with the
// catalog's exchange rates and rounded to the aggregate band step; equity is the
// anchor's grant when the rule keeps the same equity.
struct RegionFigures {
  const Region* region = nullptr;
  std::optional<core::Band> base;
  std::optional<core::Band> stock;  // the grant over the vesting period
  std::optional<core::Percent> bonus_pct;
  // Set when the figures come from the geo rule: the region they are a share of.
  const Region* anchor = nullptr;
};

// Empty when the guide has no band in `region`, or its geo rule finds no anchor
// with figures, or the rates cannot convert the anchor's currency.
std::optional<RegionFigures> region_figures(const Lookup& lookup, const CompanyRole& guide,
                                            const Region& region);

// The region a geo-rule region of `company` takes its share of in `guide`.
const Region* anchor_region(const Lookup& lookup, const CompanyRole& guide, const Region& region);

}  // namespace negotiateup::catalog
