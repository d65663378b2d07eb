#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace negotiateup::io {

// The whole content of a file, or nothing when it cannot be opened.
std::optional<std::string> read_file(const std::filesystem::path& path);

// The same for the file `name` of an open folder (io::Folder::fd()).
std::optional<std::string> read_file_at(int folder_fd, const std::string& name);

}  // namespace negotiateup::io
