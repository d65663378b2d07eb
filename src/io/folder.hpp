#pragma once

#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace negotiateup::io {

// An open folder: names are resolved from it (openat, renameat) instead of being
// walked from the root for every file, which matters at three files per guide.
class Folder {
 public:
  Folder() = default;
  Folder(const Folder&) = delete;
  Folder& operator=(const Folder&) = delete;
  Folder(Folder&& other) noexcept;
  Folder& operator=(Folder&& other) noexcept;
  ~Folder();

  // Opens the folder, creating it and its parents when missing. Returns the error
  // error on failure.
  static core::Result<Folder> open(const std::filesystem::path& path);

  const std::filesystem::path& path() const { return path_; }
  int fd() const { return fd_; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

// One file of a folder: its name in the folder, and what it holds.
struct NamedContent {
  std::string name;
  std::string content;
};

// An operational error from errno: at PATH, "WHAT: the system's reason", and
// what to do where the reason tells (a full disk, a folder not writable).
core::Error describe_errno(std::string_view what, const std::filesystem::path& path);
core::Error describe_error_code(std::string_view what, const std::filesystem::path& path,
                                std::error_code error);

}  // namespace negotiateup::io
