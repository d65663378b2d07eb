#pragma once

#include <cstdint>

namespace negotiateup::core {

// A pay band: the low and high end of a range of whole amounts, in a currency the
// context names (a region's).
struct Band {
  std::int64_t low = 0;
  std::int64_t high = 0;

  friend bool operator==(const Band&, const Band&) = default;
};

}  // namespace negotiateup::core
