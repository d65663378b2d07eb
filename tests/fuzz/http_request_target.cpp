// The server's request handling without a socket: the bytes as a client sends
// them, read by Beast's parser with the server's limits, the target screened as
// the server screens it, answered by the small test catalog's site (with submissions) and
// written back as the server writes it.

#include <boost/beast/core/error.hpp>
#include <boost/beast/http.hpp>
#include <sstream>

#include "fuzz_site.hpp"
#include "server/reply.hpp"
#include "server/server.hpp"

namespace negotiateup::fuzz {

namespace http = boost::beast::http;

void run_one(std::string_view input) {
  const server::ServerOptions limits;
  http::request_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(limits.header_limit));
  parser.body_limit(limits.body_limit);
  parser.eager(true);
  boost::beast::error_code error;
  while (!input.empty() && !parser.is_done()) {
    const auto used = parser.put(boost::asio::buffer(input.data(), input.size()), error);
    if (error == http::error::need_more) break;
    if (error) return;  // the server answers 400, 413 or 431 and closes
    input.remove_prefix(used);
  }
  if (!parser.is_done()) return;  // the server waits for the rest, then times out
  if (!server::acceptable_target(parser.get().target())) return;
  const auto request = parser.release();
  const auto loaded = load_test_site();
  const web::Request asked{request.method_string(), request.target(),
                           request[http::field::content_type], request.body(),
                           request[http::field::authorization]};
  auto reply = server::make_reply(loaded.site->handle(asked), request);
  std::ostringstream written;
  written << reply.message;
}

}  // namespace negotiateup::fuzz
