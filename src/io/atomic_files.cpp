#include "io/atomic_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <utility>

#include "io/read_file.hpp"

namespace negotiateup::io {
namespace {

std::string temporary_name(std::string_view name) {
  static const auto pid = std::to_string(::getpid());
  static std::atomic<unsigned> counter{0};
  return std::string(kTemporaryPrefix) + pid + "-" + std::to_string(counter++) + "-" +
         std::string(name);
}

// POSIX I/O because the file must reach the disk (fsync) before it is renamed.
core::Result<void> write_file(const Folder& folder, const std::string& name,
                              const std::string& content, int flags, Durability durability) {
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

// A file written under its temporary name, to be renamed to its own.
using Pending = PendingFiles::File;

void discard(const std::vector<Pending>& pending, std::size_t from = 0) {
  for (std::size_t i = from; i < pending.size(); ++i) {
    ::unlinkat(pending[i].folder->fd(), pending[i].temporary.c_str(), 0);
  }
}

core::Result<void> write_pending(const Folder& folder, const std::string& name,
                                 const std::string& content, Durability durability,
                                 std::vector<Pending>& pending) {
  pending.push_back({&folder, temporary_name(name), name});
  auto written = write_file(folder, pending.back().temporary, content, O_TRUNC, durability);
  if (!written) discard(pending);
  return written;
}

// The renames, once every file is written.
core::Result<void> rename_all(const std::vector<Pending>& pending, Durability durability) {
  for (std::size_t i = 0; i < pending.size(); ++i) {
    const int fd = pending[i].folder->fd();
    if (::renameat(fd, pending[i].temporary.c_str(), fd, pending[i].name.c_str()) != 0) {
      const auto error =
          describe_errno("cannot rename into", pending[i].folder->path() / pending[i].name);
      discard(pending, i);
      return std::unexpected(error);
    }
  }
  // The renames themselves reach the disk only when their folders are flushed.
  if (durability == Durability::flushed) {
    const Folder* flushed = nullptr;
    for (const auto& file : pending) {
      if (file.folder != flushed) ::fsync(file.folder->fd());
      flushed = file.folder;
    }
  }
  return {};
}

// Whether the folder's file `name` holds exactly `content`; its size is looked at
// first, as a changed file most often has another size.
bool holds(const Folder& folder, const std::string& name, const std::string& content) {
  struct stat info {};
  if (::fstatat(folder.fd(), name.c_str(), &info, 0) != 0 || !S_ISREG(info.st_mode) ||
      static_cast<std::size_t>(info.st_size) != content.size()) {
    return false;
  }
  return read_file_at(folder.fd(), name) == content;
}

// Files of any folders, each folder opened once per run of its files; with
// `only_changed`, a file whose target holds its content already is left alone.
core::Result<std::size_t> write_through_folders(const std::vector<FileContent>& files,
                                                Durability durability, bool only_changed) {
  std::vector<Folder> folders;
  folders.reserve(files.size());  // Pending points into it
  std::vector<Pending> pending;
  for (const auto& file : files) {
    const auto parent = file.path.parent_path();
    if (folders.empty() || folders.back().path() != parent) {
      auto folder = Folder::open(parent);
      if (!folder) {
        discard(pending);
        return std::unexpected(folder.error());
      }
      folders.push_back(std::move(*folder));
    }
    const auto name = file.path.filename().string();
    if (only_changed && holds(folders.back(), name, file.content)) continue;
    if (auto written = write_pending(folders.back(), name, file.content, durability, pending);
        !written) {
      return std::unexpected(written.error());
    }
  }
  if (auto renamed = rename_all(pending, durability); !renamed) {
    return std::unexpected(renamed.error());
  }
  return pending.size();
}

}  // namespace

core::Result<void> write_files_atomically(const std::vector<FileContent>& files,
                                          Durability durability) {
  if (auto written = write_through_folders(files, durability, false); !written) {
    return std::unexpected(written.error());
  }
  return {};
}

core::Result<std::size_t> write_changed_files_atomically(const std::vector<FileContent>& files,
                                                         Durability durability) {
  return write_through_folders(files, durability, true);
}

core::Result<std::size_t> write_changed_files_atomically(const Folder& folder,
                                                         std::span<const NamedContent> files,
                                                         Durability durability) {
  std::vector<Pending> pending;
  for (const auto& file : files) {
    if (holds(folder, file.name, file.content)) continue;
    if (auto written = write_pending(folder, file.name, file.content, durability, pending);
        !written) {
      return std::unexpected(written.error());
    }
  }
  if (auto renamed = rename_all(pending, durability); !renamed) {
    return std::unexpected(renamed.error());
  }
  return pending.size();
}

PendingFiles::PendingFiles(PendingFiles&& other) noexcept
    : durability_(other.durability_), files_(std::exchange(other.files_, {})) {}

PendingFiles::~PendingFiles() {
  discard(files_);
}

core::Result<PendingFiles> PendingFiles::write(const Folder& folder,
                                               std::span<const NamedContent> files,
                                               Durability durability) {
  PendingFiles pending(durability);
  for (const auto& file : files) {
    if (auto written = write_pending(folder, file.name, file.content, durability, pending.files_);
        !written) {
      pending.files_.clear();  // write_pending removed them
      return std::unexpected(written.error());
    }
  }
  return pending;
}

core::Result<void> PendingFiles::commit() {
  auto renamed = rename_all(files_, durability_);
  files_.clear();  // renamed, or removed by rename_all
  return renamed;
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
