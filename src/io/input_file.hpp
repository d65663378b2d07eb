#pragma once

#include <expected>
#include <filesystem>
#include <string_view>

#include "core/diagnostic.hpp"

namespace negotiateup::io {

// What a file given as an input may be. A device (/dev/zero), a folder or a socket
// is never read: it has no end or is not one document.
enum class InputKind {
  regular,          // a file whose size is known before it is read (a guide)
  regular_or_pipe,  // or a FIFO or standard input's pipe, read to its end (data, an offer)
};

// The one check of an input file before it is opened: that it exists (a loop of
// symbolic links is named as one) and is of the kind given. `expected` ends the
// message: "not a regular file; expected a guide".
std::expected<void, core::Diagnostic> check_input_file(const std::filesystem::path& path,
                                                       InputKind kind, std::string_view expected);

}  // namespace negotiateup::io
