#include "io/stat_batch.hpp"

#include <fcntl.h>
#include <liburing.h>
#include <sys/sysmacros.h>

#include <cerrno>

namespace negotiateup::io {
namespace {

// More in flight gained nothing in the measurements; fewer lost.
constexpr unsigned kQueueDepth = 256;

class Ring {
 public:
  Ring() { usable_ = ::io_uring_queue_init(kQueueDepth, &ring_, 0) == 0; }
  ~Ring() {
    if (usable_) ::io_uring_queue_exit(&ring_);
  }
  Ring(const Ring&) = delete;
  Ring& operator=(const Ring&) = delete;

  // Nothing where io_uring is missing or forbidden (an old kernel, a seccomp
  // profile, kernel.io_uring_disabled), or once it failed.
  io_uring* get() { return usable_ && !failed_ ? &ring_ : nullptr; }
  // Never entered again: requests it holds that the kernel did not take would
  // otherwise go in with the next batch, pointing at a batch that is gone.
  void fail() { failed_ = true; }

 private:
  io_uring ring_{};
  bool usable_ = false;
  bool failed_ = false;
};

Ring& thread_ring() {
  thread_local Ring ring;
  return ring;
}

std::optional<struct stat> stat_one(const FolderEntry& entry) {
  struct stat info {};
  if (::fstatat(entry.folder, entry.name.c_str(), &info, 0) != 0) return std::nullopt;
  return info;
}

struct stat from_statx(const struct statx& x) {
  struct stat info {};
  info.st_dev = makedev(x.stx_dev_major, x.stx_dev_minor);
  info.st_ino = x.stx_ino;
  info.st_nlink = x.stx_nlink;
  info.st_mode = x.stx_mode;
  info.st_uid = x.stx_uid;
  info.st_gid = x.stx_gid;
  info.st_rdev = makedev(x.stx_rdev_major, x.stx_rdev_minor);
  info.st_size = static_cast<off_t>(x.stx_size);
  info.st_blksize = static_cast<blksize_t>(x.stx_blksize);
  info.st_blocks = static_cast<blkcnt_t>(x.stx_blocks);
  info.st_atim = {x.stx_atime.tv_sec, x.stx_atime.tv_nsec};
  info.st_mtim = {x.stx_mtime.tv_sec, x.stx_mtime.tv_nsec};
  info.st_ctim = {x.stx_ctime.tv_sec, x.stx_ctime.tv_nsec};
  return info;
}

// False when the ring failed as a whole; the caller then stats one by one.
bool stat_batched(Ring& owner, std::span<const FolderEntry> entries,
                  std::vector<std::optional<struct stat>>& results) {
  io_uring& ring = *owner.get();
  std::vector<struct statx> answers(entries.size());
  std::size_t submitted = 0;
  std::size_t completed = 0;
  while (completed < entries.size()) {
    while (submitted < entries.size() && submitted - completed < kQueueDepth) {
      io_uring_sqe* request = ::io_uring_get_sqe(&ring);
      if (request == nullptr) break;
      const auto& asked = entries[submitted];
      ::io_uring_prep_statx(request, asked.folder, asked.name.c_str(), 0, STATX_BASIC_STATS,
                            &answers[submitted]);
      ::io_uring_sqe_set_data64(request, submitted);
      ++submitted;
    }
    // Once all are in, one wait for the rest.
    const auto in_flight = static_cast<unsigned>(submitted - completed);
    const int submitted_now =
        ::io_uring_submit_and_wait(&ring, submitted == entries.size() ? in_flight : 1);
    if (submitted_now < 0 && submitted_now != -EINTR) {
      // Requests the kernel took must finish before their buffers go; those it
      // did not take stay in the ring, which is not entered again.
      const auto taken = submitted - completed - ::io_uring_sq_ready(&ring);
      for (std::size_t i = 0; i < taken; ++i) {
        io_uring_cqe* done = nullptr;
        if (::io_uring_wait_cqe(&ring, &done) != 0) break;
        ::io_uring_cqe_seen(&ring, done);
      }
      owner.fail();
      return false;
    }
    unsigned head = 0;
    unsigned seen = 0;
    io_uring_cqe* done = nullptr;
    io_uring_for_each_cqe(&ring, head, done) {
      const auto index = static_cast<std::size_t>(::io_uring_cqe_get_data64(done));
      // A failure is asked again the plain way, so that every answer is fstatat's
      // (an operation this kernel lacks says EINVAL, not "no such file").
      results[index] =
          done->res == 0 ? std::optional(from_statx(answers[index])) : stat_one(entries[index]);
      ++seen;
    }
    ::io_uring_cq_advance(&ring, seen);
    completed += seen;
  }
  return true;
}

}  // namespace

std::vector<std::optional<struct stat>> stat_entries(std::span<const FolderEntry> entries,
                                                     StatMethod method) {
  std::vector<std::optional<struct stat>> results(entries.size());
  if (method == StatMethod::batched && entries.size() > 1) {
    if (auto& ring = thread_ring(); ring.get() && stat_batched(ring, entries, results)) {
      return results;
    }
  }
  for (std::size_t i = 0; i < entries.size(); ++i) results[i] = stat_one(entries[i]);
  return results;
}

std::vector<std::optional<struct stat>> stat_paths(std::span<const std::filesystem::path> paths,
                                                   StatMethod method) {
  std::vector<FolderEntry> entries;
  entries.reserve(paths.size());
  for (const auto& path : paths) entries.push_back({AT_FDCWD, path.string()});
  return stat_entries(entries, method);
}

}  // namespace negotiateup::io
