#include "ingest/unresolved_tally.hpp"

#include <algorithm>

namespace negotiateup::ingest {

void UnresolvedTally::add(std::size_t point, const UnresolvedNames& names) {
  if (!names.any()) return;
  Point entry{point, {kNone, kNone, kNone}};
  const std::array<const std::string*, 3> written{&names.company, &names.role, &names.region};
  for (std::size_t kind = 0; kind < written.size(); ++kind) {
    if (written[kind]->empty()) continue;
    auto& known = names_[kind];
    const auto [found, added] =
        known.ids.try_emplace(*written[kind], static_cast<std::uint32_t>(known.names.size()));
    if (added) known.names.push_back(*written[kind]);
    entry.names[kind] = found->second;
  }
  points_.push_back(entry);
}

UnresolvedTally::Counts UnresolvedTally::count(std::span<const std::int64_t> ids) const {
  std::array<std::vector<std::size_t>, 3> by_name;
  for (std::size_t kind = 0; kind < by_name.size(); ++kind)
    by_name[kind].assign(names_[kind].names.size(), 0);
  Counts counts;
  for (const auto& point : points_) {
    if (point.point >= ids.size() || ids[point.point] == 0) continue;
    ++counts.points;
    for (std::size_t kind = 0; kind < by_name.size(); ++kind)
      if (point.names[kind] != kNone) ++by_name[kind][point.names[kind]];
  }
  const std::array<NameCounts*, 3> out{&counts.companies, &counts.roles, &counts.regions};
  for (std::size_t kind = 0; kind < by_name.size(); ++kind) {
    std::vector<NameCounts::Count> all;
    for (std::size_t id = 0; id < by_name[kind].size(); ++id)
      if (by_name[kind][id] > 0) all.push_back({names_[kind].names[id], by_name[kind][id]});
    const auto shown = std::min(all.size(), NameCounts::kShown);
    std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(shown), all.end(),
                      [](const auto& a, const auto& b) {
                        return a.points != b.points ? a.points > b.points : a.name < b.name;
                      });
    out[kind]->names = all.size();
    all.resize(shown);
    out[kind]->most = std::move(all);
  }
  return counts;
}

}  // namespace negotiateup::ingest
