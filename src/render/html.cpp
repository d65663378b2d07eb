#include "render/html.hpp"

#include <fmt/format.h>
#include <md4c-html.h>

#include <algorithm>
#include <array>
#include <iterator>

#include "core/money.hpp"

namespace negotiateup::render {

std::string markdown_to_html(std::string_view markdown) {
  std::string html;
  html.reserve(markdown.size() + markdown.size() / 4);
  md_html(
      markdown.data(), static_cast<MD_SIZE>(markdown.size()),
      [](const MD_CHAR* text, MD_SIZE size, void* output) {
        static_cast<std::string*>(output)->append(text, size);
      },
      // Raw HTML in the Markdown is shown as text: the Markdown holds the
      // catalog's names and prose, and none of them is HTML.
      &html, MD_DIALECT_GITHUB | MD_FLAG_NOHTML, 0);
  return html;
}

std::string escape_html(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

std::string band_chart_svg(std::string_view region, core::Currency currency, core::Band base,
                           core::Band equity, const core::NegotiationFigures& asks,
                           std::int64_t scale_max) {
  constexpr int kWidth = 320;
  constexpr int kLeft = 4;
  constexpr int kBar = kWidth - 2 * kLeft;
  const auto money = [&](std::int64_t amount) {
    return escape_html(core::format_compact(core::Money{amount, currency}));
  };
  const double scale = static_cast<double>(std::max<std::int64_t>(scale_max, 1));
  const auto x_of = [&](std::int64_t amount) {
    const double share = std::clamp(static_cast<double>(amount) / scale, 0.0, 1.0);
    return kLeft + static_cast<int>(share * kBar + 0.5);
  };
  // A value label at x: kept inside the chart by anchoring it to the side it is near.
  const auto anchor_of = [&](int x) {
    if (x < kLeft + kBar / 4) return "start";
    if (x > kLeft + kBar * 3 / 4) return "end";
    return "middle";
  };
  std::string svg;
  svg.reserve(2048);
  auto out = std::back_inserter(svg);
  fmt::format_to(out,
                 "<svg class=\"band-chart\" viewBox=\"0 0 {} 150\" role=\"img\" aria-label=\"{}: "
                 "base {} to {}, ask {}, floor {}; equity {} to {}, ask {}, floor {}; scale 0 to "
                 "{}\">\n",
                 kWidth, escape_html(region), money(base.low), money(base.high),
                 money(asks.base_ask), money(asks.base_floor), money(equity.low),
                 money(equity.high), money(asks.equity_ask), money(asks.equity_floor),
                 money(scale_max));
  const auto row = [&](int y, std::string_view label, core::Band band, std::int64_t ask,
                       std::int64_t floor) {
    const int low = x_of(band.low);
    const int high = x_of(band.high);
    fmt::format_to(
        out,
        "<text x=\"{}\" y=\"{}\" class=\"label\">{} {}–{}</text>\n"
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"12\" rx=\"3\" class=\"band\"/>\n"
        "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"floor\"/>\n"
        "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"ask\"/>\n"
        "<text x=\"{}\" y=\"{}\" class=\"value ask-value\" text-anchor=\"{}\">ask {}</text>\n"
        "<text x=\"{}\" y=\"{}\" class=\"value floor-value\" "
        "text-anchor=\"{}\">floor {}</text>\n",
        kLeft, y + 10, label, money(band.low), money(band.high), low, y + 26,
        std::max(high - low, 1), x_of(floor), x_of(floor), y + 22, y + 42, x_of(ask), x_of(ask),
        y + 22, y + 42, x_of(ask), y + 21, anchor_of(x_of(ask)), money(ask), x_of(floor), y + 54,
        anchor_of(x_of(floor)), money(floor));
  };
  row(0, "Base", base, asks.base_ask, asks.base_floor);
  row(66, "Equity", equity, asks.equity_ask, asks.equity_floor);
  fmt::format_to(out,
                 "<line x1=\"{}\" x2=\"{}\" y1=\"136\" y2=\"136\" class=\"axis\"/>\n"
                 "<text x=\"{}\" y=\"148\" class=\"end\">0</text>\n"
                 "<text x=\"{}\" y=\"148\" class=\"end\" text-anchor=\"end\">{}</text>\n",
                 kLeft, kLeft + kBar, kLeft, kLeft + kBar, money(scale_max));
  svg += "</svg>\n";
  return svg;
}

}  // namespace negotiateup::render
