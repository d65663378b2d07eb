#pragma once

#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include "audit/arithmetic.hpp"
#include "audit/finding.hpp"
#include "audit/guide_rules.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"

namespace negotiateup::audit {

struct AuditResult {
  std::vector<Finding> findings;  // by file, then line, then rule
  std::size_t files = 0;
  ArithmeticCounts arithmetic;
};

// The .md files under each path (a file is taken as it is, a folder is walked),
// sorted. A path that does not exist is an error.
core::Result<std::vector<std::filesystem::path>> collect_guides(
    const std::vector<std::filesystem::path>& paths);

// Audits every file on `jobs` threads. A file that cannot be read or parsed is one
// `format` finding; the others are still audited.
AuditResult audit_files(const std::vector<std::filesystem::path>& files,
                        const AuditSettings& settings, core::Jobs jobs);

}  // namespace negotiateup::audit
