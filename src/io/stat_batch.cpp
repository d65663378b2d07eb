#include "io/stat_batch.hpp"

#include <fcntl.h>

namespace negotiateup::io {
namespace {

std::optional<struct stat> stat_one(int folder, const char* name) {
  struct stat info {};
  if (::fstatat(folder, name, &info, 0) != 0) return std::nullopt;
  return info;
}

}  // namespace

std::vector<std::optional<struct stat>> stat_entries(std::span<const FolderEntry> entries) {
  std::vector<std::optional<struct stat>> results;
  results.reserve(entries.size());
  for (const auto& entry : entries) results.push_back(stat_one(entry.folder, entry.name.c_str()));
  return results;
}

std::vector<std::optional<struct stat>> stat_paths(std::span<const std::filesystem::path> paths) {
  std::vector<std::optional<struct stat>> results;
  results.reserve(paths.size());
  for (const auto& path : paths) results.push_back(stat_one(AT_FDCWD, path.c_str()));
  return results;
}

}  // namespace negotiateup::io
