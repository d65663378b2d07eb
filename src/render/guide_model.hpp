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
  core::RegionCompensation figures;  // as the front matter states it
  std::optional<core::Band> base;    // both ends stated
  std::optional<core::Band> stock;
  std::optional<core::NegotiationFigures> asks;  // when base and stock are stated
};

// A competing offer at a peer company, for one of the guide's main regions.
struct CompetingOffer {
  const RegionView* region = nullptr;
  const catalog::Company* peer = nullptr;
  std::string level;  // the peer's own level name
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
  std::vector<const RegionView*> main_regions;  // the first two with asks
  std::vector<CompetingOffer> competing;        // at most one per main region
  std::vector<EquivalentView> equivalents;
};

// `today` stands in for a missing last_updated.
GuideModel build_guide_model(const catalog::Lookup& lookup, const catalog::CompanyRole& entry,
                             core::Date today);

}  // namespace negotiateup::render
