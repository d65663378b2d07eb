#include "render/html.hpp"

#include <fmt/format.h>
#include <md4c-html.h>

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
                           core::Band equity, const core::NegotiationFigures& asks) {
  // Each bar on its own scale (base and a four-year grant differ too much to share
  // one); the chart shows where the ask and the floor sit inside each band.
  constexpr int kWidth = 320;
  constexpr int kLeft = 70;
  constexpr int kBar = kWidth - kLeft - 10;
  const auto money = [&](std::int64_t amount) {
    return escape_html(core::format_compact(core::Money{amount, currency}));
  };
  const std::array ends{money(base.low), money(base.high), money(equity.low), money(equity.high)};
  std::string svg;
  svg.reserve(1536);
  auto out = std::back_inserter(svg);
  fmt::format_to(out,
                 "<svg class=\"band-chart\" viewBox=\"0 0 {} 120\" role=\"img\" aria-label=\"{}: "
                 "base {} to {}, ask {}, floor {}; equity {} to {}, ask {}, floor {}\">\n",
                 kWidth, escape_html(region), ends[0], ends[1], money(asks.base_ask),
                 money(asks.base_floor), ends[2], ends[3], money(asks.equity_ask),
                 money(asks.equity_floor));
  const auto row = [&](int y, std::string_view label, core::Band band, std::int64_t ask,
                       std::int64_t floor, std::string_view low, std::string_view high) {
    const double span = static_cast<double>(band.high - band.low);
    const auto x_of = [&](std::int64_t amount) {
      const double share = span > 0 ? static_cast<double>(amount - band.low) / span : 0.5;
      return kLeft + static_cast<int>(share * kBar + 0.5);
    };
    fmt::format_to(out,
                   "<text x=\"0\" y=\"{}\" class=\"label\">{}</text>\n"
                   "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\" rx=\"3\" class=\"band\"/>\n"
                   "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"floor\"/>\n"
                   "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"ask\"/>\n"
                   "<text x=\"{}\" y=\"{}\" class=\"end\">{}</text>\n"
                   "<text x=\"{}\" y=\"{}\" class=\"end\" text-anchor=\"end\">{}</text>\n",
                   y + 11, label, kLeft, y, kBar, x_of(floor), x_of(floor), y - 3, y + 17,
                   x_of(ask), x_of(ask), y - 3, y + 17, kLeft, y + 30, low, kLeft + kBar, y + 30,
                   high);
  };
  row(8, "Base", base, asks.base_ask, asks.base_floor, ends[0], ends[1]);
  row(62, "Equity", equity, asks.equity_ask, asks.equity_floor, ends[2], ends[3]);
  svg += "</svg>\n";
  return svg;
}

}  // namespace negotiateup::render
