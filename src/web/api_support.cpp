#include "web/api_support.hpp"

#include <fmt/format.h>

namespace negotiateup::web {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string url_decode(std::string_view text) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      decoded.push_back(' ');
    } else if (c == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
               hex_digit(text[i + 2]) >= 0) {
      decoded.push_back(static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2])));
      i += 2;
    } else {
      decoded.push_back(c);
    }
  }
  return decoded;
}

}  // namespace

Target Target::parse(std::string_view target) {
  Target parsed;
  const auto question = target.find('?');
  parsed.path = target.substr(0, question);
  if (question == std::string_view::npos) return parsed;
  std::string_view query = target.substr(question + 1);
  if (const auto hash = query.find('#'); hash != std::string_view::npos) {
    query = query.substr(0, hash);
  }
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto equals = pair.find('=');
    parsed.parameters.emplace_back(
        url_decode(pair.substr(0, equals)),
        equals == std::string_view::npos ? std::string{} : url_decode(pair.substr(equals + 1)));
  }
  return parsed;
}

std::optional<std::string_view> Target::get(std::string_view name) const {
  for (const auto& [key, value] : parameters) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::string url_encode(std::string_view text) {
  std::string encoded;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      encoded.push_back(c);
    } else if (c == ' ') {
      encoded.push_back('+');
    } else {
      encoded += fmt::format("%{:02X}", u);
    }
  }
  return encoded;
}

Response json_response(std::string text, int status) {
  Response response;
  response.status = status;
  response.content_type = "application/json; charset=utf-8";
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

bool nests_deeper_than(std::string_view json, std::size_t limit) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

}  // namespace negotiateup::web
