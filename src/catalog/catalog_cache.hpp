#pragma once

#include <sys/stat.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "catalog/catalog.hpp"

namespace negotiateup::catalog {

// What identifies one version of a file without reading it. The change time
// cannot be set by a user (touch -d sets only the modification time) and moves on
// every write, so a file whose stamp is unchanged has not been written since.
struct FileStamp {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::int64_t size = 0;
  std::int64_t modified_ns = 0;
  std::int64_t changed_ns = 0;

  friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

// A file that cannot be stat'ed has no stamp: it is then read, and reports its error.
FileStamp stamp_of(const struct stat& info);

enum class CachedKind : std::uint8_t { other = 0, guide = 1, company = 2 };

// The files of the last load of a catalog, in the order they were read, with
// their stamps, and the parsed guide and company files (a catalog of 100,000
// guides is 400 MB of YAML). A missing, damaged or foreign cache file, or one
// written by another build of the program, opens as an empty cache. Only what
// parsed cleanly is kept, and only after the whole catalog was checked.
class CatalogCache {
 public:
  struct Entry {
    std::string_view path;
    CachedKind kind = CachedKind::other;
    FileStamp stamp;
    // False for a file written just before it was read: a second write within
    // the file system's timestamp step could leave its stamp as it is.
    bool settled = false;
    std::string_view quoted;  // guides: companies_read (guide_inputs.hpp)
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
    std::uint64_t hash = 0;
  };

  static CatalogCache open(const std::filesystem::path& file);

  const std::vector<Entry>& entries() const { return entries_; }
  // The entry of `path` when its stamp is `stamp` and it is settled. Not
  // thread-safe: the first call indexes the entries.
  const Entry* find(std::string_view path, const FileStamp& stamp) const;
  // Whether a settled entry stands for the file as it is now.
  static bool current(const Entry& entry, const std::optional<FileStamp>& stamp) {
    return entry.settled && stamp && entry.stamp == *stamp;
  }

  // Nothing when the stored bytes are damaged.
  std::optional<CompanyRole> guide(const Entry& entry, std::string_view path) const;
  std::optional<Company> company(const Entry& entry, std::string_view path) const;
  // Whether a guide reads the guides of one of `companies` (companies_read).
  bool quotes_any(const Entry& entry, const std::set<std::string, std::less<>>& companies) const;
  std::string_view bytes(const Entry& entry) const;

 private:
  std::shared_ptr<const std::string_view> data_;  // the mapped file
  std::string_view blobs_;                        // in data_
  std::vector<Entry> entries_;
  mutable std::unordered_map<std::string_view, std::size_t> by_path_;
};

// Builds the next cache file, entry by entry in the order files are read.
class CatalogCacheWriter {
 public:
  explicit CatalogCacheWriter(std::int64_t load_started_ns);

  // A guide or company file's entry, encoded: the costly part of adding it, which
  // depends on nothing else, so that a caller can encode on every core.
  struct Encoded {
    CachedKind kind = CachedKind::other;
    std::string quoted;
    std::string bytes;
    std::uint64_t hash = 0;
  };
  static Encoded encode(const CompanyRole& guide);
  static Encoded encode(const Company& company);

  // Room for this many more entries holding this many bytes (an estimate is fine).
  void reserve(std::size_t entries, std::size_t bytes);
  void add_file(std::string_view path, const FileStamp& stamp);  // policy, rates, regions, roles
  void add(std::string_view path, const FileStamp& stamp, const Encoded& encoded);
  // An entry of the last cache, as stored.
  void add_stored(const CatalogCache& cache, const CatalogCache::Entry& entry);
  std::string finish() &&;

 private:
  bool settled(const FileStamp& stamp) const;
  void add_entry(std::string_view path, CachedKind kind, const FileStamp& stamp, bool settled,
                 std::string_view quoted, std::string_view bytes, std::uint64_t hash);

  std::int64_t settled_before_ns_;
  std::uint64_t count_ = 0;
  std::string index_;
  std::string file_;  // the header's room, then the entries' bytes
};

}  // namespace negotiateup::catalog
