#pragma once

#include <string>
#include <vector>

#include "audit/arithmetic.hpp"
#include "audit/finding.hpp"
#include "core/date.hpp"
#include "core/policy.hpp"
#include "guide/guide_parser.hpp"

namespace negotiateup::audit {

struct AuditSettings {
  core::Policy policy;  // tolerances and the review interval
  core::Date today;
};

// Every rule on one parsed guide. A guide with front matter is checked against it;
// an older guide with only a body is checked against itself (its table).
void audit_guide(const guide::ParsedGuide& guide, const std::string& file,
                 const AuditSettings& settings, std::vector<Finding>& findings,
                 ArithmeticCounts& counts);

}  // namespace negotiateup::audit
