#include "server/reply.hpp"

#include <algorithm>

namespace negotiateup::server {
namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

bool iequals(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    return (x | 0x20) == (y | 0x20);  // ASCII tokens only
  });
}

// Calls `each(item)` for every comma-separated, trimmed, non-empty item.
template <typename Each>
void for_each_item(std::string_view list, Each each) {
  while (!list.empty()) {
    const auto comma = list.find(',');
    const auto item = trim(list.substr(0, comma));
    if (!item.empty()) each(item);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

// The weight of a coding in Accept-Encoding: its own q, else "*"'s, else 0 (not
// listed). q is read to three decimals; a malformed q counts as 1 (RFC 9110 12.4.2
// says the default).
int weight_of(std::string_view accept_encoding, std::string_view coding) {
  int own = -1;
  int any = -1;
  for_each_item(accept_encoding, [&](std::string_view item) {
    const auto semicolon = item.find(';');
    const auto name = trim(item.substr(0, semicolon));
    int weight = 1000;
    if (semicolon != std::string_view::npos) {
      auto parameter = trim(item.substr(semicolon + 1));
      if (parameter.size() > 2 && (parameter[0] | 0x20) == 'q' && parameter[1] == '=') {
        parameter.remove_prefix(2);
        if (parameter.starts_with("0")) {
          const auto digits = parameter.substr(std::min<std::size_t>(2, parameter.size()));
          int thousandths = 0;
          for (std::size_t i = 0; i < 3; ++i) {
            thousandths *= 10;
            if (i < digits.size() && digits[i] >= '0' && digits[i] <= '9') {
              thousandths += digits[i] - '0';
            }
          }
          weight = thousandths;
        }
      }
    }
    if (iequals(name, coding)) own = weight;
    if (name == "*") any = weight;
  });
  return own >= 0 ? own : std::max(any, 0);
}

}  // namespace

std::string_view choose_encoding(std::string_view accept_encoding, const web::Body& body) {
  if (!body.brotli.empty() && weight_of(accept_encoding, "br") > 0) return "br";
  if (!body.gzip.empty() && weight_of(accept_encoding, "gzip") > 0) return "gzip";
  return {};
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  if (etag.empty()) return false;
  if (etag.starts_with("W/")) etag.remove_prefix(2);
  bool matched = false;
  for_each_item(if_none_match, [&](std::string_view tag) {
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    matched = matched || tag == "*" || tag == etag;
  });
  return matched;
}

void add_security_headers(http::fields& fields) {
  // No inline script or style anywhere on the site: 'self' is all a page needs.
  fields.set("Content-Security-Policy",
             "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
             "form-action 'self'");
  fields.set("X-Content-Type-Options", "nosniff");
  fields.set("Referrer-Policy", "strict-origin-when-cross-origin");
  fields.set("X-Frame-Options", "DENY");
  fields.set(http::field::server, "negotiateup");
}

Reply make_reply(web::Response response, const http::request<http::string_body>& request) {
  Reply reply;
  auto& message = reply.message;
  message.version(11);
  message.keep_alive(request.keep_alive());
  add_security_headers(message);
  for (const auto& [name, value] : response.headers) message.set(name, value);
  message.set(http::field::cache_control, response.cache_control);
  if (!response.content_type.empty()) {
    message.set(http::field::content_type, response.content_type);
  }
  reply.keep = std::move(response.body);
  const web::Body* body = reply.keep.get();
  if (body == nullptr) {
    message.result(static_cast<unsigned>(response.status));
    message.content_length(0);
    return reply;
  }
  const bool cacheable = !body->etag.empty();
  if (cacheable) {
    message.set(http::field::etag, body->etag);
    message.set(http::field::vary, "Accept-Encoding");
  }
  const bool read = request.method() == http::verb::get || request.method() == http::verb::head;
  if (read && response.status == 200 && cacheable &&
      etag_matches(request[http::field::if_none_match], body->etag)) {
    message.result(http::status::not_modified);
    message.erase(http::field::content_type);
    return reply;
  }
  message.result(static_cast<unsigned>(response.status));
  const auto encoding = choose_encoding(request[http::field::accept_encoding], *body);
  if (!encoding.empty()) message.set(http::field::content_encoding, encoding);
  // HEAD: the same headers, Content-Length included, and no body.
  if (request.method() == http::verb::head) {
    message.content_length(encoding == "br"     ? body->brotli.size()
                           : encoding == "gzip" ? body->gzip.size()
                                                : body->size);
    return reply;
  }
  if (encoding.empty() && body->identity.size() != body->size) {
    reply.keep = web::make_dynamic_body(body->text());  // a page kept compressed only
    body = reply.keep.get();
  }
  const std::string& bytes = encoding == "br"     ? body->brotli
                             : encoding == "gzip" ? body->gzip
                                                  : body->identity;
  message.content_length(bytes.size());
  message.body() = {bytes.data(), bytes.size()};
  return reply;
}

Reply make_refusal(int status, std::string_view message) {
  http::request<http::string_body> nothing;
  nothing.version(11);
  nothing.method(http::verb::get);
  auto reply = make_reply(web::json_error(status, message), nothing);
  reply.message.keep_alive(false);
  return reply;
}

bool acceptable_target(std::string_view target) {
  if (!target.starts_with('/')) return false;
  if (std::ranges::any_of(target, [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
    return false;
  }
  for (auto at = target.find('%'); at != std::string_view::npos; at = target.find('%', at + 1)) {
    if (at + 2 >= target.size()) return false;
    const char high = target[at + 1];
    if (high == '0' || high == '1') return false;  // %00 to %1F
  }
  return true;
}

}  // namespace negotiateup::server
