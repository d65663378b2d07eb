#include "cli/report.hpp"

#include <fmt/format.h>

#include <cstdio>

#include "core/text.hpp"

namespace negotiateup::cli {

int exit_status(core::ErrorKind kind) {
  switch (kind) {
    case core::ErrorKind::bad_input:
      return kExitBadInput;
    case core::ErrorKind::operational:
    case core::ErrorKind::internal:
      return kExitFailed;
  }
  return kExitFailed;
}

int report(const core::Error& error) {
  // Where is often a file name from the input: its control characters are shown
  // escaped, never sent to the terminal. The message quotes input the same way
  // where it is made.
  auto shown = error;
  shown.where = core::printable(error.where);
  if (error.kind == core::ErrorKind::internal) {
    fmt::print(stderr, "negotiateup: internal error: {}\n", shown.to_string());
  } else {
    fmt::print(stderr, "negotiateup: {}\n", shown.to_string());
  }
  return exit_status(error.kind);
}

void warn(std::string_view message) {
  fmt::print(stderr, "negotiateup: warning: {}\n", message);
}

void bad_option(std::string_view option, std::string_view message) {
  throw core::Exception(core::Error::bad_input(std::string(option), std::string(message)));
}

}  // namespace negotiateup::cli
