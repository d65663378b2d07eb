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

std::expected<void, std::string> write_files_atomically(
    const std::vector<FileContent>& files, Durability durability = Durability::flushed);

// The same, leaving alone each file whose target already holds that content (and
// so its time stamps, which a deploy by modification time relies on). Returns how
// many files were written.
std::expected<std::size_t, std::string> write_changed_files_atomically(
    const std::vector<FileContent>& files, Durability durability = Durability::flushed);

// The same for files of one open folder.
std::expected<std::size_t, std::string> write_changed_files_atomically(
    const Folder& folder, std::span<const NamedContent> files, Durability durability);

// Writes files straight to their names, for a folder that no reader sees until
// it is complete (a StagedFolder): no temporary names, no renames. A file that is
// already there is an error.
std::expected<void, std::string> write_new_files(const Folder& folder,
                                                 std::span<const NamedContent> files);

// Temporary files of this program start with this prefix; they can be removed.
inline constexpr std::string_view kTemporaryPrefix = ".negotiateup-tmp-";

}  // namespace negotiateup::io
