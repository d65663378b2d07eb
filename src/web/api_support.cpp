#include "web/api_support.hpp"

#include <fmt/format.h>

namespace negotiateup::web {
Response json_response(std::string text, int status) {
  Response response;
  response.status = status;
  response.content_type = "application/json; charset=utf-8";
  response.body = make_dynamic_body(std::move(text));
  return response;
}

Response html_response(std::string text, int status) {
  Response response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body = make_dynamic_body(std::move(text));
  return response;
}

Response json_response(std::shared_ptr<const Body> body) {
  Response response;
  response.content_type = "application/json; charset=utf-8";
  response.body = std::move(body);
  response.cache_control = "public, max-age=300";
  return response;
}

Response method_not_allowed(std::string_view allow) {
  auto response = json_error(405, fmt::format("method not allowed; use {}", allow));
  response.headers.emplace_back("Allow", std::string(allow));
  return response;
}

Response error_response(const core::Error& error) {
  switch (error.kind) {
    case core::ErrorKind::bad_input: {
      const auto [field, message] = split_field(error.message, error.where);
      return json_error(400, message, field);
    }
    case core::ErrorKind::operational:
      return json_error(503, error.message);
    case core::ErrorKind::internal:
      break;
  }
  return json_error(500, "internal error");
}

std::string field_of(std::string_view message) {
  const auto colon = message.find(": ");
  if (colon == std::string_view::npos || colon == 0) return {};
  const auto field = message.substr(0, colon);
  for (const char c : field) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
                         c == '[' || c == ']';
    if (!allowed) return {};
  }
  return std::string(field);
}

FieldMessage split_field(std::string_view message, std::string_view otherwise) {
  auto field = field_of(message);
  if (field.empty()) return {std::string(otherwise), std::string(message)};
  auto rest = std::string(message.substr(field.size() + 2));
  return {std::move(field), std::move(rest)};
}

}  // namespace negotiateup::web
