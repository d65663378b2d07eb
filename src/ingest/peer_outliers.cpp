#include "ingest/peer_outliers.hpp"

#include <algorithm>

namespace negotiateup::ingest {
namespace {

constexpr std::size_t kFewestPeers = 5;  // fewer, and no point is called off
constexpr std::int64_t kFactor = 10;

}  // namespace

std::uint32_t PeerOutliers::id_of(Dictionary& dictionary, std::string_view name) {
  const auto found = dictionary.find(name);
  if (found != dictionary.end()) return found->second;
  const auto id = static_cast<std::uint32_t>(dictionary.size());
  dictionary.emplace(name, id);
  return id;
}

void PeerOutliers::add(const core::DataPoint& p) {
  if (p.base == 0) {  // already flagged zero-base
    points_.push_back({0, kNoGroup});
    return;
  }
  // 24 bits of company id, 20 of role and of region: ids never reach that many names
  // in one file, and a file with more would need more than memory anyway.
  const std::uint64_t key = (std::uint64_t{id_of(companies_, p.company)} << 40) |
                            (std::uint64_t{id_of(roles_, p.role)} << 20) |
                            id_of(regions_, p.region);
  const auto group = groups_.try_emplace(key, static_cast<std::uint32_t>(groups_.size())).first;
  points_.push_back({p.total(), group->second});
}

std::vector<std::size_t> PeerOutliers::outliers(const std::vector<std::int64_t>& ids) const {
  const auto counted = [&](std::size_t i) {
    return points_[i].group != kNoGroup && i < ids.size() && ids[i] != 0;
  };
  // The totals laid out group after group (a counting sort), then each group's median.
  std::vector<std::size_t> start(groups_.size() + 1, 0);
  for (std::size_t i = 0; i < points_.size(); ++i) {
    if (counted(i)) ++start[points_[i].group + 1];
  }
  for (std::size_t g = 0; g < groups_.size(); ++g) start[g + 1] += start[g];
  std::vector<std::int64_t> totals(start.back());
  auto next = start;
  for (std::size_t i = 0; i < points_.size(); ++i) {
    if (counted(i)) totals[next[points_[i].group]++] = points_[i].total;
  }
  std::vector<std::int64_t> medians(groups_.size(), 0);
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    const auto first = totals.begin() + static_cast<std::ptrdiff_t>(start[g]);
    const auto last = totals.begin() + static_cast<std::ptrdiff_t>(start[g + 1]);
    if (static_cast<std::size_t>(last - first) < kFewestPeers) continue;
    std::sort(first, last);
    medians[g] = core::percentile_cont(std::span<const std::int64_t>(first, last), 0.5);
  }
  std::vector<std::size_t> found;
  for (std::size_t i = 0; i < points_.size(); ++i) {
    if (!counted(i)) continue;
    const auto& point = points_[i];
    const auto median = medians[point.group];
    if (median > 0 && (point.total > kFactor * median || kFactor * point.total < median))
      found.push_back(i);
  }
  return found;
}

}  // namespace negotiateup::ingest
