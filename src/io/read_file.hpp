#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace negotiateup::io {

// The whole content of a file, or nothing when it cannot be opened. Reading stops
// after `most` + 1 bytes: a text longer than `most` is too long, whatever its end.
std::optional<std::string> read_file(const std::filesystem::path& path,
                                     std::size_t most = std::string::npos - 1);

// The same for the file `name` of an open folder (io::Folder::fd()).
std::optional<std::string> read_file_at(int folder_fd, const std::string& name);

}  // namespace negotiateup::io
