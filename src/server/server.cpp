#include "server/server.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>

#include "server/folder_watch.hpp"
#include "server/metrics.hpp"
#include "server/reply.hpp"

namespace negotiateup::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// The events /_reload sends: a generation number that every reload bumps, and
// the waiting streams' timers, cancelled to wake them. A stream compares the
// generation before it waits, on its own strand, where the cancel also runs: a
// reload between the two is never missed.
class ReloadEvents {
 public:
  void subscribe(const std::shared_ptr<asio::steady_timer>& timer) {
    const std::lock_guard lock(mutex_);
    std::erase_if(waiting_, [](const auto& weak) { return weak.expired(); });
    waiting_.push_back(timer);
  }
  std::uint64_t generation() const {
    const std::lock_guard lock(mutex_);
    return generation_;
  }
  // The event after `seen`, if there is one, and the generation it is.
  std::optional<std::string> since(std::uint64_t& seen) const {
    const std::lock_guard lock(mutex_);
    if (generation_ == seen) return std::nullopt;
    seen = generation_;
    return event_;
  }
  void publish(std::string event) {
    const std::lock_guard lock(mutex_);
    ++generation_;
    event_ = std::move(event);
    for (const auto& weak : waiting_) {
      if (auto timer = weak.lock()) asio::post(timer->get_executor(), [timer] { timer->cancel(); });
    }
  }

 private:
  mutable std::mutex mutex_;
  std::uint64_t generation_ = 0;
  std::string event_;
  std::vector<std::weak_ptr<asio::steady_timer>> waiting_;
};

// An SSE event: every line of `data` on its own "data:" line.
std::string event_text(std::string_view name, std::string_view data) {
  std::string text = fmt::format("event: {}\n", name);
  while (true) {
    const auto newline = data.find('\n');
    text += fmt::format("data: {}\n", data.substr(0, newline));
    if (newline == std::string_view::npos) break;
    data.remove_prefix(newline + 1);
  }
  return text + "\n";
}

