// The server over real sockets on loopback: headers, variants, limits, timeouts,
// the connection cap, metrics and reloads under load.
#include "server/server.hpp"

#include <brotli/decode.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <zlib.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "serve_client.hpp"
#include "server/reply.hpp"
#include "store/store.hpp"
#include "test_support.hpp"
#include "web/submission_inbox.hpp"

namespace {

using namespace negotiateup;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;
using test::Answer;
using test::connect;
using test::fetch;
using test::start_serve;
using test::stop_serve;

web::SiteOptions demo_options() {
  return {test::repository() / "catalog", test::repository() / "templates", core::Jobs{2}};
}

std::shared_ptr<const web::Site> demo_site() {
  static const auto site = [] {
    auto loaded = web::Site::load(demo_options());
    if (!loaded) throw core::Exception(loaded.error());
    return *loaded;
  }();
  return site;
}

server::ServerOptions test_options() {
  server::ServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.header_limit = 8 * 1024;
  options.body_limit = 1024;
  options.header_timeout = 300ms;
  options.body_timeout = 300ms;
  options.idle_timeout = 300ms;
  options.event_ping = 200ms;
  return options;
}

std::unique_ptr<server::Server> start(
    server::ServerOptions options = test_options(),
    server::SiteLoader load = [] { return web::Site::load(demo_options()); }) {
  auto started = server::Server::start(std::move(options), demo_site(), std::move(load));
  if (!started) throw core::Exception(started.error());
  return std::move(*started);
}

// Sends raw bytes and reads everything until the server closes.
std::string exchange(std::uint16_t port, std::string_view bytes) {
  auto socket = connect(port);
  asio::write(socket, asio::buffer(bytes));
  std::string received;
  beast::error_code error;
  char chunk[4096];
  while (!error) {
    const auto got = socket.read_some(asio::buffer(chunk), error);
    received.append(chunk, got);
  }
  return received;
}

std::string gunzip(const std::string& compressed) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
  std::string out(1 << 22, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

std::string unbrotli(const std::string& compressed) {
  std::string out(1 << 22, '\0');
  std::size_t size = out.size();
  EXPECT_EQ(BrotliDecoderDecompress(compressed.size(),
                                    reinterpret_cast<const std::uint8_t*>(compressed.data()), &size,
                                    reinterpret_cast<std::uint8_t*>(out.data())),
            BROTLI_DECODER_RESULT_SUCCESS);
  out.resize(size);
  return out;
}

void expect_security_headers(const Answer& answer) {
  EXPECT_EQ(answer["Content-Security-Policy"],
            "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            "form-action 'self'");
  EXPECT_EQ(answer["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(answer["Referrer-Policy"], "strict-origin-when-cross-origin");
  EXPECT_EQ(answer[http::field::server], "negotiateup");
}

std::string page_text(std::size_t size) {
  std::string text;
  while (text.size() < size) text += "<p>Base, bonus and equity, per year, in euros.</p>\n";
  return text;
}

TEST(ServerReply, CompressesLargeBodiesOnceAndKeepsOnlyTheVariants) {
  const auto text = page_text(20'000);
  const auto large = web::make_body(text);
  EXPECT_FALSE(large->gzip.empty());
  EXPECT_FALSE(large->brotli.empty());
  EXPECT_TRUE(large->identity.empty());  // inflated from gzip when asked for
  EXPECT_EQ(large->size, text.size());
  EXPECT_LT(large->brotli.size(), text.size());
  EXPECT_EQ(gunzip(large->gzip), text);
  EXPECT_EQ(unbrotli(large->brotli), text);
  EXPECT_EQ(large->text(), text);
  EXPECT_EQ(large->etag, web::make_body(text)->etag);
  const auto small = web::make_body("<p>hi</p>");
  EXPECT_TRUE(small->gzip.empty());
  EXPECT_TRUE(small->brotli.empty());
  EXPECT_EQ(small->identity, "<p>hi</p>");
  EXPECT_EQ(small->text(), "<p>hi</p>");
  EXPECT_FALSE(small->etag.empty());
}

TEST(ServerReply, AClientWithoutCodingsGetsThePageInflated) {
  web::Response response;
  response.content_type = "text/html; charset=utf-8";
  response.body = web::make_body(page_text(5'000));
  for (const auto method : {http::verb::get, http::verb::head}) {
    http::request<http::string_body> request{method, "/", 11};
    const auto reply = server::make_reply(response, request);
    EXPECT_EQ(reply.message[http::field::content_encoding], "");
    EXPECT_EQ(reply.message[http::field::content_length], std::to_string(page_text(5'000).size()));
    EXPECT_EQ(reply.message[http::field::etag], response.body->etag);
    const std::string_view sent(reply.message.body().data(), reply.message.body().size());
    EXPECT_EQ(sent, method == http::verb::get ? page_text(5'000) : std::string());
  }
}

TEST(ServerReply, ChoosesTheEncodingTheClientAccepts) {
  const auto body = web::make_body(page_text(2'000));
  EXPECT_EQ(server::choose_encoding("gzip, deflate, br", *body), "br");
  EXPECT_EQ(server::choose_encoding("gzip", *body), "gzip");
  EXPECT_EQ(server::choose_encoding("br;q=0, gzip;q=0.5", *body), "gzip");
  EXPECT_EQ(server::choose_encoding("br;q=0, gzip;q=0", *body), "");
  EXPECT_EQ(server::choose_encoding("*;q=0.1", *body), "br");
  EXPECT_EQ(server::choose_encoding("*, br;q=0", *body), "gzip");
  EXPECT_EQ(server::choose_encoding("identity", *body), "");
  EXPECT_EQ(server::choose_encoding("", *body), "");
  EXPECT_EQ(server::choose_encoding("br", *web::make_dynamic_body(page_text(2'000))), "");
}

TEST(ServerReply, MatchesEtagListsAndWeakTags) {
  EXPECT_TRUE(server::etag_matches("\"a\"", "\"a\""));
  EXPECT_TRUE(server::etag_matches("\"x\", W/\"a\"", "\"a\""));
  EXPECT_TRUE(server::etag_matches("*", "\"a\""));
  EXPECT_FALSE(server::etag_matches("\"b\", \"c\"", "\"a\""));
  EXPECT_FALSE(server::etag_matches("", "\"a\""));
}

TEST(ServerReply, HeadKeepsTheLengthAndDropsTheBody) {
  http::request<http::string_body> head{http::verb::head, "/", 11};
  head.set(http::field::accept_encoding, "gzip");
  web::Response response;
  response.content_type = "text/html; charset=utf-8";
  response.body = web::make_body(page_text(5'000));
  const auto reply = server::make_reply(response, head);
  EXPECT_EQ(reply.message[http::field::content_encoding], "gzip");
  EXPECT_EQ(reply.message[http::field::content_length], std::to_string(response.body->gzip.size()));
  EXPECT_EQ(reply.message.body().size(), 0u);
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = start().release(); }
  static void TearDownTestSuite() { delete server_; }
  static std::uint16_t port() { return server_->port(); }
  static server::Server* server_;
};
server::Server* ServerTest::server_ = nullptr;

TEST_F(ServerTest, HomeHasEverySecurityHeaderAndACharset) {
  const auto answer = fetch(port(), "/");
  EXPECT_EQ(answer.result_int(), 200u);
  expect_security_headers(answer);
  EXPECT_EQ(answer[http::field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ(answer[http::field::vary], "Accept-Encoding");
  EXPECT_FALSE(answer[http::field::etag].empty());
  EXPECT_NE(answer.body().find("54 guides"), std::string::npos) << answer.body();
}

TEST_F(ServerTest, AMatchingEtagGets304WithoutABody) {
  const auto first = fetch(port(), "/");
  const std::string etag(first[http::field::etag]);
  http::fields conditional;
  conditional.set(http::field::if_none_match, "\"other\", W/" + etag);
  const auto again = fetch(port(), "/", conditional);
  EXPECT_EQ(again.result_int(), 304u);
  EXPECT_TRUE(again.body().empty());
  EXPECT_EQ(again[http::field::etag], etag);
  expect_security_headers(again);
  conditional.set(http::field::if_none_match, "\"other\"");
  EXPECT_EQ(fetch(port(), "/", conditional).result_int(), 200u);
}

TEST_F(ServerTest, HeadHasTheHeadersAndNoBody) {
  const auto get = fetch(port(), "/");
  // Raw, so that a body sent by mistake would be seen after the headers.
  const auto raw = exchange(port(), "HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(raw.starts_with("HTTP/1.1 200 OK\r\n")) << raw;
  EXPECT_NE(raw.find("Content-Length: " + std::to_string(get.body().size()) + "\r\n"),
            std::string::npos)
      << raw;
  EXPECT_TRUE(raw.ends_with("\r\n\r\n")) << raw;
}

TEST_F(ServerTest, AcceptEncodingGivesTheVariantThatDecompressesToThePage) {
  for (const std::string path : {"/", "/guides/hugging-face/senior-software-engineer"}) {
    const auto site_body = demo_site()->handle({"GET", path, {}, {}}).body;
    const auto identity = fetch(port(), path);
    EXPECT_EQ(identity.body(), site_body->text()) << path;
    for (const std::string coding : {"gzip", "br"}) {
      http::fields accept;
      accept.set(http::field::accept_encoding, coding);
      const auto answer = fetch(port(), path, accept);
      const bool exists = !(coding == "br" ? site_body->brotli : site_body->gzip).empty();
      if (exists) {
        EXPECT_EQ(answer[http::field::content_encoding], coding);
        EXPECT_EQ(coding == "br" ? unbrotli(answer.body()) : gunzip(answer.body()),
                  identity.body());
      } else {  // the demo's home is small: identity, said as such
        EXPECT_EQ(answer[http::field::content_encoding], "");
        EXPECT_EQ(answer.body(), identity.body());
      }
    }
  }
}

TEST_F(ServerTest, HeadersOverTheLimitGet431) {
  http::fields big;
  big.set("X-Filler", std::string(9 * 1024, 'a'));
  const auto answer = fetch(port(), "/", big);
  EXPECT_EQ(answer.result_int(), 431u);
  EXPECT_EQ(answer[http::field::content_type], "application/json; charset=utf-8");
  EXPECT_NE(answer.body().find("headers are over 8192 bytes"), std::string::npos) << answer.body();
  expect_security_headers(answer);
}

TEST_F(ServerTest, ABodyOverTheLimitGets413) {
  const auto answer = fetch(port(), "/api/v1/offer", {}, http::verb::post, std::string(2048, 'x'));
  EXPECT_EQ(answer.result_int(), 413u);
  // Chunked, so that the limit is found while reading.
  const auto chunked = exchange(port(),
                                "POST /api/v1/offer HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
                                "chunked\r\n\r\n800\r\n" +
                                    std::string(2048, 'x') + "\r\n0\r\n\r\n");
  EXPECT_TRUE(chunked.starts_with("HTTP/1.1 413 ")) << chunked.substr(0, 200);
}

TEST_F(ServerTest, ABodyAnnouncedWithExpectIsAskedFor) {
  auto socket = connect(port());
  asio::write(socket, asio::buffer(std::string_view(
                          "POST /api/v1/offer HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                          "Expect: 100-continue\r\nConnection: close\r\n\r\n")));
  char chunk[256];
  const auto got = socket.read_some(asio::buffer(chunk));
  EXPECT_EQ(std::string_view(chunk, got), "HTTP/1.1 100 Continue\r\n\r\n");
  asio::write(socket, asio::buffer(std::string_view("{}")));
  beast::flat_buffer buffer;
  Answer answer;
  http::read(socket, buffer, answer);
  EXPECT_NE(answer.result_int(), 100u);
  EXPECT_EQ(answer[http::field::content_type], "application/json; charset=utf-8");
}

TEST_F(ServerTest, AMalformedRequestLineGets400) {
  const auto answer = exchange(port(), "GARBAGE\r\n\r\n");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 400 ")) << answer;
  EXPECT_NE(answer.find("\"error\""), std::string::npos);
  EXPECT_NE(answer.find("X-Content-Type-Options: nosniff"), std::string::npos);
}

TEST_F(ServerTest, ASlowClientIsCutAfterTheHeaderTimeout) {
  auto socket = connect(port());
  asio::write(socket, asio::buffer(std::string_view("GET / HTTP/1.1\r\nHost: x\r\n")));
  const auto sent = std::chrono::steady_clock::now();
  char byte;
  beast::error_code error;
  socket.read_some(asio::buffer(&byte, 1), error);  // blocks until the server closes
  EXPECT_EQ(error, asio::error::eof);
  EXPECT_LT(std::chrono::steady_clock::now() - sent, 3s);
}

TEST_F(ServerTest, PathTraversalNeverReachesAFile) {
  for (const auto* target : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                             "/assets/..%2f..%2fetc%2fpasswd", "/%2E%2E%5C%2E%2E%5Cetc%5Cpasswd"}) {
    const auto answer = exchange(
        port(), fmt::format("GET {} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", target));
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 404 ")) << target << "\n" << answer.substr(0, 100);
    EXPECT_EQ(answer.find("root:"), std::string::npos) << target;
  }
  for (const auto* target : {"/etc/passwd%00.html", "/%00", "/a%0d%0aSet-Cookie:x"}) {
    const auto answer = exchange(port(), fmt::format("GET {} HTTP/1.1\r\nHost: x\r\n\r\n", target));
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 400 ")) << target << "\n" << answer.substr(0, 100);
  }
}

TEST_F(ServerTest, HealthzAndMetricsAreTheServersOwn) {
  const auto health = fetch(port(), "/healthz");
  EXPECT_EQ(health.result_int(), 200u);
  EXPECT_EQ(health.body(), "ok\n");
  expect_security_headers(health);
  // A request is counted once its answer is written: the client may ask first.
  const std::string counted = "negotiateup_requests_total{route=\"health\",status=\"200\"}";
  std::string metrics;
  for (int i = 0; i < 100 && metrics.find(counted) == std::string::npos; ++i) {
    if (i > 0) std::this_thread::sleep_for(10ms);
    metrics = fetch(port(), "/metrics").body();
  }
  EXPECT_NE(metrics.find(counted), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("# TYPE negotiateup_request_seconds histogram"), std::string::npos);
  EXPECT_NE(metrics.find("negotiateup_request_seconds_bucket{le=\"+Inf\"}"), std::string::npos);
  EXPECT_NE(metrics.find("negotiateup_reloads_total "), std::string::npos);
  EXPECT_NE(metrics.find("negotiateup_reload_failures_total "), std::string::npos);
  // This one at least; earlier ones may not have finished closing.
  EXPECT_NE(metrics.find("negotiateup_connections "), std::string::npos) << metrics;
  EXPECT_EQ(metrics.find("negotiateup_connections 0\n"), std::string::npos) << metrics;
}

TEST(RateLimit, ABurstPassesThenOneRequestPerRefill) {
  server::RateLimiter limiter({.burst = 3, .refill = 2'000ms, .max_clients = 10});
  const auto start = server::RateLimiter::Clock::time_point{} + 1h;
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.admit("10.0.0.1", start)) << i;
  EXPECT_EQ(limiter.admit("10.0.0.1", start), 2s);          // the next token in 2 s
  EXPECT_EQ(limiter.admit("10.0.0.1", start + 500ms), 2s);  // 1.5 s, said in whole seconds
  EXPECT_FALSE(limiter.admit("10.0.0.2", start));           // another client has its own bucket
  EXPECT_FALSE(limiter.admit("10.0.0.1", start + 2'000ms));
  EXPECT_TRUE(limiter.admit("10.0.0.1", start + 2'100ms));
  // Idle for a minute: the bucket is full again, and holds no more than the burst.
  EXPECT_FALSE(limiter.admit("10.0.0.1", start + 60s));
  EXPECT_FALSE(limiter.admit("10.0.0.1", start + 60s));
  EXPECT_FALSE(limiter.admit("10.0.0.1", start + 60s));
  EXPECT_TRUE(limiter.admit("10.0.0.1", start + 60s));
}

TEST(RateLimit, TrackedClientsAreBounded) {
  server::RateLimiter limiter({.burst = 1, .refill = 1'000ms, .max_clients = 2});
  const auto now = server::RateLimiter::Clock::time_point{} + 1h;
  EXPECT_FALSE(limiter.admit("a", now));
  EXPECT_FALSE(limiter.admit("b", now));
  EXPECT_FALSE(limiter.admit("c", now));  // both busy: let through, not tracked
  EXPECT_EQ(limiter.tracked(), 2u);
  EXPECT_TRUE(limiter.admit("a", now));        // still limited
  EXPECT_FALSE(limiter.admit("c", now + 1s));  // a and b are idle again: forgotten
  EXPECT_EQ(limiter.tracked(), 1u);
}

TEST(RateLimit, AnIpv6ClientIsItsSlash64) {
  EXPECT_EQ(server::client_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(server::client_key("2001:db8:1:2::1"), server::client_key("2001:db8:1:2:ffff::9"));
  EXPECT_NE(server::client_key("2001:db8:1:2::1"), server::client_key("2001:db8:1:3::1"));
  EXPECT_EQ(server::client_key("::ffff:192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(server::client_key("192.0.2.7"), "192.0.2.7");
}

TEST(ServerLimits, AClientOverTheRateGets429WithRetryAfter) {
  auto options = test_options();
  options.rate_limits = {{"/api/v1/offers/evaluate", {.burst = 2, .refill = 60'000ms}}};
  const auto server = start(options);
  http::fields json;
  json.set(http::field::content_type, "application/json");
  const std::string offer = R"({"company": "hugging-face", "role": "senior-software-engineer",
    "region": "Paris", "offer": {"currency": "EUR", "base": 100000}})";
  for (int i = 0; i < 2; ++i) {
    const auto answer =
        fetch(server->port(), "/api/v1/offers/evaluate?paths=100", json, http::verb::post, offer);
    EXPECT_EQ(answer.result_int(), 200u) << answer.body();
  }
  const auto limited =
      fetch(server->port(), "/api/v1/offers/evaluate?paths=100", json, http::verb::post, offer);
  EXPECT_EQ(limited.result_int(), 429u);
  const auto retry = std::stoi(std::string(limited[http::field::retry_after]));
  EXPECT_GE(retry, 59);
  EXPECT_LE(retry, 60);
  EXPECT_NE(limited.body().find("too many requests"), std::string::npos) << limited.body();
  expect_security_headers(limited);
  // Other routes are not limited.
  EXPECT_EQ(fetch(server->port(), "/").result_int(), 200u);
}

// 1,000 submissions from 16 clients at once, each on its own connections: every
// one answered 201 is stored exactly once, none is lost, and past the burst the
// rate limit answers 429 and stores nothing.
TEST(ServerSubmissions, ConcurrentClientsLoseNothingAndTheLimitHolds) {
  constexpr int kClients = 16;
  constexpr int kSubmissions = 1'000;
  for (const std::size_t burst : {std::size_t{kSubmissions}, std::size_t{100}}) {
    const auto folder = test::fresh_folder("server-submissions");
    const auto db = (folder / "store.db").string();
    auto store = store::open_store(db);
    ASSERT_TRUE(store.has_value()) << store.error();
    auto site_options = demo_options();
    site_options.submissions = std::make_shared<web::SubmissionInbox>(std::move(*store));
    auto site = web::Site::load(site_options);
    ASSERT_TRUE(site.has_value()) << site.error();
    auto options = test_options();
    options.rate_limits = {{"/api/v1/submissions", {.burst = burst, .refill = 3'600'000ms}}};
    auto started =
        server::Server::start(options, *site, [&] { return web::Site::load(site_options); });
    ASSERT_TRUE(started.has_value()) << started.error();
    const auto port = (*started)->port();
    std::atomic<int> next = 0;
    std::mutex mutex;
    std::map<unsigned, int> statuses;
    std::set<std::int64_t> accepted;  // bases answered 201
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
      clients.emplace_back([&] {
        http::fields json;
        json.set(http::field::content_type, "application/json");
        for (int i = next++; i < kSubmissions; i = next++) {
          const auto base = 60'000 + i;
          const auto body = fmt::format(
              R"({{"kind": "current", "company": "Stripe", "role": "Software Engineer",
                  "location": "London", "date": "2026-06", "currency": "GBP", "base": {}}})",
              base);
          const auto answer = fetch(port, "/api/v1/submissions", json, http::verb::post, body);
          const std::lock_guard lock(mutex);
          ++statuses[answer.result_int()];
          if (answer.result_int() == 201) accepted.insert(base);
        }
      });
    }
    for (auto& client : clients) client.join();
    started->reset();
    EXPECT_EQ(statuses[201], static_cast<int>(burst));
    EXPECT_EQ(statuses[429], kSubmissions - static_cast<int>(burst));
    EXPECT_EQ(statuses[201] + statuses[429], kSubmissions);
    std::multiset<std::int64_t> stored;
    for (const auto& submission : (*store::open_store(db))->submissions(std::nullopt))
      stored.insert(submission.point.base);
    EXPECT_EQ(stored.size(), accepted.size());  // none twice
    EXPECT_TRUE(std::equal(stored.begin(), stored.end(), accepted.begin(), accepted.end()));
    std::filesystem::remove_all(folder);
  }
}

TEST(ServerLimits, ConnectionsOverTheCapAreRefusedWith503) {
  auto options = test_options();
  options.max_connections = 2;
  options.header_timeout = 5s;
  const auto server = start(options);
  auto first = connect(server->port());
  auto second = connect(server->port());
  std::this_thread::sleep_for(100ms);  // both accepted and counted
  const auto refused = exchange(server->port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(refused.starts_with("HTTP/1.1 503 ")) << refused;
  first.close();
  second.close();
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(fetch(server->port(), "/healthz").result_int(), 200u);
}

TEST(ServerReload, NoRequestFailsWhileTheSiteIsSwapped) {
  const auto server = start();
  std::atomic<bool> done{false};
  std::atomic<int> answered{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < 4; ++i) {
    clients.emplace_back([&] {
      try {
        auto socket = connect(server->port());
        beast::flat_buffer buffer;
        while (!done) {
          http::request<http::empty_body> request{http::verb::get, "/", 11};
          request.set(http::field::host, "x");
          http::write(socket, request);
          Answer answer;
          http::read(socket, buffer, answer);
          (answer.result_int() == 200 ? answered : failed)++;
        }
      } catch (const std::exception&) {
        failed++;
      }
    });
  }
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(server->reload());
  std::this_thread::sleep_for(100ms);
  done = true;
  for (auto& client : clients) client.join();
  EXPECT_EQ(failed, 0);
  EXPECT_GT(answered, 4);
  EXPECT_NE(fetch(server->port(), "/metrics").body().find("negotiateup_reloads_total 3\n"),
            std::string::npos);
}

TEST(ServerReload, AFailedReloadKeepsTheOldSiteAndShowsTheError) {
  const auto server = start(test_options(), []() -> core::Result<std::shared_ptr<const web::Site>> {
    return std::unexpected(core::Error::bad_input("catalog/acme.yaml:3", "expected a number"));
  });
  const auto before = server->site();
  auto events = connect(server->port());
  asio::write(events, asio::buffer(std::string_view("GET /_reload HTTP/1.1\r\nHost: x\r\n\r\n")));
  beast::flat_buffer buffer;
  http::response_parser<http::empty_body> head;
  http::read_header(events, buffer, head);
  EXPECT_EQ(head.get()[http::field::content_type], "text/event-stream; charset=utf-8");
  EXPECT_FALSE(server->reload());
  EXPECT_EQ(server->site(), before);
  EXPECT_EQ(fetch(server->port(), "/").result_int(), 200u);
  EXPECT_EQ(fetch(server->port(), "/_reload/error").body(),
            "catalog/acme.yaml:3: expected a number");
  std::string stream(static_cast<const char*>(buffer.data().data()), buffer.size());
  char chunk[1024];
  while (stream.find("event: error\n") == std::string::npos) {
    const auto got = events.read_some(asio::buffer(chunk));
    stream.append(chunk, got);
  }
  EXPECT_NE(stream.find("data: catalog/acme.yaml:3: expected a number\n"), std::string::npos)
      << stream;
}

TEST(ServerReload, WatchReloadsWhenAFileUnderTheFoldersChanges) {
  const auto folder = test::fresh_folder("server-watch");
  test::write_file(folder / "catalog" / "acme.yaml", "company: Acme\n");
  std::atomic<int> loads{0};
  auto options = test_options();
  options.watch = {folder};
  options.watch_interval = 20ms;
  const auto server = start(options, [&]() -> core::Result<std::shared_ptr<const web::Site>> {
    ++loads;
    return demo_site();
  });
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(loads, 0);  // nothing changed yet
  test::write_file(folder / "catalog" / "acme.yaml", "company: Acme Corp\n");
  for (int i = 0; i < 200 && loads == 0; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_GE(loads, 1);  // two if a poll saw the file half-written
  std::filesystem::remove_all(folder);
}

// The command line: the real address printed for port 0, SIGHUP reloads, SIGTERM
// stops with status 0.
TEST(ServeCommand, ReloadsOnSighupAndStopsOnSigterm) {
  const auto [child, port] = start_serve();
  ASSERT_NE(port, 0);
  ::kill(child, SIGHUP);
  std::string metrics;
  for (int i = 0; i < 100 && metrics.find("negotiateup_reloads_total 1\n") == std::string::npos;
       ++i) {
    std::this_thread::sleep_for(50ms);
    metrics = fetch(port, "/metrics").body();
  }
  EXPECT_NE(metrics.find("negotiateup_reloads_total 1\n"), std::string::npos) << metrics;
  const auto status = stop_serve(child);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

TEST(ServeCommand, LimitsEvaluationsPerClientUnlessToldNot) {
  http::fields json;
  json.set(http::field::content_type, "application/json");
  const std::string offer = R"({"company": "hugging-face", "role": "senior-software-engineer",
    "region": "Paris", "offer": {"currency": "EUR", "base": 100000}})";
  // The first status other than 200 in 12 evaluations, 200 when there is none.
  const auto first_refusal = [&](std::uint16_t port) {
    for (int i = 0; i < 12; ++i) {
      const auto answer =
          fetch(port, "/api/v1/offers/evaluate?paths=100", json, http::verb::post, offer);
      if (answer.result_int() != 200) return std::pair{i, answer.result_int()};
    }
    return std::pair{12, 200u};
  };
  const auto [limited, limited_port] = start_serve();
  EXPECT_EQ(first_refusal(limited_port), std::pair(10, 429u));  // a burst of 10
  stop_serve(limited);
  const auto [unlimited, unlimited_port] = start_serve({"--no-rate-limit"});
  EXPECT_EQ(first_refusal(unlimited_port), std::pair(12, 200u));
  stop_serve(unlimited);
}

}  // namespace
