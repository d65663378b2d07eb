#include "web/http.hpp"

#include <fmt/format.h>
#include <xxhash.h>

#include "json/writer.hpp"

namespace negotiateup::web {

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