web::Response text_response(std::string text, std::string_view content_type) {
  web::Response response;
  response.content_type = content_type;
  response.body = web::make_dynamic_body(std::move(text));
  return response;
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  SiteLoader load;
  std::atomic<std::shared_ptr<const web::Site>> site;
  Metrics metrics;
  ReloadEvents events;
  std::mutex reload_mutex;  // one reload at a time
  std::mutex error_mutex;
  std::string last_error;  // of the last failed reload; cleared by a good one
  std::atomic<bool> stopping{false};
  std::vector<std::pair<std::string, std::unique_ptr<RateLimiter>>> limiters;

  // Declared after what its handlers use, so destroyed (with them) first. One
  // io_context per thread, each connection on one of them: a connection's
  // handlers never run on two threads, so they need no strand and no lock.
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::size_t next_context = 0;  // the accept loop's, round robin
  std::optional<tcp::acceptor> acceptor;
  std::vector<std::thread> threads;
  std::jthread watcher;

  ~Impl() { stop(); }

  void stop() {
    stopping = true;
    if (watcher.joinable()) {
      watcher.request_stop();
      watcher.join();
    }
    for (auto& context : contexts) context->stop();
    for (auto& thread : threads) {
      if (thread.joinable()) thread.join();
    }
    threads.clear();
    acceptor.reset();
    contexts.clear();  // destroys the suspended sessions, closing their sockets
  }

  std::size_t body_limit_for(std::string_view target) const {
    for (const auto& [prefix, limit] : options.body_limits) {
      if (target.starts_with(prefix)) return limit;
    }
    return options.body_limit;
  }

  // How long `client` must wait before `target` answers it again, if it must.
  std::optional<std::chrono::seconds> rate_limited(std::string_view target,
                                                   std::string_view client) {
    for (const auto& [prefix, limiter] : limiters) {
      if (target.starts_with(prefix)) return limiter->admit(client, Clock::now());
    }
    return std::nullopt;
  }

  web::Response answer(const http::request<http::string_body>& request, std::string_view client) {
    const std::string_view target = request.target();
    if (target == "/healthz") return text_response("ok\n", "text/plain; charset=utf-8");
    if (target == "/metrics") {
      return text_response(metrics.text(), "text/plain; version=0.0.4; charset=utf-8");
    }
    if (target == "/_reload/error") {
      const std::lock_guard lock(error_mutex);
      return text_response(last_error, "text/plain; charset=utf-8");
    }
    const auto current = site.load();
    const web::Request asked{request.method_string(), target, request[http::field::content_type],
                             request.body(), request[http::field::authorization]};
    if (const auto wait = rate_limited(target, client)) {
      return current->too_many_requests(asked, *wait);
    }
    try {
      return current->handle(asked);
    } catch (const std::exception& error) {
      fmt::print(stderr, "negotiateup serve: {} {} failed: {}\n", asked.method, target,
                 error.what());
      return web::json_error(500, "internal error; the server's log says more");
    }
  }

  asio::awaitable<void> write(beast::tcp_stream& stream, Reply& reply, beast::error_code& error) {
    stream.expires_after(options.body_timeout);
    co_await http::async_write(stream, reply.message,
                               asio::redirect_error(asio::use_awaitable, error));
  }

  asio::awaitable<void> refuse(beast::tcp_stream& stream, int status, std::string_view message,
                               Clock::time_point started) {
    auto reply = make_refusal(status, message);
    beast::error_code error;
    co_await write(stream, reply, error);
    metrics.count_request(RouteClass::refused, status, Clock::now() - started);
  }

  // /_reload: an event after each reload, good or failed, until the client goes.
  asio::awaitable<void> event_stream(beast::tcp_stream& stream) {
    http::response<http::empty_body> head{http::status::ok, 11};
    add_security_headers(head);
    head.set(http::field::content_type, "text/event-stream; charset=utf-8");
    head.set(http::field::cache_control, "no-store");
    head.keep_alive(false);
    // Subscribed before the client can see the stream open: a reload right after
    // is sent, not missed.
    auto timer = std::make_shared<asio::steady_timer>(stream.get_executor());
    events.subscribe(timer);
    auto seen = events.generation();
    http::response_serializer<http::empty_body> serializer{head};
    beast::error_code error;
    stream.expires_after(options.body_timeout);
    co_await http::async_write_header(stream, serializer,
                                      asio::redirect_error(asio::use_awaitable, error));
    std::string message = "retry: 1000\n\n";
    while (!error && !stopping) {
      stream.expires_after(options.body_timeout);
      co_await asio::async_write(stream, asio::buffer(message),
                                 asio::redirect_error(asio::use_awaitable, error));
      if (error) break;
      if (auto event = events.since(seen)) {
        message = std::move(*event);
        continue;
      }
      timer->expires_after(options.event_ping);
      beast::error_code waited;
      co_await timer->async_wait(asio::redirect_error(asio::use_awaitable, waited));
      auto event = events.since(seen);
      message = event ? std::move(*event) : std::string(": ping\n\n");
    }
  }

  asio::awaitable<void> session(tcp::socket socket) {
    metrics.connection_opened();
    struct Closed {
      Metrics& metrics;
      ~Closed() { metrics.connection_closed(); }
    } closed{metrics};
    beast::error_code no_address;
    const auto remote = socket.remote_endpoint(no_address);
    const auto client = no_address ? std::string() : client_key(remote.address().to_string());
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    bool first = true;
    while (!stopping) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
      beast::error_code error;
      stream.expires_after(first ? options.header_timeout : options.idle_timeout);
      co_await http::async_read_header(stream, buffer, parser,
                                       asio::redirect_error(asio::use_awaitable, error));
      const auto started = Clock::now();
      if (error == http::error::header_limit) {
        co_await refuse(
            stream, 431,
            fmt::format("the request's headers are over {} bytes", options.header_limit), started);
        break;
      }
      if (error == http::error::end_of_stream || error == beast::error::timeout ||
          error == asio::error::connection_reset || error == asio::error::operation_aborted) {
        break;  // gone, idle or too slow: nothing to answer
      }
      if (error) {
        co_await refuse(stream, 400, "malformed HTTP request", started);
        break;
      }
      const auto target = std::string(parser.get().target());
      if (!acceptable_target(target)) {
        co_await refuse(stream, 400, "malformed request target", started);
        break;
      }
      const auto limit = body_limit_for(target);
      if (parser.content_length() && *parser.content_length() > limit) {
        co_await refuse(stream, 413, fmt::format("the body is over {} bytes", limit), started);
        break;
      }
      parser.body_limit(limit);
      if (!parser.is_done() && parser.get()[http::field::expect] == "100-continue") {
        // curl asks before sending a body over 1 KiB, and would wait a second.
        http::response<http::empty_body> go_on{http::status::continue_, 11};
        stream.expires_after(options.body_timeout);
        co_await http::async_write(stream, go_on, asio::redirect_error(asio::use_awaitable, error));
        if (error) break;
      }
      if (!parser.is_done()) {
        stream.expires_after(options.body_timeout);
        co_await http::async_read(stream, buffer, parser,
                                  asio::redirect_error(asio::use_awaitable, error));
        if (error == http::error::body_limit) {
          co_await refuse(stream, 413, fmt::format("the body is over {} bytes", limit), started);
          break;
        }
        if (error == beast::error::timeout || error == asio::error::connection_reset) break;
        if (error) {
          co_await refuse(stream, 400, "malformed HTTP request body", started);
          break;
        }
      }
      auto request = parser.release();
      if (target == "/_reload" && request.method() == http::verb::get) {
        metrics.count_request(RouteClass::reload, 200, Clock::now() - started);
        co_await event_stream(stream);
        break;
      }
      auto reply = make_reply(answer(request, client), request);
      if (stopping) reply.message.keep_alive(false);
      co_await write(stream, reply, error);
      metrics.count_request(route_class(target), static_cast<int>(reply.message.result_int()),
                            Clock::now() - started);
      if (error || !reply.message.keep_alive()) break;
      first = false;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  asio::awaitable<void> accept_loop() {
    while (!stopping) {
      beast::error_code error;
      auto& context = *contexts[next_context++ % contexts.size()];
      auto socket = co_await acceptor->async_accept(
          context, asio::redirect_error(asio::use_awaitable, error));
      if (error) {
        if (error == asio::error::operation_aborted) co_return;
        // Out of descriptors, most likely: wait for some connections to close.
        fmt::print(stderr, "negotiateup serve: accept failed: {}\n", error.message());
        asio::steady_timer pause(co_await asio::this_coro::executor, std::chrono::milliseconds(50));
        co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, error));
        continue;
      }
      const auto executor = socket.get_executor();
      if (metrics.connections() >= static_cast<std::int64_t>(options.max_connections)) {
        asio::co_spawn(executor, refuse_connection(std::move(socket)), asio::detached);
      } else {
        asio::co_spawn(executor, session(std::move(socket)), asio::detached);
      }
    }
  }

  asio::awaitable<void> refuse_connection(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    co_await refuse(stream, 503, "too many connections; try again shortly", Clock::now());
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  core::Result<void> reload() {
    const std::lock_guard serial(reload_mutex);
    auto loaded = load ? load()
                       : core::Result<std::shared_ptr<const web::Site>>(
                             std::unexpected(core::Error::internal("no site loader")));
    if (!loaded) {
      const auto text = loaded.error().to_string();
      fmt::print(stderr, "negotiateup serve: reload failed, still serving the last good site: {}\n",
                 text);
      metrics.count_reload(false);
      {
        const std::lock_guard lock(error_mutex);
        last_error = text;
      }
      events.publish(event_text("error", text));
      return std::unexpected(loaded.error());
    }
    site.store(std::move(*loaded));
    metrics.count_reload(true);
    {
      const std::lock_guard lock(error_mutex);
      last_error.clear();
    }
    events.publish(event_text("reload", "ok"));
    return {};
  }

  void watch(const std::stop_token& stop) {
    FolderWatch folders(options.watch);
    std::mutex mutex;
    std::condition_variable_any wake;
    std::unique_lock lock(mutex);
    while (!wake.wait_for(lock, stop, options.watch_interval, [] { return false; })) {
      if (stop.stop_requested()) return;
      if (folders.changed()) {
        if (reload()) fmt::print(stderr, "negotiateup serve: reloaded after a change\n");
      }
    }
  }
};

