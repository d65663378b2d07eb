#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace negotiateup::io {

// The whole content of a file, or nothing when it cannot be opened.
std::optional<std::string> read_file(const std::filesystem::path& path);

}  // namespace negotiateup::io
