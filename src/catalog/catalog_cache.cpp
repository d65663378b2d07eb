#include "catalog/catalog_cache.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace negotiateup::catalog {
namespace {

namespace fs = std::filesystem;

// Bump when the catalog's structs or the way a file is read change: an old cache
// would otherwise hand back what the old reader made of a file.
constexpr std::string_view kMagic = "NUCATC03";
// The magic, the program, the entry count, the index's size and hash. The file is
// the header, the entries' bytes, then the index: the writer fills one buffer
// from the start and writes the header last, so that a 94 MB cache is not
// copied once more to put its index first.
constexpr std::size_t kHeaderBytes = 8 + 4 * 8;
// Longer than any file system's timestamp step, and than a test's back-to-back
// writes.
constexpr std::int64_t kSettleNs = 2'000'000'000;

// Another build of the program may read files differently, whatever kMagic says.
std::uint64_t program_identity() {
  struct stat info {};
  if (::stat("/proc/self/exe", &info) != 0) return 0;
  const std::int64_t values[] = {static_cast<std::int64_t>(info.st_size), info.st_mtim.tv_sec,
                                 info.st_mtim.tv_nsec, static_cast<std::int64_t>(info.st_ino)};
  return XXH3_64bits(values, sizeof values);
}

struct Damaged : std::runtime_error {
  Damaged() : std::runtime_error("damaged catalog cache") {}
};

class Encoder {
 public:
  explicit Encoder(std::string& out) : out_(out) {}
  void u64(std::uint64_t value) { out_.append(reinterpret_cast<const char*>(&value), 8); }
  void i64(std::int64_t value) { u64(static_cast<std::uint64_t>(value)); }
  void flag(bool value) { out_.push_back(value ? 1 : 0); }
  void str(std::string_view text) {
    u64(text.size());
    out_.append(text);
  }
  void strings(const std::vector<std::string>& values) {
    u64(values.size());
    for (const auto& value : values) str(value);
  }
  void opt(const std::optional<std::string>& value) {
    flag(value.has_value());
    if (value) str(*value);
  }
  void opt(const std::optional<core::Band>& band) {
    flag(band.has_value());
    if (band) {
      i64(band->low);
      i64(band->high);
    }
  }
  void stamp(const FileStamp& s) {
    u64(s.device);
    u64(s.inode);
    i64(s.size);
    i64(s.modified_ns);
    i64(s.changed_ns);
  }

 private:
  std::string& out_;
};

class Decoder {
 public:
  explicit Decoder(std::string_view in) : in_(in) {}
  bool done() const { return in_.empty(); }
  std::uint64_t u64() {
    std::uint64_t value = 0;
    std::memcpy(&value, take(8).data(), 8);
    return value;
  }
  std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
  bool flag() {
    const char value = take(1).front();
    if (value != 0 && value != 1) throw Damaged();
    return value == 1;
  }
  std::string_view view() { return take(u64()); }
  std::string str() { return std::string(view()); }
  std::vector<std::string> strings() {
    const auto count = u64();
    if (count > in_.size() / 8) throw Damaged();
    std::vector<std::string> values;
    values.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) values.push_back(str());
    return values;
  }
  std::optional<std::string> opt_str() { return flag() ? std::optional(str()) : std::nullopt; }
  std::optional<core::Band> opt_band() {
    if (!flag()) return std::nullopt;
    const auto low = i64();
    return core::Band{low, i64()};
  }
  FileStamp stamp() {
    FileStamp s;
    s.device = u64();
    s.inode = u64();
    s.size = i64();
    s.modified_ns = i64();
    s.changed_ns = i64();
    return s;
  }

 private:
  std::string_view take(std::uint64_t bytes) {
    if (bytes > in_.size()) throw Damaged();
    const auto part = in_.substr(0, bytes);
    in_.remove_prefix(bytes);
    return part;
  }
  std::string_view in_;
};

