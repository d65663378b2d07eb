#pragma once

// The calculator's query string as the offer reader's JSON (docs/offer.md), so
// that the form and the API read an offer the same way and say the same errors,
// and the reader's field paths ("competing[0].offer.base") as form fields
// ("c1_base").

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "web/api_support.hpp"

namespace negotiateup::web {

struct FormError {
  std::string field;  // a form field's name; empty for the form as a whole
  std::string message;
};

// The offer request as the reader's JSON. A competing offer left empty is left
// out, so competing[i] is the form's offer number competing_numbers[i].
struct OfferForm {
  std::string json;
  std::vector<std::size_t> competing_numbers;
};

// The request, or the first field that is not a number where one is expected,
// or names an unknown choice.
std::expected<OfferForm, FormError> offer_json_from_form(const Target& target);

// "offer.equity.grant_value" -> "grant", "competing[0].company" -> "c2_company"
// when the form's first competing offer is its second; empty when the path names
// no field of the form.
std::string form_field_of(std::string_view json_path, const OfferForm& form);

}  // namespace negotiateup::web
