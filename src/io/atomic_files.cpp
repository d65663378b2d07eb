#include "io/atomic_files.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <utility>

#include "io/read_file.hpp"

namespace negotiateup::io {
namespace {

namespace fs = std::filesystem;

// POSIX I/O because the file must reach the disk (fsync) before it is renamed.
core::Result<void> write_file(const Folder& folder, const std::string& name,
                              std::string_view content, int flags, Durability durability) {
  const auto path = [&] { return folder.path() / name; };
  const int fd = ::openat(folder.fd(), name.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | flags, 0644);
  if (fd < 0) return std::unexpected(describe_errno("cannot create", path()));
  std::size_t written = 0;
  while (written < content.size()) {
    const auto n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const auto error = describe_errno("cannot write", path());
      ::close(fd);
      return std::unexpected(error);
    }
    written += static_cast<std::size_t>(n);
  }
  if (durability == Durability::flushed && ::fsync(fd) != 0) {
    const auto error = describe_errno("cannot flush", path());
    ::close(fd);
    return std::unexpected(error);
  }
  if (::close(fd) != 0) return std::unexpected(describe_errno("cannot close", path()));
  return {};
}

// A pipe or a device is written into as it is: opened without waiting, so that a
// pipe nobody reads is an error rather than a hang.
core::Result<void> write_into(const fs::path& path, std::string_view content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENXIO) {
      return std::unexpected(core::Error::operational(
          path.string(), "cannot write into the pipe: nothing reads from it",
          "start the program that reads it first"));
    }
    return std::unexpected(describe_errno("cannot open", path));
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  std::size_t written = 0;
  while (written < content.size()) {
    const auto n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const auto error = describe_errno("cannot write into", path);
      ::close(fd);
      return std::unexpected(error);
    }
    written += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return {};
}

enum class TargetKind { file, stream };

// What `target` (under the open `root`) is, and whether it may be written.
core::Result<TargetKind> target_kind(const Folder& root, const std::string& target) {
  struct stat info {};
  if (::fstatat(root.fd(), target.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
    return TargetKind::file;  // missing: made; unreachable: the write says why
  }
  const bool link = S_ISLNK(info.st_mode);
  if (link && ::fstatat(root.fd(), target.c_str(), &info, 0) != 0) {
    return std::unexpected(core::Error::bad_input(
        (root.path() / target).string(),
        "is a symbolic link to nothing; expected a file to write, or no file at all"));
  }
  if (S_ISFIFO(info.st_mode) || S_ISCHR(info.st_mode)) return TargetKind::stream;
  if (S_ISREG(info.st_mode) && !link) return TargetKind::file;
  const char* what = S_ISDIR(info.st_mode)   ? "a folder"
                     : S_ISREG(info.st_mode) ? "a symbolic link to a file"
                                             : "neither a file, a pipe nor a device";
  return std::unexpected(core::Error::bad_input(
      (root.path() / target).string(),
      fmt::format("is {}; expected a regular file to replace, a pipe or a device to write into "
                  "(name the file a link points to)",
                  what)));
}

// Whether the root's file `target` holds exactly `content`; its size is looked at
// first, as a changed file most often has another size.
bool holds(const Folder& root, const std::string& target, std::string_view content) {
  struct stat info {};
  if (::fstatat(root.fd(), target.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0 ||
      !S_ISREG(info.st_mode) || static_cast<std::size_t>(info.st_size) != content.size()) {
    return false;
  }
  return read_file_at(root.fd(), target) == content;
}

std::string run_folder_name() {
  static std::atomic<unsigned> counter{0};
  return std::string(kTemporaryPrefix) + std::to_string(::getpid()) + "." +
         std::to_string(counter++);
}

}  // namespace

void remove_abandoned_temporaries(const fs::path& folder) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder.empty() ? "." : folder, error)) {
    const auto name = entry.path().filename().string();
    if (!name.starts_with(kTemporaryPrefix)) continue;
    const std::string_view rest = std::string_view(name).substr(kTemporaryPrefix.size());
    pid_t pid = 0;
    const auto [end, parsed] = std::from_chars(rest.data(), rest.data() + rest.size(), pid);
    if (parsed != std::errc() || pid <= 0 || end == rest.data() + rest.size() ||
        (*end != '-' && *end != '.')) {
      continue;
    }
    std::error_code ignored;
    if (::kill(pid, 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), ignored);
  }
}

PendingFiles::PendingFiles(PendingFiles&& other) noexcept
    : root_(std::move(other.root_)),
      run_(std::move(other.run_)),
      durability_(other.durability_),
      files_(std::exchange(other.files_, {})),
      parents_made_(std::exchange(other.parents_made_, {})),
      next_name_(other.next_name_) {}

PendingFiles::~PendingFiles() {
  if (run_.fd() < 0) return;  // moved from, or committed
  std::error_code ignored;
  fs::remove_all(run_.path(), ignored);
}

