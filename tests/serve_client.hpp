#pragma once

// A client for the server tests: one HTTP request on its own loopback
// connection (Boost.Beast), and `negotiateup serve` started as a child process.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "test_support.hpp"

namespace negotiateup::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

inline tcp::socket connect(std::uint16_t port) {
  static asio::io_context io;
  tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), port});
  return socket;
}

using Answer = http::response<http::string_body>;

// One request on its own connection.
inline Answer fetch(std::uint16_t port, std::string_view target, http::fields extra = {},
                    http::verb method = http::verb::get, std::string body = {}) {
  auto socket = connect(port);
  http::request<http::string_body> request{method, target, 11};
  request.set(http::field::host, "127.0.0.1");
  for (const auto& field : extra) request.set(field.name_string(), field.value());
  request.body() = std::move(body);
  request.prepare_payload();
  http::write(socket, request);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.skip(method == http::verb::head);
  http::read(socket, buffer, parser);
  return parser.release();
}

// `negotiateup serve --listen 127.0.0.1:0 --jobs 2 EXTRA...` started as a child:
// its pid and the port its first line names.
inline std::pair<pid_t, std::uint16_t> start_serve(std::vector<std::string> extra = {}) {
  int out[2];
  if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
  const pid_t child = ::fork();
  if (child == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    std::vector<std::string> args{NEGOTIATEUP_BINARY, "serve",  "--listen",
                                  "127.0.0.1:0",      "--jobs", "2"};
    args.insert(args.end(), extra.begin(), extra.end());
    // Submissions go to a store of the test's own, never to the current folder.
    if (std::find(extra.begin(), extra.end(), "--db") == extra.end()) {
      args.push_back("--db");
      args.push_back((fresh_folder("serve-" + std::to_string(::getpid())) / "store.db").string());
    }
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(NEGOTIATEUP_BINARY, argv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  std::string line;
  char c;
  while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
  ::close(out[0]);
  const auto at = line.find("http://127.0.0.1:");
  EXPECT_TRUE(line.starts_with("serving ")) << line;
  if (at == std::string::npos) return {child, 0};
  return {child, static_cast<std::uint16_t>(std::stoi(line.substr(at + 17)))};
}

inline int stop_serve(pid_t child) {
  ::kill(child, SIGTERM);
  int status = 0;
  ::waitpid(child, &status, 0);
  return status;
}

}  // namespace negotiateup::test
