#include "render/html.hpp"

#include <fmt/format.h>
#include <md4c-html.h>

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
      &html, MD_DIALECT_GITHUB, 0);
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
  std::string svg = fmt::format(
      "<svg class=\"band-chart\" viewBox=\"0 0 {} 120\" role=\"img\" aria-label=\"{}: base {} to "
      "{}, ask {}, floor {}; equity {} to {}, ask {}, floor {}\">\n",
      kWidth, escape_html(region), money(base.low), money(base.high), money(asks.base_ask),
      money(asks.base_floor), money(equity.low), money(equity.high), money(asks.equity_ask),
      money(asks.equity_floor));
  const auto row = [&](int y, std::string_view label, core::Band band, std::int64_t ask,
                       std::int64_t floor) {
    const double span = static_cast<double>(band.high - band.low);
    const auto x_of = [&](std::int64_t amount) {
      const double share = span > 0 ? static_cast<double>(amount - band.low) / span : 0.5;
      return kLeft + static_cast<int>(share * kBar + 0.5);
    };
    svg += fmt::format(
        "<text x=\"0\" y=\"{}\" class=\"label\">{}</text>\n"
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\" rx=\"3\" class=\"band\"/>\n"
        "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"floor\"/>\n"
        "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"ask\"/>\n"
        "<text x=\"{}\" y=\"{}\" class=\"end\">{}</text>\n"
        "<text x=\"{}\" y=\"{}\" class=\"end\" text-anchor=\"end\">{}</text>\n",
        y + 11, label, kLeft, y, kBar, x_of(floor), x_of(floor), y - 3, y + 17, x_of(ask),
        x_of(ask), y - 3, y + 17, kLeft, y + 30, money(band.low), kLeft + kBar, y + 30,
        money(band.high));
  };
  row(8, "Base", base, asks.base_ask, asks.base_floor);
  row(62, "Equity", equity, asks.equity_ask, asks.equity_floor);
  svg += "</svg>\n";
  return svg;
}

}  // namespace negotiateup::render
