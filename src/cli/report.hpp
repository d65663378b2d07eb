#pragma once

// The one place where an error becomes what a user of the command line sees: a
// message on stderr and an exit status (../shared/spec/cli.md).

#include <expected>
#include <string_view>
#include <type_traits>
#include <utility>

#include "core/error.hpp"

namespace negotiateup::cli {

// Exit statuses (../shared/spec/cli.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitBadInput = 2;

int exit_status(core::ErrorKind kind);

// Prints "negotiateup: WHERE: MESSAGE" (a bug: "negotiateup: internal error: ...")
// on stderr and gives the exit status of the error's kind.
int report(const core::Error& error);

// "negotiateup: warning: ..." on stderr; the exit status does not change.
void warn(std::string_view message);

// The value, or the error thrown as a core::Exception, which main reports: a
// command reads as the steps it takes.
template <typename T, typename E>
T checked(std::expected<T, E>&& result) {
  if (!result) throw core::Exception(core::Error(std::move(result.error())));
  if constexpr (!std::is_void_v<T>) return std::move(*result);
}
template <typename T, typename E>
requires(!std::is_void_v<T>) const T& checked(const std::expected<T, E>& result) {
  if (!result) throw core::Exception(core::Error(result.error()));
  return *result;
}

// Bad input in an option's value: "--today: expected YYYY-MM-DD".
[[noreturn]] void bad_option(std::string_view option, std::string_view message);

}  // namespace negotiateup::cli
