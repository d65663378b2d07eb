#include "server/folder_watch.hpp"

#include <xxhash.h>

#include <system_error>

namespace negotiateup::server {

FolderWatch::FolderWatch(std::vector<std::filesystem::path> folders)
    : folders_(std::move(folders)), last_(fingerprint()) {}

bool FolderWatch::changed() {
  const auto now = fingerprint();
  const bool differs = now != last_;
  last_ = now;
  return differs;
}

// A file being written while this runs may be seen half-done: the next poll sees
// it again, changed, and reloads once more.
std::uint64_t FolderWatch::fingerprint() const {
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  for (const auto& folder : folders_) {
    std::error_code error;
    for (std::filesystem::recursive_directory_iterator it(folder, error), end; !error && it != end;
         it.increment(error)) {
      const auto& path = it->path().native();
      XXH3_64bits_update(state, path.data(), path.size());
      std::error_code stat_error;
      const auto size = it->is_regular_file(stat_error) ? it->file_size(stat_error) : 0;
      const auto time = it->last_write_time(stat_error).time_since_epoch().count();
      XXH3_64bits_update(state, &size, sizeof size);
      XXH3_64bits_update(state, &time, sizeof time);
    }
  }
  const auto digest = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return digest;
}

}  // namespace negotiateup::server
