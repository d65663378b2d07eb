#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>

#include "core/diagnostic.hpp"

namespace negotiateup::guide {

// A guide is a few kilobytes; anything past this is not a guide and is refused
// before it is read, so a stray 100 MB file costs nothing.
inline constexpr std::uintmax_t kMaxGuideBytes = 4 * 1024 * 1024;

// Reads a guide file: it must exist, be at most kMaxGuideBytes, be non-empty and
// valid UTF-8 (the diagnostic gives the line of the first bad byte). A UTF-8 byte
// order mark is dropped.
std::expected<std::string, core::Diagnostic> read_guide_file(const std::filesystem::path& path);

// The same checks on text already in memory (an HTTP body, a test string).
std::expected<std::string, core::Diagnostic> check_guide_text(std::string text,
                                                              const std::string& name);

}  // namespace negotiateup::guide
