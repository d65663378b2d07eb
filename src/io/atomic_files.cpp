#include "io/atomic_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace negotiateup::io {
namespace {

std::string describe_errno(const std::string& what, const std::filesystem::path& path) {
  return what + " " + path.string() + ": " + std::strerror(errno);
}

std::filesystem::path temporary_name(const std::filesystem::path& target) {
  static std::atomic<unsigned> counter{0};
  return target.parent_path() / (std::string(kTemporaryPrefix) + std::to_string(::getpid()) + "-" +
                                 std::to_string(counter++) + "-" + target.filename().string());
}

// POSIX I/O because the file must reach the disk (fsync) before it is renamed.
std::expected<void, std::string> write_file(const std::filesystem::path& path,
                                            const std::string& content, Durability durability) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return std::unexpected(describe_errno("cannot create", path));
  std::size_t written = 0;
  while (written < content.size()) {
    const auto n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const auto error = describe_errno("cannot write", path);
      ::close(fd);
      return std::unexpected(error);
    }
    written += static_cast<std::size_t>(n);
  }
  if (durability == Durability::flushed && ::fsync(fd) != 0) {
    const auto error = describe_errno("cannot flush", path);
    ::close(fd);
    return std::unexpected(error);
  }
  if (::close(fd) != 0) return std::unexpected(describe_errno("cannot close", path));
  return {};
}

}  // namespace

std::expected<void, std::string> write_files_atomically(const std::vector<FileContent>& files,
                                                        Durability durability) {
  std::vector<std::filesystem::path> temporaries;
  const auto discard = [&] {
    std::error_code ignored;
    for (const auto& temporary : temporaries) std::filesystem::remove(temporary, ignored);
  };
  for (const auto& file : files) {
    std::error_code error;
    if (!file.path.parent_path().empty() &&
        !std::filesystem::is_directory(file.path.parent_path())) {
      std::filesystem::create_directories(file.path.parent_path(), error);
      if (error) {
        discard();
        return std::unexpected("cannot create folder " + file.path.parent_path().string() + ": " +
                               error.message());
      }
    }
    temporaries.push_back(temporary_name(file.path));
    if (auto written = write_file(temporaries.back(), file.content, durability); !written) {
      discard();
      return written;
    }
  }
  std::vector<std::filesystem::path> folders;
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::error_code error;
    std::filesystem::rename(temporaries[i], files[i].path, error);
    if (error) {
      discard();
      return std::unexpected("cannot rename into " + files[i].path.string() + ": " +
                             error.message());
    }
    folders.push_back(files[i].path.parent_path());
  }
  if (durability == Durability::unflushed) return {};
  // The renames themselves reach the disk only when their folders are flushed.
  std::sort(folders.begin(), folders.end());
  folders.erase(std::unique(folders.begin(), folders.end()), folders.end());
  for (const auto& folder : folders) {
    const int fd =
        ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
      ::fsync(fd);
      ::close(fd);
    }
  }
  return {};
}

}  // namespace negotiateup::io
