#pragma once

#include <sys/stat.h>

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace negotiateup::io {

enum class StatMethod {
  batched,     // through io_uring where the kernel allows it, else one_by_one
  one_by_one,  // one fstatat per file
};

// A file named relative to an open folder.
struct FolderEntry {
  int folder = -1;
  std::string name;
};

// What fstatat(entry.folder, entry.name, &info, 0) gives for each entry (a
// symbolic link is followed), in order; nothing for one that cannot be stat'ed.
//
// Why batches: a rebuild stats every catalog file, and on the virtual machines we
// run on a system call costs about 1 us, as much as the stat itself. io_uring
// takes hundreds of stats per call and keeps the kernel's workers busy: 100,000
// files on 2 threads took 0.094 s instead of 0.141 s (docs/benchmarks.md), when
// each batch spans many folders. Each thread has its own ring.
std::vector<std::optional<struct stat>> stat_entries(std::span<const FolderEntry> entries,
                                                     StatMethod method = StatMethod::batched);

// The same for paths (relative to the working folder, or absolute).
std::vector<std::optional<struct stat>> stat_paths(std::span<const std::filesystem::path> paths,
                                                   StatMethod method = StatMethod::batched);

}  // namespace negotiateup::io
