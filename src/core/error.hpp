#pragma once

// The one error model of negotiateup. Every failure that ends an operation is a
// core::Error of one of three kinds, and the kind alone decides what a user sees:
// the command line turns it into a message and an exit status in one place
// (cli/report.cpp), the web server into an HTTP status.
//
//   kind          meaning                                  exit   HTTP
//   bad_input     an input is wrong: a guide, a CSV row,      2    400
//                 a catalog file, an option's value
//   operational   the machine or a service failed: disk      1    503
//                 full, database locked or unreachable
//   internal      a bug in negotiateup                       1    500
//
// Functions at a module boundary return std::expected<T, Error> (or
// std::expected<T, Diagnostic> where the only failure is bad input, which converts
// to an Error implicitly). Deep code that cannot thread an expected through its
// callers (a store's statements, a reader's helpers) throws core::Exception, which
// carries the same Error; anything else thrown is a bug.

#include <exception>
#include <expected>
#include <string>
#include <utility>

#include "core/diagnostic.hpp"

namespace negotiateup::core {

enum class ErrorKind { bad_input, operational, internal };

struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string where;    // "FILE:LINE", "FILE", "--db", a store: empty when nowhere
  std::string message;  // what was found and what was expected
  std::string remedy;   // what to do about an operational failure; may be empty

  Error() = default;
  Error(ErrorKind error_kind, std::string error_where, std::string error_message,
        std::string error_remedy = {})
      : kind(error_kind),
        where(std::move(error_where)),
        message(std::move(error_message)),
        remedy(std::move(error_remedy)) {}
  // Bad input, where a Diagnostic points.
  Error(const Diagnostic& diagnostic)  // NOLINT(google-explicit-constructor): by design
      : kind(ErrorKind::bad_input),
        where(diagnostic.line == 0 ? diagnostic.file
                                   : diagnostic.file + ":" + std::to_string(diagnostic.line)),
        message(diagnostic.message) {}

  static Error bad_input(std::string where, std::string message) {
    return {ErrorKind::bad_input, std::move(where), std::move(message)};
  }
  static Error operational(std::string where, std::string message, std::string remedy = {}) {
    return {ErrorKind::operational, std::move(where), std::move(message), std::move(remedy)};
  }
  static Error internal(std::string message) {
    return {ErrorKind::internal, {}, std::move(message)};
  }

  // "where: message (remedy)"; the kind is the reader's to say.
  std::string to_string() const {
    std::string text = where.empty() ? message : where + ": " + message;
    if (!remedy.empty()) text += "; " + remedy;
    return text;
  }
};

template <typename T>
using Result = std::expected<T, Error>;

// An Error thrown from code too deep to return one. Caught where the operation
// started: never across a module boundary without being documented there.
class Exception : public std::exception {
 public:
  explicit Exception(Error error) : error_(std::move(error)), text_(error_.to_string()) {}
  const Error& error() const { return error_; }
  const char* what() const noexcept override { return text_.c_str(); }

 private:
  Error error_;
  std::string text_;
};

}  // namespace negotiateup::core
