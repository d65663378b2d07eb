#include "io/read_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace negotiateup::io {
namespace {

// One read into a string of the file's size: a catalog of 100,000 guides is read
// file by file, and a stream copied character by character cost a tenth of it.
// Takes the descriptor and closes it.
std::optional<std::string> read_all(int fd, std::size_t most) {
  if (fd < 0) return std::nullopt;
  struct stat info {};
  if (::fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
    ::close(fd);
    return std::nullopt;
  }
  std::string text;
  // The size is a hint: a file that grows meanwhile is read to its end.
  text.resize(std::min(static_cast<std::size_t>(info.st_size), most) + 1);
  std::size_t size = 0;
  while (size <= most) {
    if (size == text.size()) text.resize(std::min(text.size() * 2, most + 1));
    const auto n = ::read(fd, text.data() + size, text.size() - size);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    size += static_cast<std::size_t>(n);
  }
  ::close(fd);
  text.resize(size);
  return text;
}

}  // namespace

std::optional<std::string> read_file(const std::filesystem::path& path, std::size_t most) {
  return read_all(::open(path.c_str(), O_RDONLY | O_CLOEXEC), most);
}

std::optional<std::string> read_file_at(int folder_fd, const std::string& name) {
  return read_all(::openat(folder_fd, name.c_str(), O_RDONLY | O_CLOEXEC), std::string::npos - 1);
}

}  // namespace negotiateup::io