void encode(Encoder& out, const CompanyRole& guide) {
  out.str(guide.company);
  out.str(guide.role);
  out.flag(guide.last_updated.has_value());
  if (guide.last_updated)
    out.i64(std::chrono::sys_days(*guide.last_updated).time_since_epoch().count());
  out.opt(guide.level_mapping.internal);
  out.opt(guide.level_mapping.raw);
  out.u64(guide.level_mapping.equivalents.size());
  for (const auto& equivalent : guide.level_mapping.equivalents) {
    out.str(equivalent.company);
    out.str(equivalent.level);
    out.strings(equivalent.regions);
  }
  out.u64(guide.bands.size());
  for (const auto& band : guide.bands) {
    out.str(band.region);
    out.opt(band.base);
    out.opt(band.stock);
    out.flag(band.bonus_pct.has_value());
    if (band.bonus_pct) out.i64(band.bonus_pct->hundredths);
    out.flag(band.quarter.has_value());
    if (band.quarter) out.i64(band.quarter->year * 8 + band.quarter->number);
    out.i64(band.quality ? static_cast<std::int64_t>(*band.quality) : -1);
    out.strings(band.sources);
    out.u64(band.source.line);
  }
  out.u64(guide.source.line);
}

CompanyRole decode_guide(Decoder& in, std::string_view path) {
  CompanyRole guide;
  guide.company = in.str();
  guide.role = in.str();
  if (in.flag())
    guide.last_updated = core::Date(std::chrono::sys_days(std::chrono::days(in.i64())));
  guide.level_mapping.internal = in.opt_str();
  guide.level_mapping.raw = in.opt_str();
  for (auto count = in.u64(); count > 0; --count) {
    auto company = in.str();
    auto level = in.str();
    guide.level_mapping.equivalents.push_back({std::move(company), std::move(level), in.strings()});
  }
  for (auto count = in.u64(); count > 0; --count) {
    RegionBand band;
    band.region = in.str();
    band.base = in.opt_band();
    band.stock = in.opt_band();
    if (in.flag()) band.bonus_pct = core::Percent{in.i64()};
    if (in.flag()) {
      const auto quarter = in.i64();
      band.quarter = core::Quarter{static_cast<int>(quarter / 8), static_cast<int>(quarter % 8)};
    }
    const auto quality = in.i64();
    if (quality < -1 || quality > static_cast<std::int64_t>(core::DataQuality::illustrative)) {
      throw Damaged();
    }
    if (quality >= 0) band.quality = static_cast<core::DataQuality>(quality);
    band.sources = in.strings();
    band.source = {std::string(path), in.u64()};
    guide.bands.push_back(std::move(band));
  }
  guide.source = {std::string(path), in.u64()};
  return guide;
}

std::string encoded_strings(const std::vector<std::string>& values) {
  std::string bytes;
  Encoder(bytes).strings(values);
  return bytes;
}

void encode(Encoder& out, const Company& company) {
  out.str(company.slug);
  out.str(company.name);
  out.flag(company.stage == CompanyStage::public_company);
  out.strings(company.aliases);
  out.opt(company.dna_summary);
  out.opt(company.narrative.dna);
  out.opt(company.narrative.leverage_title);
  out.opt(company.narrative.leverage);
  out.opt(company.narrative.script);
  out.strings(company.peers);
  out.u64(company.source.line);
}

Company decode_company(Decoder& in, std::string_view path) {
  Company company;
  company.slug = in.str();
  company.name = in.str();
  company.stage = in.flag() ? CompanyStage::public_company : CompanyStage::private_company;
  company.aliases = in.strings();
  company.dna_summary = in.opt_str();
  company.narrative.dna = in.opt_str();
  company.narrative.leverage_title = in.opt_str();
  company.narrative.leverage = in.opt_str();
  company.narrative.script = in.opt_str();
  company.peers = in.strings();
  company.source = {std::string(path), in.u64()};
  return company;
}

