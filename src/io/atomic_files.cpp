#include "io/atomic_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

namespace negotiateup::io {
namespace {

std::string describe_errno(const std::string& what, const std::filesystem::path& path) {
  return what + " " + path.string() + ": " + std::strerror(errno);
}

std::string temporary_name(const std::filesystem::path& target) {
  static std::atomic<unsigned> counter{0};
  return std::string(kTemporaryPrefix) + std::to_string(::getpid()) + "-" +
         std::to_string(counter++) + "-" + target.filename().string();
}

// One open folder per run of files in it: names are resolved from the folder, not
// walked from the root three times per file (open, rename's two names).
class Folder {
 public:
  Folder() = default;
  Folder(const Folder&) = delete;
  Folder& operator=(const Folder&) = delete;
  Folder(Folder&& other) noexcept
      : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)) {}
  ~Folder() {
    if (fd_ >= 0) ::close(fd_);
  }

  static std::expected<Folder, std::string> open(const std::filesystem::path& path) {
    Folder folder;
    folder.path_ = path;
    const char* name = path.empty() ? "." : path.c_str();
    folder.fd_ = ::open(name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder.fd_ < 0 && errno == ENOENT) {
      std::error_code error;
      std::filesystem::create_directories(path, error);
      if (error) {
        return std::unexpected("cannot create folder " + path.string() + ": " + error.message());
      }
      folder.fd_ = ::open(name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    }
    if (folder.fd_ < 0) return std::unexpected(describe_errno("cannot open folder", path));
    return folder;
  }

  const std::filesystem::path& path() const { return path_; }
  int fd() const { return fd_; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

// POSIX I/O because the file must reach the disk (fsync) before it is renamed.
std::expected<void, std::string> write_file(const Folder& folder, const std::string& name,
                                            const std::string& content, Durability durability) {
  const auto path = [&] { return folder.path() / name; };
  const int fd =
      ::openat(folder.fd(), name.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
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

}  // namespace

std::expected<void, std::string> write_files_atomically(const std::vector<FileContent>& files,
                                                        Durability durability) {
  std::vector<Folder> folders;
  std::vector<std::size_t> folder_of(files.size());
  std::vector<std::string> temporaries;
  const auto discard = [&] {
    for (std::size_t i = 0; i < temporaries.size(); ++i) {
      ::unlinkat(folders[folder_of[i]].fd(), temporaries[i].c_str(), 0);
    }
  };
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto parent = files[i].path.parent_path();
    if (folders.empty() || folders.back().path() != parent) {
      auto folder = Folder::open(parent);
      if (!folder) {
        discard();
        return std::unexpected(folder.error());
      }
      folders.push_back(std::move(*folder));
    }
    folder_of[i] = folders.size() - 1;
    temporaries.push_back(temporary_name(files[i].path));
    if (auto written = write_file(folders.back(), temporaries.back(), files[i].content, durability);
        !written) {
      discard();
      return written;
    }
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    const int fd = folders[folder_of[i]].fd();
    const auto name = files[i].path.filename().string();
    if (::renameat(fd, temporaries[i].c_str(), fd, name.c_str()) != 0) {
      const auto error = describe_errno("cannot rename into", files[i].path);
      for (std::size_t j = i; j < files.size(); ++j) {
        ::unlinkat(folders[folder_of[j]].fd(), temporaries[j].c_str(), 0);
      }
      return std::unexpected(error);
    }
  }
  // The renames themselves reach the disk only when their folders are flushed.
  if (durability == Durability::flushed) {
    for (const auto& folder : folders) ::fsync(folder.fd());
  }
  return {};
}

}  // namespace negotiateup::io
