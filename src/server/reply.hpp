#pragma once

// How a web::Response becomes HTTP: the variant the client accepts, 304 for a
// tag it already has, HEAD without a body, and the headers every answer carries.

#include <boost/beast/http.hpp>
#include <memory>
#include <string_view>

#include "web/http.hpp"

namespace negotiateup::server {

namespace http = boost::beast::http;

// The body is a view into `keep`, the snapshot's own bytes: nothing is copied.
struct Reply {
  http::response<http::span_body<const char>> message;
  std::shared_ptr<const web::Body> keep;
};

// "br", "gzip" or "" (identity): brotli before gzip when both are accepted and
// exist; q=0 refuses a coding, "*" stands for codings not named.
std::string_view choose_encoding(std::string_view accept_encoding, const web::Body& body);

// Whether If-None-Match (a list of tags, weak ones compared by their opaque part,
// or "*") names `etag`.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// Content-Security-Policy and the other headers on every response, errors too.
void add_security_headers(http::fields& fields);

// The answer to `request` from `response`, with keep-alive as the request asks.
Reply make_reply(web::Response response, const http::request<http::string_body>& request);

// Whether the site may see `target`: origin-form, and no NUL or other control
// character in it, raw or percent-encoded. Any other target is answered 400 by the
// server itself.
bool acceptable_target(std::string_view target);

// An answer made by the server itself when no request could be read (400, 413,
// 431, 503): a JSON error, then the connection closes.
Reply make_refusal(int status, std::string_view message);

}  // namespace negotiateup::server