core::Result<void> parse_listen(std::string_view text, std::string_view option,
                                ServerOptions& options) {
  const auto colon = text.rfind(':');
  auto bad = [&] {
    return std::unexpected(core::Error::bad_input(
        std::string(option),
        fmt::format("'{}' is not HOST:PORT (expected e.g. 127.0.0.1:8080, [::1]:8080 or "
                    "localhost:0)",
                    text)));
  };
  if (colon == std::string_view::npos || colon == 0) return bad();
  auto host = text.substr(0, colon);
  if (host.starts_with('[') && host.ends_with(']')) host = host.substr(1, host.size() - 2);
  const auto digits = text.substr(colon + 1);
  if (host.empty() || digits.empty() || digits.size() > 5 ||
      !std::ranges::all_of(digits, [](char c) { return c >= '0' && c <= '9'; })) {
    return bad();
  }
  const auto port = std::stoul(std::string(digits));
  if (port > 65535) return bad();
  options.host = std::string(host);
  options.port = static_cast<std::uint16_t>(port);
  return {};
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

core::Result<std::unique_ptr<Server>> Server::start(ServerOptions options,
                                                    std::shared_ptr<const web::Site> site,
                                                    SiteLoader load) {
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  impl->load = std::move(load);
  for (const auto& [prefix, limit] : impl->options.rate_limits) {
    impl->limiters.emplace_back(prefix, std::make_unique<RateLimiter>(limit));
  }
  impl->site.store(std::move(site));
  const auto threads = impl->options.threads != 0
                           ? impl->options.threads
                           : std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 0; i < threads; ++i) {
    impl->contexts.push_back(std::make_unique<asio::io_context>(1));
  }
  auto& first = *impl->contexts.front();
  const auto& host = impl->options.host;
  const auto where = fmt::format("{}:{}", host, impl->options.port);
  tcp::endpoint endpoint;
  try {
    tcp::resolver resolver(first);
    endpoint = *resolver.resolve(host, std::to_string(impl->options.port)).begin();
  } catch (const boost::system::system_error& error) {
    return std::unexpected(core::Error::bad_input(
        where, fmt::format("cannot resolve '{}': {}", host, error.code().message())));
  }
  try {
    impl->acceptor.emplace(first);
    impl->acceptor->open(endpoint.protocol());
    impl->acceptor->set_option(asio::socket_base::reuse_address(true));
    impl->acceptor->bind(endpoint);
    impl->acceptor->listen(asio::socket_base::max_listen_connections);
  } catch (const boost::system::system_error& error) {
    return std::unexpected(
        core::Error::operational(where, fmt::format("cannot listen: {}", error.code().message()),
                                 "choose another --listen address or stop what uses it"));
  }
  asio::co_spawn(first, impl->accept_loop(), asio::detached);
  for (auto& context : impl->contexts) {
    // Kept running while it has no connection yet, until stop().
    impl->threads.emplace_back([raw = context.get()] {
      const auto work = asio::make_work_guard(*raw);
      raw->run();
    });
  }
  if (!impl->options.watch.empty()) {
    impl->watcher = std::jthread([raw = impl.get()](std::stop_token stop) { raw->watch(stop); });
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

std::uint16_t Server::port() const {
  return impl_->acceptor->local_endpoint().port();
}

std::string Server::address() const {
  const auto endpoint = impl_->acceptor->local_endpoint();
  const auto host = endpoint.address().to_string();
  return endpoint.address().is_v6() ? fmt::format("http://[{}]:{}", host, endpoint.port())
                                    : fmt::format("http://{}:{}", host, endpoint.port());
}

core::Result<void> Server::reload() {
  return impl_->reload();
}

std::shared_ptr<const web::Site> Server::site() const {
  return impl_->site.load();
}

}  // namespace negotiateup::server
