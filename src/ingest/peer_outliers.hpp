#pragma once

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/data_point.hpp"
#include "core/string_map.hpp"

namespace negotiateup::ingest {

// The rule for a figure ten times off its peers: a point whose total is more than
// ten times, or less than a tenth of, the median total of its company x role x
// region in the same file (with at least five points there) is an outlier.
// Points are added as the file is read, before the store has said which are new:
// the reading thread does this work, and the storing thread only records ids.
class PeerOutliers {
 public:
  // Each accepted point of the file, in order.
  void add(const core::DataPoint& point);

  // `ids`: by point, in the order added, its id in the store, or 0 for a duplicate
  // (which is no one's peer). Gives the outliers' places in that order.
  std::vector<std::size_t> outliers(const std::vector<std::int64_t>& ids) const;

 private:
  // Names become small ids through one dictionary each (a file has a few thousand
  // companies but a few dozen roles and regions), so that a row costs no string
  // key: a string-keyed map of 600,000 groups was a sixth of an ingest.
  using Dictionary =
      absl::flat_hash_map<std::string, std::uint32_t, core::StringHash, std::equal_to<>>;
  static std::uint32_t id_of(Dictionary& dictionary, std::string_view name);

  static constexpr std::uint32_t kNoGroup = ~0u;  // a base of 0: its total says nothing
  struct Point {
    std::int64_t total;
    std::uint32_t group;
  };
  Dictionary companies_;
  Dictionary roles_;
  Dictionary regions_;
  absl::flat_hash_map<std::uint64_t, std::uint32_t> groups_;  // ids of the three -> group
  std::vector<Point> points_;
};

}  // namespace negotiateup::ingest
