#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/band.hpp"
#include "core/currency.hpp"

namespace negotiateup::web {

// One company's base band in a region, for the role page's chart.
struct CompareBar {
  std::string company;  // display name
  core::Band base;
};

// An inline SVG of every company's base band in one region, one bar per company
// on one scale (0 to the highest figure), each bar's range written beside it;
// role="img" with the values in its aria-label.
std::string compare_chart_svg(std::string_view region, core::Currency currency,
                              const std::vector<CompareBar>& bars);

}  // namespace negotiateup::web
