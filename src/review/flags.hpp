#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "store/store.hpp"

namespace negotiateup::review {

// The flags review raises beside the point's own (`zero-base`, `total-mismatch`,
// given when it was validated): docs/submissions.md, "Moderation".
inline constexpr std::string_view kUnknownCompany = "unknown-company";
inline constexpr std::string_view kUnknownRole = "unknown-role";
inline constexpr std::string_view kUnknownRegion = "unknown-region";
inline constexpr std::string_view kOutsidePeerFence = "outside-peer-fence";
inline constexpr std::string_view kPeerOutlier = "peer-outlier";
// Every flag a submission can carry: its point's (ingest::PointParser's), then review's.
inline constexpr std::string_view kFlags[] = {"zero-base",  "total-mismatch", kUnknownCompany,
                                              kUnknownRole, kUnknownRegion,   kOutsidePeerFence,
                                              kPeerOutlier};

// What a submission's company, role or region means to aggregate: the catalog
// slug it resolves to, or nothing when the catalog does not know it (aggregate
// keeps it apart, as written).
struct ResolvedName {
  std::string as_written;
  std::optional<std::string> slug;
};

// A submission with what a moderator needs to decide on it.
struct FlaggedSubmission {
  store::Submission submission;
  ResolvedName company;
  ResolvedName role;
  ResolvedName region;
  // From the point's attributes, as submitted (empty when not given): "offer" or
  // "current", and the years of experience.
  std::string kind;
  std::string years_experience;
  // The point's own flags, then review's, each once. The peer flags are raised on
  // pending submissions only: an approved one is among its own peers.
  std::vector<std::string> flags;
  // How many stored points its peer flags were computed over (pending only).
  std::size_t peers = 0;

  bool has_flag(std::string_view flag) const;
};

// The store's submissions with this status (all without one), oldest first, each
// with its flags. Names are resolved as aggregate's grouping resolves a stored
// point; a pending submission's peers are the store's data points of its company
// x role x region dated in the four quarters that end with its own date's
// quarter (aggregate's window), converted to the region's currency as aggregate
// converts them. Throws core::Exception as the store does.
std::vector<FlaggedSubmission> flag_submissions(store::Store& store,
                                                const catalog::Catalog& catalog,
                                                std::optional<store::SubmissionStatus> status);

}  // namespace negotiateup::review