template <typename T, typename Decode>
std::optional<T> decode_entry(std::string_view bytes, std::uint64_t hash, std::string_view path,
                              Decode decode) {
  if (XXH3_64bits(bytes.data(), bytes.size()) != hash) return std::nullopt;
  try {
    Decoder in(bytes);
    auto value = decode(in, path);
    if (!in.done()) return std::nullopt;
    return value;
  } catch (const Damaged&) {
    return std::nullopt;
  }
}

// A read-only mapping: pages are read when touched, and only those.
std::shared_ptr<const std::string_view> map_file(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat info {};
  if (::fstat(fd, &info) != 0 || info.st_size <= 0) {
    ::close(fd);
    return nullptr;
  }
  const auto size = static_cast<std::size_t>(info.st_size);
  void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (data == MAP_FAILED) return nullptr;
  return std::shared_ptr<const std::string_view>(
      new std::string_view(static_cast<const char*>(data), size), [](const std::string_view* view) {
        ::munmap(const_cast<char*>(view->data()), view->size());
        delete view;
      });
}

}  // namespace

FileStamp stamp_of(const struct stat& info) {
  return FileStamp{static_cast<std::uint64_t>(info.st_dev), static_cast<std::uint64_t>(info.st_ino),
                   static_cast<std::int64_t>(info.st_size),
                   info.st_mtim.tv_sec * 1'000'000'000 + info.st_mtim.tv_nsec,
                   info.st_ctim.tv_sec * 1'000'000'000 + info.st_ctim.tv_nsec};
}

CatalogCache CatalogCache::open(const fs::path& file) {
  CatalogCache cache;
  auto data = map_file(file);
  if (!data || data->size() < kHeaderBytes || !data->starts_with(kMagic)) return cache;
  try {
    Decoder header(data->substr(kMagic.size(), kHeaderBytes - kMagic.size()));
    const auto program = header.u64();
    const auto count = header.u64();
    const auto index_size = header.u64();
    const auto index_hash = header.u64();
    if (program != program_identity() || index_size > data->size() - kHeaderBytes) return cache;
    const auto index = data->substr(data->size() - index_size);
    const auto blobs = data->substr(kHeaderBytes, data->size() - kHeaderBytes - index_size);
    if (XXH3_64bits(index.data(), index.size()) != index_hash) return cache;
    Decoder in(index);
    if (count > index.size() / 64) return cache;
    cache.entries_.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) {
      Entry entry;
      entry.path = in.view();
      const auto kind = in.u64();
      if (kind > static_cast<std::uint64_t>(CachedKind::company)) throw Damaged();
      entry.kind = static_cast<CachedKind>(kind);
      entry.stamp = in.stamp();
      entry.settled = in.flag();
      entry.quoted = in.view();
      entry.offset = in.u64();
      entry.size = in.u64();
      entry.hash = in.u64();
      if (entry.offset > blobs.size() || entry.size > blobs.size() - entry.offset) throw Damaged();
      cache.entries_.push_back(entry);
    }
    if (!in.done()) throw Damaged();
    cache.blobs_ = blobs;
    cache.data_ = std::move(data);
  } catch (const Damaged&) {
    return CatalogCache{};
  }
  return cache;
}

const CatalogCache::Entry* CatalogCache::find(std::string_view path, const FileStamp& stamp) const {
  if (by_path_.empty()) {
    by_path_.reserve(entries_.size());
    for (std::size_t i = 0; i < entries_.size(); ++i) by_path_.emplace(entries_[i].path, i);
  }
  const auto found = by_path_.find(path);
  if (found == by_path_.end()) return nullptr;
  const auto& entry = entries_[found->second];
  return current(entry, stamp) ? &entry : nullptr;
}

std::string_view CatalogCache::bytes(const Entry& entry) const {
  return blobs_.substr(entry.offset, entry.size);
}

std::optional<CompanyRole> CatalogCache::guide(const Entry& entry, std::string_view path) const {
  if (entry.kind != CachedKind::guide) return std::nullopt;
  return decode_entry<CompanyRole>(bytes(entry), entry.hash, path, decode_guide);
}

