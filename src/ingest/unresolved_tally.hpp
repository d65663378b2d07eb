#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/string_map.hpp"
#include "ingest/row_mapper.hpp"

namespace negotiateup::ingest {

// How many stored points name each company, role or region the catalog does not
// know: the most frequent first, at most `kShown` of them.
struct NameCounts {
  static constexpr std::size_t kShown = 20;
  struct Count {
    std::string name;
    std::size_t points = 0;
    friend bool operator==(const Count&, const Count&) = default;
  };
  std::size_t names = 0;    // how many different names
  std::vector<Count> most;  // by points, then name
};

// The unresolved names of the accepted points of one file, as they are read; the
// counts are made once the store has said which points were stored.
class UnresolvedTally {
 public:
  // The names of accepted point number `point` (0, 1, ...), when it has any.
  void add(std::size_t point, const UnresolvedNames& names);
  struct Counts {
    std::size_t points = 0;  // stored points with at least one unresolved name
    NameCounts companies;
    NameCounts roles;
    NameCounts regions;
  };
  // Only the points whose id is not 0 (stored, not duplicates) count.
  Counts count(std::span<const std::int64_t> ids) const;

 private:
  static constexpr std::uint32_t kNone = ~0u;
  struct Point {
    std::size_t point;
    std::array<std::uint32_t, 3> names;  // company, role, region; kNone when known
  };
  struct Names {
    core::StringMap<std::uint32_t> ids;
    std::vector<std::string> names;
  };
  std::array<Names, 3> names_;
  std::vector<Point> points_;
};

}  // namespace negotiateup::ingest
