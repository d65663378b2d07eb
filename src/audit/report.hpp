#pragma once

#include <string>

#include "audit/auditor.hpp"

namespace negotiateup::audit {

// "FILE:LINE: SEVERITY: RULE: message", one a line.
std::string text_report(const AuditResult& result);
// {"findings": [...], "summary": {"error": n, "warning": n, "info": n}}
std::string json_report(const AuditResult& result);
// SARIF 2.1.0, one run of the tool "negotiateup", one result per finding.
std::string sarif_report(const AuditResult& result);

}  // namespace negotiateup::audit
