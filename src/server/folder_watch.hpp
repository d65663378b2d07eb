#pragma once

// Whether anything under some folders changed, by polling: a fingerprint of every
// file's path, size and modification time. No new dependency, and it sees edits
// made by any editor, through any mount.

#include <cstdint>
#include <filesystem>
#include <vector>

namespace negotiateup::server {

// Changes under the folders since the last call to changed() (or construction).
class FolderWatch {
 public:
  explicit FolderWatch(std::vector<std::filesystem::path> folders);
  bool changed();

 private:
  std::uint64_t fingerprint() const;

  std::vector<std::filesystem::path> folders_;
  std::uint64_t last_;
};

}  // namespace negotiateup::server
