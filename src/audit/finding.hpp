#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace negotiateup::audit {

enum class Severity { error, warning, info };
std::string_view to_string(Severity severity);

// Rule names are stable: reports, suppressions and dashboards key on them.
namespace rule {
inline constexpr std::string_view multi_year_arithmetic = "multi-year-arithmetic";
inline constexpr std::string_view total_comp_mismatch = "total-comp-mismatch";
inline constexpr std::string_view band_order = "band-order";
inline constexpr std::string_view table_mismatch = "table-mismatch";
inline constexpr std::string_view ask_outside_band = "ask-outside-band";
inline constexpr std::string_view review_overdue = "review-overdue";
inline constexpr std::string_view review_date = "review-date";
inline constexpr std::string_view missing_data = "missing-data";
inline constexpr std::string_view format = "format";
}  // namespace rule

struct Finding {
  std::string file;
  std::size_t line = 0;  // of the file on disk, front matter included; 0 for the whole file
  std::string_view rule;
  Severity severity = Severity::error;
  std::string message;
};

}  // namespace negotiateup::audit
