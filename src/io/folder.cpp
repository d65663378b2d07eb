#include "io/folder.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

namespace negotiateup::io {

std::string describe_errno(std::string_view what, const std::filesystem::path& path) {
  return std::string(what) + " " + path.string() + ": " + std::strerror(errno);
}

Folder::Folder(Folder&& other) noexcept
    : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)) {}

Folder& Folder::operator=(Folder&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

Folder::~Folder() {
  if (fd_ >= 0) ::close(fd_);
}

std::expected<Folder, std::string> Folder::open(const std::filesystem::path& path) {
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

}  // namespace negotiateup::io
