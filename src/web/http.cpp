#include "web/http.hpp"

#include <fmt/format.h>
#include <xxhash.h>

#include "json/writer.hpp"

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

// A strong ETag: the body's 64-bit hash, so that a page that did not change
// between two snapshots keeps its tag and browsers keep their copy.
std::shared_ptr<const Body> make_body(std::string text) {
  auto body = std::make_shared<Body>();
  body->etag = fmt::format("\"{:016x}\"", XXH3_64bits(text.data(), text.size()));
  body->identity = std::move(text);
  return body;
}

std::shared_ptr<const Body> make_dynamic_body(std::string text) {
  auto body = std::make_shared<Body>();
  body->identity = std::move(text);
  return body;
}

Response json_error(int status, std::string_view message, std::string_view field) {
  json::Writer writer;
  writer.StartObject();
  writer.Key("error");
  writer.StartObject();
  json::write_member(writer, "message", message);
  if (!field.empty()) json::write_member(writer, "field", field);
  writer.EndObject();
  writer.EndObject();
  Response response;
  response.status = status;
  response.content_type = "application/json; charset=utf-8";
  response.body = make_dynamic_body(writer.text());
  return response;
}

}  // namespace negotiateup::web
