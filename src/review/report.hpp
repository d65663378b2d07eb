#pragma once

#include <optional>
#include <span>
#include <string>

#include "review/flags.hpp"
#include "store/store.hpp"

namespace negotiateup::review {

// The submissions for a moderator's terminal, oldest first, then a summary line.
// Every text a submitter wrote is printed through core::printable: no control
// character reaches the terminal raw.
std::string format_text(std::span<const FlaggedSubmission> submissions,
                        std::optional<store::SubmissionStatus> status);

// The same as JSON: {"submissions": [...], "summary": {...}} (docs/submissions.md).
std::string format_json(std::span<const FlaggedSubmission> submissions);

}  // namespace negotiateup::review
