#include "io/staged_folder.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <system_error>
#include <utility>

#include "io/atomic_files.hpp"
#include "io/folder.hpp"

namespace negotiateup::io {
namespace {

namespace fs = std::filesystem;

// `.negotiateup-tmp-PID-NAME`: the PID says whether its run is still going.
std::string staging_name(pid_t pid, const std::string& target_name) {
  return std::string(kTemporaryPrefix) + std::to_string(pid) + "-" + target_name;
}

}  // namespace

StagedFolder::StagedFolder(StagedFolder&& other) noexcept
    : path_(std::move(other.path_)),
      target_(std::move(other.target_)),
      published_(std::exchange(other.published_, true)) {}

StagedFolder::~StagedFolder() {
  if (published_) return;
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

core::Result<StagedFolder> StagedFolder::create(const fs::path& target) {
  const auto absolute = fs::absolute(target).lexically_normal();
  const auto name = (absolute.has_filename() ? absolute : absolute.parent_path()).filename();
  const auto parent = (absolute.has_filename() ? absolute : absolute.parent_path()).parent_path();
  if (auto folder = Folder::open(parent); !folder) return std::unexpected(folder.error());
  remove_abandoned_temporaries(parent);
  auto path = parent / staging_name(::getpid(), name.string());
  std::error_code error;
  fs::remove_all(path, error);  // this process's own, from an earlier call
  if (::mkdir(path.c_str(), 0755) != 0) {
    return std::unexpected(describe_errno("cannot create the staging folder", path));
  }
  return StagedFolder(std::move(path), parent / name);
}

core::Result<void> StagedFolder::publish() {
  // rename() would also replace an empty folder made meanwhile; RENAME_NOREPLACE
  // says plainly that the target is never replaced.
  if (::renameat2(AT_FDCWD, path_.c_str(), AT_FDCWD, target_.c_str(), RENAME_NOREPLACE) != 0) {
    return std::unexpected(describe_errno("cannot rename the staging folder to", target_));
  }
  published_ = true;
  return {};
}

}  // namespace negotiateup::io
