#include "io/folder.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

namespace negotiateup::io {

namespace {

std::string_view remedy_for(int error) {
  switch (error) {
    case ENOSPC:
    case EDQUOT:
      return "free space on that disk, or write elsewhere, then run the command again";
    case EACCES:
    case EPERM:
    case EROFS:
      return "check that the folder is writable by this user, or write elsewhere";
    case EMFILE:
    case ENFILE:
      return "raise the limit of open files (ulimit -n) and run the command again";
    default:
      return {};
  }
}

}  // namespace

core::Error describe_error_code(std::string_view what, const std::filesystem::path& path,
                                std::error_code error) {
  return core::Error::operational(path.string(), std::string(what) + ": " + error.message(),
                                  std::string(remedy_for(error.value())));
}

core::Error describe_errno(std::string_view what, const std::filesystem::path& path) {
  return describe_error_code(what, path, std::error_code(errno, std::generic_category()));
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

core::Result<Folder> Folder::open(const std::filesystem::path& path) {
  Folder folder;
  folder.path_ = path;
  const char* name = path.empty() ? "." : path.c_str();
  folder.fd_ = ::open(name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (folder.fd_ < 0 && errno == ENOENT) {
    std::error_code error;
    std::filesystem::create_directories(path, error);
    if (error) {
      return std::unexpected(describe_error_code("cannot create the folder", path, error));
    }
    folder.fd_ = ::open(name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  }
  if (folder.fd_ < 0) return std::unexpected(describe_errno("cannot open the folder", path));
  return folder;
}

}  // namespace negotiateup::io
