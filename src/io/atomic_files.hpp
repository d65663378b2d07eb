#pragma once

#include <expected>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "io/folder.hpp"

namespace negotiateup::io {

struct FileContent {
  std::filesystem::path path;
  std::string content;
};

// Writes every file so that no reader ever sees a half-written one: each is first
// written in full (and flushed to disk) under a temporary name beside its target,
// and only when all are written are they renamed into place, one after the other,
// and their folders flushed. A failure or a kill while writing (the long part)
// leaves every target as it was; the renames that follow take microseconds, and a
// failure there leaves the files renamed so far in their new state. Folders are
// created as needed. Returns the error text on failure.
// `Durability::flushed` also waits until the files and the renames are on disk
// (fsync): right for a catalog, too slow for a site of 100,000 pages, where a power
// cut may cost a rebuild but a crash still leaves no half-written file.
enum class Durability { flushed, unflushed };

core::Result<void> write_files_atomically(const std::vector<FileContent>& files,
                                          Durability durability = Durability::flushed);

// The same, leaving alone each file whose target already holds that content (and
// so its time stamps, which a deploy by modification time relies on). Returns how
// many files were written.
core::Result<std::size_t> write_changed_files_atomically(
    const std::vector<FileContent>& files, Durability durability = Durability::flushed);

// The same for files of one open folder.
core::Result<std::size_t> write_changed_files_atomically(const Folder& folder,
                                                         std::span<const NamedContent> files,
                                                         Durability durability);

// Writes files straight to their names, for a folder that no reader sees until
// it is complete (a StagedFolder): no temporary names, no renames. A file that is
// already there is an error.
core::Result<void> write_new_files(const Folder& folder, std::span<const NamedContent> files);

// Files of one folder written now under temporary names, and renamed to their
// own names by commit(): for files written while other work goes on, which must
// appear only if that work succeeds (the catalog cache while a site is built).
// Those not committed are removed when it is dropped.
class PendingFiles {
 public:
  PendingFiles(const PendingFiles&) = delete;
  PendingFiles& operator=(const PendingFiles&) = delete;
  PendingFiles(PendingFiles&& other) noexcept;
  PendingFiles& operator=(PendingFiles&&) = delete;
  ~PendingFiles();

  // `folder` must outlive the result. Returns the error text on failure, and
  // then leaves no temporary file behind.
  static core::Result<PendingFiles> write(const Folder& folder, std::span<const NamedContent> files,
                                          Durability durability);
  // Renames them all into place, one after the other.
  core::Result<void> commit();

  struct File {
    const Folder* folder;
    std::string temporary;
    std::string name;
  };

 private:
  explicit PendingFiles(Durability durability) : durability_(durability) {}

  Durability durability_;
  std::vector<File> files_;
};

// Temporary files of this program start with this prefix; they can be removed.
inline constexpr std::string_view kTemporaryPrefix = ".negotiateup-tmp-";

}  // namespace negotiateup::io
