#pragma once

#include <sys/stat.h>

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace negotiateup::io {

// A file named relative to an open folder.
struct FolderEntry {
  int folder = -1;
  std::string name;
};

// What fstatat(entry.folder, entry.name, &info, 0) gives for each entry (a
// symbolic link is followed), in order; nothing for one that cannot be stat'ed
// (missing, a dangling link, no permission).
std::vector<std::optional<struct stat>> stat_entries(std::span<const FolderEntry> entries);

// The same for paths (relative to the working folder, or absolute).
std::vector<std::optional<struct stat>> stat_paths(std::span<const std::filesystem::path> paths);

}  // namespace negotiateup::io
