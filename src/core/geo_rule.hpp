#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/percent.hpp"

namespace negotiateup::core {

// A region without figures of its own: a share of another region's band, e.g.
// Remote Global at 60–100% of New York, with the same equity grant.
struct GeoRule {
  std::string reference_region;  // as written: "NYC", or resolved: "New York"
  Percent low_share;
  Percent high_share;
  bool same_equity = true;

  friend bool operator==(const GeoRule&, const GeoRule&) = default;
};

// Finds "60–100% of NYC" (en dash or hyphen) anywhere in `text`.
std::optional<GeoRule> find_geo_rule(std::string_view text);

}  // namespace negotiateup::core
