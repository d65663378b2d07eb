#include "review/flags.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>

#include "aggregate/aggregate.hpp"
#include "aggregate/grouping.hpp"
#include "aggregate/outlier_fence.hpp"
#include "core/date.hpp"
#include "ingest/peer_outliers.hpp"

namespace negotiateup::review {
namespace {

// The points a submission is measured against: those aggregate would put in a
// band with it, were the window to end with its quarter.
aggregate::Window window_of(const core::DataPoint& point) {
  return aggregate::Window{core::quarter_of(point.date), aggregate::Window{}.quarters};
}

std::int32_t days_of(core::Date date) {
  return static_cast<std::int32_t>(std::chrono::sys_days(date).time_since_epoch().count());
}

store::StoredFigures figures_of(const core::DataPoint& point) {
  return {point.date,
          point.company,
          point.role,
          point.region,
          point.level ? std::string_view(*point.level) : std::string_view(),
          point.currency.code(),
          point.source,
          {},
          point.base,
          point.stock_per_year,
          point.bonus};
}

ResolvedName resolved(const aggregate::Dimension& dimension, std::uint32_t id,
                      std::string_view as_written) {
  return {std::string(as_written),
          dimension.in_catalog[id] ? std::optional(dimension.names[id]) : std::nullopt};
}

// An attribute as text: a string as it is, a number as JSON writes it, "" when
// missing (attributes are a JSON object this program wrote).
std::string attribute(const nlohmann::json& attributes, const char* name) {
  const auto found = attributes.find(name);
  if (found == attributes.end() || found->is_null()) return {};
  return found->is_string() ? found->get<std::string>() : found->dump();
}

void add_flag(std::vector<std::string>& flags, std::string_view flag) {
  if (std::ranges::find(flags, flag) == flags.end()) flags.emplace_back(flag);
}

// The point's total in the region's currency, as aggregate reads it.
std::int64_t total_of(const aggregate::GroupedRow& row) {
  return row.base + row.stock_per_year + row.bonus;
}

// Raises the peer flags of the submission at `row` (a row of `grouping` past the
// stored points) against the stored points of its run.
void flag_against_peers(const aggregate::Grouping& grouping, const aggregate::Grouping::Run& run,
                        std::size_t stored, std::size_t row, const core::DataPoint& point,
                        const core::Policy::Aggregation& policy, FlaggedSubmission& flagged) {
  const auto window = window_of(point);
  const auto first = days_of(window.first_day());
  const auto last = days_of(window.last_day());
  std::vector<std::int64_t> totals;
  ingest::PeerOutliers peer_rule;
  // The peer rule groups by name; here every point is of one group already.
  core::DataPoint peer{point.date, {}, {}, {}, {}, point.currency, 0, 0, 0, {}, {}, {}};
  for (auto i = run.begin; i < run.end; ++i) {
    const auto index = grouping.order()[i];
    if (index >= stored) continue;  // another submission: no one's peer
    const auto& other = grouping.rows()[index];
    if (other.days < first || other.days > last) continue;
    totals.push_back(total_of(other));
    peer.base = total_of(other);
    peer_rule.add(peer);
  }
  flagged.peers = totals.size();
  std::ranges::sort(totals);
  const auto total = total_of(grouping.rows()[row]);
  if (const auto fence = aggregate::outlier_fence(totals, policy); fence && fence->outside(total))
    add_flag(flagged.flags, kOutsidePeerFence);
  peer.base = total;
  peer_rule.add(peer);
  // Every point counts (the rule's ids: 0 is a duplicate); the submission is last.
  const std::vector<std::int64_t> ids(totals.size() + 1, 1);
  const auto outliers = peer_rule.outliers(ids);
  if (!outliers.empty() && outliers.back() == totals.size()) add_flag(flagged.flags, kPeerOutlier);
}

}  // namespace

bool FlaggedSubmission::has_flag(std::string_view flag) const {
  return std::ranges::find(flags, flag) != flags.end();
}

std::vector<FlaggedSubmission> flag_submissions(store::Store& store,
                                                const catalog::Catalog& catalog,
                                                std::optional<store::SubmissionStatus> status) {
  auto submissions = store.submissions(status);
  const auto pending = [](const store::Submission& s) {
    return s.status == store::SubmissionStatus::pending;
  };
  aggregate::Grouping grouping(catalog);
  // One scan of the stored points, over every pending submission's window.
  std::optional<core::Date> first;
  std::optional<core::Date> last;
  for (const auto& submission : submissions) {
    if (!pending(submission)) continue;
    const auto window = window_of(submission.point);
    first = first ? std::min(*first, window.first_day()) : window.first_day();
    last = last ? std::max(*last, window.last_day()) : window.last_day();
  }
  if (first && last) {
    store.scan_figures(*first, *last, [&](const store::StoredFigures& row) { grouping.add(row); });
  }
  const auto stored = grouping.rows().size();
  // The pending submissions join the grouping after the stored points, so that
  // each lands in its company x role x region's run; rows from `stored` on are theirs.
  std::vector<std::size_t> submission_of_row;
  std::vector<FlaggedSubmission> flagged;
  flagged.reserve(submissions.size());
  for (std::size_t i = 0; i < submissions.size(); ++i) {
    const auto& point = submissions[i].point;
    const auto ids = grouping.resolve(figures_of(point));
    auto company = resolved(grouping.companies(), ids.company, point.company);
    auto role = resolved(grouping.roles(), ids.role, point.role);
    auto region = resolved(grouping.regions(), ids.region, point.region);
    FlaggedSubmission entry{std::move(submissions[i]),
                            std::move(company),
                            std::move(role),
                            std::move(region),
                            {},
                            {},
                            {},
                            0};
    const auto& kept = entry.submission.point;
    if (const auto attributes = nlohmann::json::parse(kept.attributes, nullptr, false);
        attributes.is_object()) {
      entry.kind = attribute(attributes, "kind");
      entry.years_experience = attribute(attributes, "years_experience");
    }
    entry.flags = kept.flags;
    if (!entry.company.slug) add_flag(entry.flags, kUnknownCompany);
    if (!entry.role.slug) add_flag(entry.flags, kUnknownRole);
    if (!entry.region.slug) add_flag(entry.flags, kUnknownRegion);
    if (pending(entry.submission)) {
      const auto before = grouping.rows().size();
      grouping.add(figures_of(kept));
      if (grouping.rows().size() > before) submission_of_row.push_back(i);
    }
    flagged.push_back(std::move(entry));
  }
  if (submission_of_row.empty()) return flagged;
  for (const auto& run : grouping.runs()) {
    for (auto i = run.begin; i < run.end; ++i) {
      const auto row = grouping.order()[i];
      if (row < stored) continue;
      auto& entry = flagged[submission_of_row[row - stored]];
      flag_against_peers(grouping, run, stored, row, entry.submission.point,
                         catalog.policy.aggregation, entry);
    }
  }
  return flagged;
}

}  // namespace negotiateup::review
