#pragma once

// `negotiateup serve`'s HTTP/1.1 server: an io_context per thread, one
// asynchronous coroutine per connection (no thread per connection), every answer
// from a web::Site held in memory. A reload loads a new Site and swaps the
// pointer: requests in flight finish on the old one, none fails (docs/server.md).

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "server/rate_limit.hpp"
#include "web/site.hpp"

namespace negotiateup::server {

inline constexpr RateLimit kSubmissionLimit{5, std::chrono::seconds(60), 100'000};

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port (Server::port() says which)
  unsigned threads = 0;       // 0: one per core
  std::size_t header_limit = 8 * 1024;
  std::size_t body_limit = 64 * 1024;
  // Larger (or smaller) limits for targets under a prefix: {"/api/v1/offer", 64 KiB}.
  std::vector<std::pair<std::string, std::size_t>> body_limits;
  std::chrono::milliseconds header_timeout{10'000};  // a new connection's first headers
  std::chrono::milliseconds body_timeout{30'000};    // a request's body, an answer's write
  std::chrono::milliseconds idle_timeout{60'000};    // keep-alive: waiting for the next request
  std::size_t max_connections = 10'000;              // beyond: 503 and closed
  // Targets whose answers cost real work (an offer's simulation, 10-20 ms of
  // a core), limited per client address; each prefix has its own buckets.
  // Submissions are rarer still: a person sends one or two.
  std::vector<std::pair<std::string, RateLimit>> rate_limits{
      {"/api/v1/offers/evaluate", {}},
      {"/offer/result", {}},
      {"/api/v1/submissions", kSubmissionLimit},
      {"/submit/send", kSubmissionLimit}};
  std::chrono::milliseconds event_ping{15'000};  // /_reload's comment that keeps proxies open
  // Folders polled for changes (serve --watch); empty: no watching, SIGHUP only.
  std::vector<std::filesystem::path> watch;
  std::chrono::milliseconds watch_interval{500};
};

using SiteLoader = std::function<core::Result<std::shared_ptr<const web::Site>>()>;

// "HOST:PORT" ("127.0.0.1:8080", "[::1]:0", "localhost:8080") into the options,
// or bad input naming `option`.
core::Result<void> parse_listen(std::string_view text, std::string_view option,
                                ServerOptions& options);

class Server {
 public:
  // Binds and starts serving `site` at once; `load` makes the next site on
  // reload(). A host that does not resolve is bad input; an address that cannot
  // be bound is an operational error.
  static core::Result<std::unique_ptr<Server>> start(ServerOptions options,
                                                     std::shared_ptr<const web::Site> site,
                                                     SiteLoader load);
  ~Server();  // stops: closes every connection, joins the threads
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  std::uint16_t port() const;
  std::string address() const;  // "http://127.0.0.1:8080"

  // Loads a new site and swaps it in; on failure the old one stays, the error is
  // logged and shown at /_reload/error. Reloads never overlap.
  core::Result<void> reload();

  std::shared_ptr<const web::Site> site() const;

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace negotiateup::server
