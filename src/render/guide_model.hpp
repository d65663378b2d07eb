#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "catalog/lookup.hpp"
#include "core/date.hpp"
#include "core/guide_record.hpp"
#include "core/negotiation.hpp"

namespace negotiateup::render {

// One row of the band table.
struct RegionView {
  const catalog::Region* region = nullptr;
  const catalog::RegionBand* band = nullptr;  // the catalog's, with its provenance
  core::RegionCompensation figures;           // as the front matter states it
  // Both ends of each band: stated, or computed from the region's geo rule.
  std::optional<core::Band> base;
  std::optional<core::Band> stock;
  std::optional<core::Percent> bonus_pct;
  const catalog::Region* anchor = nullptr;       // set when computed: the region shared
  std::optional<core::NegotiationFigures> asks;  // when base and stock are known
  std::int64_t ask_value = 0;  // the ask over the vesting period (core::ask_multi_year_value)
  // The band's figures rest on too few points to be shown (catalog/thin_bands.hpp).
  bool withheld = false;
  // What employers across the market pay the role here (market.yaml), if known.
  const catalog::MarketBand* market = nullptr;

  bool stated() const { return anchor == nullptr; }
};

// A competing offer at a peer company in one region of the guide, cited only
// when it is worth more than the guide's own ask there.
struct CompetingOffer {
  const RegionView* region = nullptr;
  const catalog::Company* peer = nullptr;
  const catalog::Role* peer_role = nullptr;  // the role of the peer's guide compared
  std::string level;                         // the peer's own level name
  core::Band peer_base;
  core::PeerOffer offer;
};

// "Google L5 (Paris/New York)": a level equivalence, with display names.
struct EquivalentView {
  std::string company;
  std::string level;
  std::vector<std::string> regions;
};

// Everything a guide states, computed: the record (front matter) and the figures
// the prose quotes. No I/O; the templates only format what is here.
struct GuideModel {
  GuideModel() = default;
  GuideModel(GuideModel&&) = default;
  GuideModel& operator=(GuideModel&&) = default;
  GuideModel(const GuideModel&) = delete;  // holds pointers into its own regions

  const catalog::Company* company = nullptr;
  const catalog::Role* role = nullptr;
  const catalog::CompanyRole* entry = nullptr;
  core::GuideRecord record;
  std::vector<RegionView> regions;
  std::vector<const RegionView*> stated_regions;     // with asks, from their own figures
  std::vector<const RegionView*> asked_regions;      // with asks: stated, then computed
  std::vector<CompetingOffer> competing;             // at most one per stated region
  std::vector<const RegionView*> without_competing;  // stated regions no peer beats
  std::vector<EquivalentView> equivalents;
};

// `today` stands in for a missing last_updated.
GuideModel build_guide_model(const catalog::Lookup& lookup, const catalog::CompanyRole& entry,
                             core::Date today);

}  // namespace negotiateup::render
