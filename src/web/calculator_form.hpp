#pragma once

// The calculator's query string as the offer reader's JSON (docs/offer.md), so
// that the form and the API read an offer the same way and say the same errors,
// and the reader's field paths ("competing[0].offer.base") as form fields
// ("c1_base").

#include <expected>
#include <string>
#include <string_view>

#include "web/api_support.hpp"

namespace negotiateup::web {

struct FormError {
  std::string field;  // a form field's name; empty for the form as a whole
  std::string message;
};

// The offer request's JSON text, or the first field that is not a number where
// one is expected, or names an unknown choice.
std::expected<std::string, FormError> offer_json_from_form(const Target& target);

// "offer.equity.grant_value" -> "grant", "competing[1].company" -> "c2_company";
// empty when the path names no field of the form.
std::string form_field_of(std::string_view json_path);

}  // namespace negotiateup::web
