#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/band.hpp"
#include "core/currency.hpp"
#include "core/negotiation.hpp"

namespace negotiateup::render {

// CommonMark with GitHub tables, through md4c; raw HTML in the Markdown comes
// out escaped, as text.
std::string markdown_to_html(std::string_view markdown);

// &, <, >, " escaped for HTML text and attributes.
std::string escape_html(std::string_view text);

// An inline SVG of one region's base and equity bands with the ask and the
// accept-at floor marked and labelled with their values on each, on the x scale
// from 0 to `scale_max`: every region of a guide in one currency shares it, so
// that bars compare at a glance. role="img", its aria-label carrying the values.
std::string band_chart_svg(std::string_view region, core::Currency currency, core::Band base,
                           core::Band equity, const core::NegotiationFigures& asks,
                           std::int64_t scale_max);

}  // namespace negotiateup::render
