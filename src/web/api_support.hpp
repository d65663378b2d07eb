#pragma once

// What every /api/v1 route, the calculator and the submission pages share: JSON
// and dynamic HTML answers, refusals (405, 415) and errors turned into
// {"error": ...}.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "web/http.hpp"

namespace negotiateup::web {

// 200 (or `status`) with a JSON body made for this request.
Response json_response(std::string text, int status = 200);
// A page made for this request (a form with its errors, a result): not cached.
Response html_response(std::string text, int status = 200);
// A JSON body made once at load: it keeps its ETag and variants.
Response json_response(std::shared_ptr<const Body> body);
// 405 with the Allow header.
Response method_not_allowed(std::string_view allow);

// The error as {"error": ...}: bad input is 400 with its field (named at the
// message's start, else the Error's `where`), operational 503, internal 500.
Response error_response(const core::Error& error);

// A parse error of the offer reader says "field: message"; the field alone.
std::string field_of(std::string_view message);

// A message of the offer reader or evaluator, "offer.base: is 0; ...", as its
// field and the rest; `otherwise` is the field when the message names none.
struct FieldMessage {
  std::string field;
  std::string message;
};
FieldMessage split_field(std::string_view message, std::string_view otherwise);

}  // namespace negotiateup::web