std::optional<Company> CatalogCache::company(const Entry& entry, std::string_view path) const {
  if (entry.kind != CachedKind::company) return std::nullopt;
  return decode_entry<Company>(bytes(entry), entry.hash, path, decode_company);
}

bool CatalogCache::quotes_any(const Entry& entry,
                              const std::set<std::string, std::less<>>& companies) const {
  try {
    Decoder in(entry.quoted);
    for (auto count = in.u64(); count > 0; --count) {
      if (companies.contains(in.view())) return true;
    }
    return false;
  } catch (const Damaged&) {
    return true;  // built again: the safe side
  }
}

CatalogCacheWriter::CatalogCacheWriter(std::int64_t load_started_ns)
    : settled_before_ns_(load_started_ns - kSettleNs), file_(kHeaderBytes, '\0') {}

bool CatalogCacheWriter::settled(const FileStamp& stamp) const {
  return stamp.changed_ns < settled_before_ns_ && stamp.modified_ns < settled_before_ns_;
}

void CatalogCacheWriter::add_entry(std::string_view path, CachedKind kind, const FileStamp& stamp,
                                   bool settled, std::string_view quoted, std::string_view bytes,
                                   std::uint64_t hash) {
  Encoder out(index_);
  out.str(path);
  out.u64(static_cast<std::uint64_t>(kind));
  out.stamp(stamp);
  out.flag(settled);
  out.str(quoted);
  out.u64(file_.size() - kHeaderBytes);
  out.u64(bytes.size());
  out.u64(hash);
  file_.append(bytes);
  ++count_;
}

void CatalogCacheWriter::add_file(std::string_view path, const FileStamp& stamp) {
  add_entry(path, CachedKind::other, stamp, settled(stamp), encoded_strings({}), {}, 0);
}

CatalogCacheWriter::Encoded CatalogCacheWriter::encode(const CompanyRole& guide) {
  std::vector<std::string> quoted;
  for (const auto& equivalent : guide.level_mapping.equivalents) {
    if (std::find(quoted.begin(), quoted.end(), equivalent.company) == quoted.end()) {
      quoted.push_back(equivalent.company);
    }
  }
  Encoded encoded{CachedKind::guide, encoded_strings(quoted), {}, 0};
  Encoder out(encoded.bytes);
  negotiateup::catalog::encode(out, guide);
  encoded.hash = XXH3_64bits(encoded.bytes.data(), encoded.bytes.size());
  return encoded;
}

CatalogCacheWriter::Encoded CatalogCacheWriter::encode(const Company& company) {
  Encoded encoded{CachedKind::company, encoded_strings({}), {}, 0};
  Encoder out(encoded.bytes);
  negotiateup::catalog::encode(out, company);
  encoded.hash = XXH3_64bits(encoded.bytes.data(), encoded.bytes.size());
  return encoded;
}

void CatalogCacheWriter::reserve(std::size_t entries, std::size_t bytes) {
  // An index entry is a path, a stamp and a few numbers: about 128 bytes.
  index_.reserve(index_.size() + entries * 128);
  file_.reserve(file_.size() + bytes + entries * 128);
}

void CatalogCacheWriter::add(std::string_view path, const FileStamp& stamp,
                             const Encoded& encoded) {
  add_entry(path, encoded.kind, stamp, settled(stamp), encoded.quoted, encoded.bytes, encoded.hash);
}

void CatalogCacheWriter::add_stored(const CatalogCache& cache, const CatalogCache::Entry& entry) {
  add_entry(entry.path, entry.kind, entry.stamp, entry.settled, entry.quoted, cache.bytes(entry),
            entry.hash);
}

std::string CatalogCacheWriter::finish() && {
  std::string header(kMagic);
  Encoder out(header);
  out.u64(program_identity());
  out.u64(count_);
  out.u64(index_.size());
  out.u64(XXH3_64bits(index_.data(), index_.size()));
  file_.replace(0, kHeaderBytes, header);
  file_.append(index_);
  return std::move(file_);
}

}  // namespace negotiateup::catalog
