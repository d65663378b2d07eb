#pragma once

// What the site answers, independent of the transport: src/server turns an HTTP
// request into a web::Request and writes back a web::Response; everything in
// src/web is pure request handling, testable without a socket.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace negotiateup::web {

struct Request {
  std::string_view method;  // "GET", "HEAD", "POST"
  std::string_view target;  // path and query: "/search?q=hugging"
  std::string_view content_type;
  std::string_view body;
  std::string_view authorization = {};  // the header, as sent: "Bearer ..."
};

// A target split into its path and its decoded query parameters (+ and %XX
// decoded; a malformed escape is kept as written).
struct Target {
  std::string_view path;
  std::vector<std::pair<std::string, std::string>> parameters;

  static Target parse(std::string_view target);
  // The first value of `name`, or nothing.
  std::optional<std::string_view> get(std::string_view name) const;
};

std::string url_encode(std::string_view text);

// A body with its precomputed variants: made once per page per catalog snapshot
// (make_body), never per request. A page that compresses is kept compressed
// only: every browser accepts gzip or brotli, and the rare client that accepts
// neither gets the gzip variant inflated (text()), as nginx's gunzip does. At
// 100,000 guides that keeps 2.4 GB out of memory (docs/server.md).
struct Body {
  std::string identity;  // empty when `gzip` holds the bytes
  std::string gzip;      // empty when compressing does not pay (small bodies)
  std::string brotli;    // likewise
  std::string etag;      // strong, quoted: "\"3f2a...\""
  std::size_t size = 0;  // of the uncompressed bytes, kept or not

  // The uncompressed bytes: `identity`, or `gzip` inflated.
  std::string text() const;
};

// Fixed bodies are shared (pages rendered at load time); dynamic ones (search
// results, an evaluated offer) are made per request without variants.
std::shared_ptr<const Body> make_body(std::string text);
std::shared_ptr<const Body> make_dynamic_body(std::string text);

struct Response {
  int status = 200;
  std::string content_type;  // with its charset: "text/html; charset=utf-8"
  std::shared_ptr<const Body> body;
  // "public, max-age=300" for pages of a snapshot, "no-store" for dynamic ones.
  std::string cache_control = "no-store";
  std::vector<std::pair<std::string, std::string>> headers;  // any others (Allow, Location)
};

// 405 for a page (not under /api/, where the error is JSON): a line of text and
// Allow: GET, HEAD.
Response page_method_not_allowed();

// {"error": {"message": ..., "field": ...}} with the status: how every API error
// and every refused request is answered.
Response json_error(int status, std::string_view message, std::string_view field = {});

}  // namespace negotiateup::web
