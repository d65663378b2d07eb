#pragma once

#include <expected>
#include <filesystem>
#include <string>

#include "core/error.hpp"

namespace negotiateup::io {

// A folder that is filled in full beside its target and then renamed to it, so
// that nobody ever sees it half-written. Its files need no temporary names of
// their own: a first build of a site writes tens of thousands of files, and
// skipping one rename per file is a good part of the kernel's time.
class StagedFolder {
 public:
  StagedFolder(const StagedFolder&) = delete;
  StagedFolder& operator=(const StagedFolder&) = delete;
  StagedFolder(StagedFolder&& other) noexcept;
  StagedFolder& operator=(StagedFolder&&) = delete;
  // Removes the folder unless it was published: a failed build leaves nothing.
  ~StagedFolder();

  // Creates an empty staging folder beside `target`, which must not exist, and
  // removes the temporaries that killed runs left beside it.
  static core::Result<StagedFolder> create(const std::filesystem::path& target);

  const std::filesystem::path& path() const { return path_; }

  // Renames the staging folder to the target; fails, and keeps the staging
  // folder for the destructor, when the target has appeared since.
  core::Result<void> publish();

 private:
  StagedFolder(std::filesystem::path path, std::filesystem::path target)
      : path_(std::move(path)), target_(std::move(target)) {}

  std::filesystem::path path_;
  std::filesystem::path target_;
  bool published_ = false;
};

}  // namespace negotiateup::io
