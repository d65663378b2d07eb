#pragma once

#include <expected>
#include <filesystem>
#include <mutex>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "io/folder.hpp"

namespace negotiateup::io {

struct FileContent {
  std::filesystem::path path;
  std::string content;
};

// Whether written files wait until they are on disk (fsync) before they are
// renamed into place: right for a catalog, too slow for a site of 100,000 pages,
// where a power cut may cost a rebuild but a crash still leaves no torn file.
enum class Durability { flushed, unflushed };

// The files of one run under a root folder (a site, a catalog): each is written
// in full under a temporary name, in a folder of the run's own inside the root,
// and commit() renames them all into place, the run's last and shortest step
// (docs/architecture.md, "Writes"). A failure or a kill before the commit leaves
// every target as it was. Dropped without a commit, it removes what it wrote;
// what a killed run left is removed by the next run that writes under that root.
//
// A target that is a pipe or a device (also through a symbolic link, as
// /dev/null or /dev/stdout) is written into at commit, never replaced; any other
// target that is not a regular file (a folder, a symbolic link to a file) is
// refused.
class PendingFiles {
 public:
  PendingFiles(const PendingFiles&) = delete;
  PendingFiles& operator=(const PendingFiles&) = delete;
  PendingFiles(PendingFiles&& other) noexcept;
  PendingFiles& operator=(PendingFiles&&) = delete;
  ~PendingFiles();

  // Opens `root`, creating it when missing, removes the temporary folders that
  // killed runs left in it, and makes this run's own.
  static core::Result<PendingFiles> begin(const std::filesystem::path& root, Durability durability);

  // Writes `content` now, to be renamed to `path` (relative to the root) at
  // commit; its folder is created if missing. Safe to call from several threads.
  core::Result<void> add(const std::filesystem::path& path, std::string_view content);
  // The same, unless the target already holds `content` (its time stamps are
  // then kept, which a deploy by modification time relies on). Says whether it
  // was added.
  core::Result<bool> add_if_changed(const std::filesystem::path& path, std::string_view content);

  std::size_t size() const;
  const std::filesystem::path& root() const { return root_.path(); }

  // Renames the files into place in the order they were added, and removes the
  // run's temporary folder. A failure here leaves the files renamed so far in
  // their new state.
  core::Result<void> commit();

 private:
  struct Pending {
    std::string temporary;  // in the run's folder
    std::string target;     // relative to the root
    std::string stream;     // for a pipe or a device: what is written into it
    bool is_stream = false;
  };

  PendingFiles(Folder root, Folder run, Durability durability)
      : root_(std::move(root)), run_(std::move(run)), durability_(durability) {}
  // `path` normalized, or an error when it leads out of the root.
  core::Result<std::string> target_of(const std::filesystem::path& path) const;
  core::Result<void> add_target(std::string target, std::string_view content);
  core::Result<void> make_parent(const std::filesystem::path& target);

  Folder root_;
  Folder run_;  // the run's temporary folder, in root_
  Durability durability_;
  mutable std::mutex mutex_;
  std::vector<Pending> files_;
  std::set<std::string> parents_made_;
  std::size_t next_name_ = 0;
};

// Writes every file through one PendingFiles under `root`: all or none of them
// are changed, up to the renames of the commit. With `only_changed`, a file whose
// target holds its content already is left alone. Paths are under `root`, as
// `root / relative` spells them. Returns how many files were written.
core::Result<std::size_t> write_files_atomically(const std::filesystem::path& root,
                                                 std::span<const FileContent> files,
                                                 Durability durability = Durability::flushed,
                                                 bool only_changed = false);

// One file, its temporary beside it.
core::Result<void> write_file_atomically(const std::filesystem::path& path,
                                         std::string_view content,
                                         Durability durability = Durability::flushed);

// Writes files straight to their names, for a folder that no reader sees until
// it is complete (a StagedFolder): no temporary names, no renames. A file that is
// already there is an error.
core::Result<void> write_new_files(const Folder& folder, std::span<const NamedContent> files);

// Temporary files and folders of this program start with this prefix, then the
// process id: `.negotiateup-tmp-PID-...`.
inline constexpr std::string_view kTemporaryPrefix = ".negotiateup-tmp-";

// Removes from `folder` the temporaries whose process has ended, and nothing
// else: a live run's are kept.
void remove_abandoned_temporaries(const std::filesystem::path& folder);

}  // namespace negotiateup::io