core::Result<PendingFiles> PendingFiles::begin(const fs::path& root, Durability durability) {
  auto root_folder = Folder::open(root);
  if (!root_folder) return std::unexpected(root_folder.error());
  remove_abandoned_temporaries(root);
  const auto run_path = root / run_folder_name();
  std::error_code ignored;
  fs::remove_all(run_path, ignored);  // a dead run's, under a process id used again
  auto run = Folder::open(run_path);
  if (!run) return std::unexpected(run.error());
  return PendingFiles(std::move(*root_folder), std::move(*run), durability);
}

core::Result<void> PendingFiles::make_parent(const fs::path& target) {
  const auto parent = target.parent_path().string();
  if (parent.empty()) return {};
  {
    const std::lock_guard lock(mutex_);
    if (parents_made_.contains(parent)) return {};
  }
  std::error_code error;
  fs::create_directories(root() / parent, error);
  if (error) {
    return std::unexpected(describe_error_code("cannot create the folder", root() / parent, error));
  }
  const std::lock_guard lock(mutex_);
  parents_made_.insert(parent);
  return {};
}

core::Result<std::string> PendingFiles::target_of(const fs::path& path) const {
  auto target = path.lexically_normal().string();
  if (path.is_absolute() || target.empty() || target.starts_with("..")) {
    return std::unexpected(core::Error::internal(
        fmt::format("{}: a file to write must be under {}", path.string(), root().string())));
  }
  return target;
}

core::Result<void> PendingFiles::add(const fs::path& path, std::string_view content) {
  auto target = target_of(path);
  if (!target) return std::unexpected(target.error());
  return add_target(std::move(*target), content);
}

core::Result<bool> PendingFiles::add_if_changed(const fs::path& path, std::string_view content) {
  auto target = target_of(path);
  if (!target) return std::unexpected(target.error());
  if (holds(root_, *target, content)) return false;
  if (auto added = add_target(std::move(*target), content); !added) {
    return std::unexpected(added.error());
  }
  return true;
}

core::Result<void> PendingFiles::add_target(std::string target, std::string_view content) {
  const auto kind = target_kind(root_, target);
  if (!kind) return std::unexpected(kind.error());
  if (*kind == TargetKind::stream) {
    const std::lock_guard lock(mutex_);
    files_.push_back({{}, std::move(target), std::string(content), true});
    return {};
  }
  if (auto made = make_parent(target); !made) return made;
  std::string temporary;
  {
    const std::lock_guard lock(mutex_);
    temporary = std::to_string(next_name_++);
  }
  if (auto written = write_file(run_, temporary, content, O_EXCL, durability_); !written) {
    ::unlinkat(run_.fd(), temporary.c_str(), 0);
    return written;
  }
  const std::lock_guard lock(mutex_);
  files_.push_back({std::move(temporary), std::move(target), {}, false});
  return {};
}

std::size_t PendingFiles::size() const {
  const std::lock_guard lock(mutex_);
  return files_.size();
}

core::Result<void> PendingFiles::commit() {
  const std::lock_guard lock(mutex_);
  std::set<std::string> parents;
  for (const auto& file : files_) {
    if (file.is_stream) {
      if (auto written = write_into(root() / file.target, file.stream); !written) return written;
      continue;
    }
    if (::renameat(run_.fd(), file.temporary.c_str(), root_.fd(), file.target.c_str()) != 0) {
      return std::unexpected(describe_errno("cannot rename into", root() / file.target));
    }
    if (durability_ == Durability::flushed) {
      parents.insert(fs::path(file.target).parent_path().string());
    }
  }
  // The renames themselves reach the disk only when their folders are flushed.
  for (const auto& parent : parents) {
    const auto folder = Folder::open(root() / parent);
    if (folder) ::fsync(folder->fd());
  }
  files_.clear();
  const auto run_name = run_.path().filename().string();
  run_ = Folder();
  ::unlinkat(root_.fd(), run_name.c_str(), AT_REMOVEDIR);
  return {};
}

core::Result<std::size_t> write_files_atomically(const fs::path& root,
                                                 std::span<const FileContent> files,
                                                 Durability durability, bool only_changed) {
  auto pending = PendingFiles::begin(root, durability);
  if (!pending) return std::unexpected(pending.error());
  std::size_t written = 0;
  for (const auto& file : files) {
    const auto relative = file.path.lexically_relative(root.empty() ? "." : root);
    if (!only_changed) {
      if (auto added = pending->add(relative, file.content); !added) {
        return std::unexpected(added.error());
      }
      ++written;
    } else if (auto added = pending->add_if_changed(relative, file.content); !added) {
      return std::unexpected(added.error());
    } else if (*added) {
      ++written;
    }
  }
  if (auto committed = pending->commit(); !committed) return std::unexpected(committed.error());
  return written;
}

core::Result<void> write_file_atomically(const fs::path& path, std::string_view content,
                                         Durability durability) {
  auto pending = PendingFiles::begin(path.parent_path(), durability);
  if (!pending) return std::unexpected(pending.error());
  if (auto added = pending->add(path.filename(), content); !added) return added;
  return pending->commit();
}

core::Result<void> write_new_files(const Folder& folder, std::span<const NamedContent> files) {
  for (const auto& file : files) {
    if (auto written = write_file(folder, file.name, file.content, O_EXCL, Durability::unflushed);
        !written) {
      return written;
    }
  }
  return {};
}

}  // namespace negotiateup::io
