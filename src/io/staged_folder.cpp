#include "io/staged_folder.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
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

// The staging folders of `target_name` whose process is gone.
void remove_abandoned(const fs::path& parent, const std::string& target_name) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(parent, error)) {
    const auto name = entry.path().filename().string();
    if (!name.starts_with(kTemporaryPrefix)) continue;
    const std::string_view rest = std::string_view(name).substr(kTemporaryPrefix.size());
    pid_t pid = 0;
    const auto [end, parsed] = std::from_chars(rest.data(), rest.data() + rest.size(), pid);
    if (parsed != std::errc() ||
        std::string_view(end, rest.data() + rest.size()) != "-" + target_name) {
      continue;
    }
    if (::kill(pid, 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), error);
  }
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
  remove_abandoned(parent, name.string());
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
