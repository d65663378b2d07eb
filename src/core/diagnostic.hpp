#pragma once

#include <cstddef>
#include <string>

namespace negotiateup::core {

// What is wrong with an input, and where: "FILE:LINE: message". Line 0 means the
// problem concerns the whole file.
struct Diagnostic {
  std::string file;
  std::size_t line = 0;
  std::string message;

  std::string to_string() const {
    if (line == 0) return file + ": " + message;
    return file + ":" + std::to_string(line) + ": " + message;
  }
};

}  // namespace negotiateup::core
