#include "web/page_compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "core/money.hpp"
#include "render/html.hpp"

namespace negotiateup::web {

std::string compare_chart_svg(std::string_view region, core::Currency currency,
                              const std::vector<CompareBar>& bars) {
  constexpr int kWidth = 640;
  constexpr int kLabel = 170;  // company names
  constexpr int kBar = 330;    // then the bars, then their values
  constexpr int kRow = 24;
  using render::escape_html;
  std::int64_t top = 1;
  for (const auto& bar : bars) top = std::max(top, bar.base.high);
  const auto x_of = [&](std::int64_t amount) {
    return kLabel +
           static_cast<int>(static_cast<double>(amount) / static_cast<double>(top) * kBar + 0.5);
  };
  const auto range = [&](core::Band band) {
    return escape_html(core::format_compact_range(core::Money{band.low, currency},
                                                  core::Money{band.high, currency}));
  };
  std::string values;
  for (const auto& bar : bars) {
    if (!values.empty()) values += "; ";
    values += escape_html(bar.company) + " " + range(bar.base);
  }
  const int height = static_cast<int>(bars.size()) * kRow + 24;
  std::string svg;
  auto out = std::back_inserter(svg);
  fmt::format_to(out,
                 "<svg class=\"compare-chart\" viewBox=\"0 0 {} {}\" role=\"img\" "
                 "aria-label=\"Base salary in {}: {}; scale 0 to {}\">\n",
                 kWidth, height, escape_html(region), values,
                 escape_html(core::format_compact(core::Money{top, currency})));
  int y = 0;
  for (const auto& bar : bars) {
    const int low = x_of(bar.base.low);
    fmt::format_to(out,
                   "<text x=\"0\" y=\"{}\" class=\"label\">{}</text>\n"
                   "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\" rx=\"3\" class=\"band\"/>\n"
                   "<text x=\"{}\" y=\"{}\" class=\"value\">{}</text>\n",
                   y + 15, escape_html(bar.company), low, y + 4,
                   std::max(x_of(bar.base.high) - low, 1), kLabel + kBar + 8, y + 15,
                   range(bar.base));
    y += kRow;
  }
  fmt::format_to(out,
                 "<text x=\"{}\" y=\"{}\" class=\"end\">0</text>\n"
                 "<text x=\"{}\" y=\"{}\" class=\"end\" text-anchor=\"end\">{}</text>\n</svg>\n",
                 kLabel, y + 14, kLabel + kBar, y + 14,
                 escape_html(core::format_compact(core::Money{top, currency})));
  return svg;
}

}  // namespace negotiateup::web
