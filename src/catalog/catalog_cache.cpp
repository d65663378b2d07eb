#include "catalog/catalog_cache.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <typeinfo>

#include "catalog/catalog_fields.hpp"
#include "catalog/guide_inputs.hpp"

namespace negotiateup::catalog {
namespace {

namespace fs = std::filesystem;

// The container: this header and the index. Bump when they change; the entries'
// bytes follow the catalog structs' descriptions, and a change to those changes
// the identity below (cache_identity).
constexpr std::string_view kMagic = "NUCATC03";
// The magic, the identity, the entry count, the index's size and hash. The file is
// the header, the entries' bytes, then the index: the writer fills one buffer
// from the start and writes the header last, so that a 94 MB cache is not
// copied once more to put its index first.
constexpr std::size_t kHeaderBytes = 8 + 4 * 8;
// Longer than any file system's timestamp step, and than a test's back-to-back
// writes.
constexpr std::int64_t kSettleNs = 2'000'000'000;

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
  void strings(const std::vector<std::string>& values) { value(values); }
  void stamp(const FileStamp& s) {
    u64(s.device);
    u64(s.inode);
    i64(s.size);
    i64(s.modified_ns);
    i64(s.changed_ns);
  }

  // A described struct's fields (catalog_fields.hpp), in their order.
  void value(const std::string& text) { str(text); }
  void value(bool on) { flag(on); }
  void value(int number) { i64(number); }
  void value(std::int64_t number) { i64(number); }
  template <typename Enum>
  requires std::is_enum_v<Enum>
  void value(Enum e) { i64(static_cast<std::int64_t>(e)); }
  void value(core::Percent percent) { i64(percent.hundredths); }
  void value(const core::Band& band) {
    i64(band.low);
    i64(band.high);
  }
  void value(core::Date date) { i64(std::chrono::sys_days(date).time_since_epoch().count()); }
  void value(core::Quarter quarter) { i64(std::int64_t{quarter.year} * 8 + quarter.number); }
  void value(core::Currency currency) { str(currency.code()); }
  template <typename T>
  void value(const std::optional<T>& maybe) {
    flag(maybe.has_value());
    if (maybe) value(*maybe);
  }
  template <typename T>
  void value(const std::vector<T>& values) {
    u64(values.size());
    for (const auto& item : values) value(item);
  }
  template <fields::Described T>
  void value(const T& described) {
    fields::visit(*this, described);
  }

  template <typename T>
  void operator()(const fields::Field&, const T& member) {
    value(member);
  }
  template <typename T>
  void range(const fields::Field&, const T& low, const T& high) {
    value(low);
    value(high);
  }
  template <typename Fill>
  void group(const fields::Field&, Fill&& fill) {
    fill();
  }
  void path_part(const std::string& slug) { str(slug); }
  void location(const SourceLocation& source) { u64(source.line); }  // the file is the entry's

 private:
  std::string& out_;
};

class Decoder {
 public:
  Decoder(std::string_view in, std::string_view path = {}) : in_(in), path_(path) {}
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
  FileStamp stamp() {
    FileStamp s;
    s.device = u64();
    s.inode = u64();
    s.size = i64();
    s.modified_ns = i64();
    s.changed_ns = i64();
    return s;
  }

  // A described struct's fields, as Encoder wrote them.
  void value(std::string& text) { text = str(); }
  void value(bool& on) { on = flag(); }
  void value(int& number) {
    const auto wide = i64();
    if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max()) {
      throw Damaged();
    }
    number = static_cast<int>(wide);
  }
  void value(std::int64_t& number) { number = i64(); }
  // A stored value is refused unless its enum lists a name for it.
  template <core::Named Enum>
  void value(Enum& e) {
    const auto number = i64();
    if (number < 0 || number >= std::ssize(core::names_of_enum<Enum>())) throw Damaged();
    e = static_cast<Enum>(number);
  }
  void value(core::Percent& percent) { percent.hundredths = i64(); }
  void value(core::Band& band) {
    band.low = i64();
    band.high = i64();
  }
  void value(core::Date& date) {
    date = core::Date(std::chrono::sys_days(std::chrono::days(i64())));
  }
  void value(core::Quarter& quarter) {
    const auto packed = i64();
    if (packed < 0 || packed / 8 > std::numeric_limits<int>::max()) throw Damaged();
    quarter = core::Quarter{static_cast<int>(packed / 8), static_cast<int>(packed % 8)};
  }
  void value(core::Currency& currency) {
    const auto found = core::Currency::from_code(view());
    if (!found) throw Damaged();
    currency = *found;
  }
  template <typename T>
  void value(std::optional<T>& maybe) {
    if (!flag()) return maybe.reset();
    if constexpr (std::is_default_constructible_v<T>) {
      value(maybe.emplace());
    } else {
      throw Damaged();  // no cached struct holds one
    }
  }
  template <typename T>
  void value(std::vector<T>& values) {
    const auto count = u64();
    if (count > in_.size()) throw Damaged();  // each item takes a byte at least
    values.clear();
    values.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) value(values.emplace_back());
  }
  template <fields::Described T>
  void value(T& described) {
    fields::visit(*this, described);
  }

  template <typename T>
  void operator()(const fields::Field&, T& member) {
    value(member);
  }
  template <typename T>
  void range(const fields::Field&, T& low, T& high) {
    value(low);
    value(high);
  }
  template <typename Fill>
  void group(const fields::Field&, Fill&& fill) {
    fill();
  }
  void path_part(std::string& slug) { slug = str(); }
  void location(SourceLocation& source) { source = {std::string(path_), u64()}; }

 private:
  std::string_view take(std::uint64_t bytes) {
    if (bytes > in_.size()) throw Damaged();
    const auto part = in_.substr(0, bytes);
    in_.remove_prefix(bytes);
    return part;
  }
  std::string_view in_;
  std::string_view path_;
};

// The layout of the cached structs: their keys and member types, as described.
// Part of the cache's identity, so that a cache of other fields reads as empty.
class Layout {
 public:
  template <typename T>
  void value() {
    if constexpr (fields::is_optional<T>) {
      text_ += '?';
      value<typename T::value_type>();
    } else if constexpr (fields::is_vector<T>) {
      text_ += "[]";
      value<typename T::value_type>();
    } else if constexpr (fields::Described<T>) {
      T example{};
      text_ += '{';
      fields::visit(*this, example);
      text_ += '}';
    } else {
      text_ += typeid(T).name();
    }
  }
  template <typename T>
  void operator()(const fields::Field& field, T&) {
    text_.append(field.key).append(":");
    value<T>();
    text_ += ',';
  }
  template <typename T>
  void range(const fields::Field& field, T& low, T& high) {
    (*this)(field, low);
    (*this)(field, high);
  }
  template <typename Fill>
  void group(const fields::Field& field, Fill&& fill) {
    text_.append(field.key).append(":{");
    fill();
    text_ += '}';
  }
  void path_part(std::string&) { text_ += "path,"; }
  void location(SourceLocation&) { text_ += "line,"; }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

std::uint64_t cached_layout() {
  static const std::uint64_t hash = [] {
    Layout layout;
    layout.value<CompanyRole>();
    layout.value<Company>();
    return XXH3_64bits(layout.text().data(), layout.text().size());
  }();
  return hash;
}

// Another build of the program may read files differently, or describe other
// fields: either makes another identity.
std::uint64_t cache_identity() {
  struct stat info {};
  if (::stat("/proc/self/exe", &info) != 0) return 0;
  const std::int64_t values[] = {static_cast<std::int64_t>(info.st_size), info.st_mtim.tv_sec,
                                 info.st_mtim.tv_nsec, static_cast<std::int64_t>(info.st_ino),
                                 static_cast<std::int64_t>(cached_layout())};
  return XXH3_64bits(values, sizeof values);
}

template <typename T>
T decode(Decoder& in) {
  T value;
  in.value(value);
  return value;
}

std::string encoded_strings(const std::vector<std::string>& values) {
  std::string bytes;
  Encoder(bytes).strings(values);
  return bytes;
}

template <typename T>
std::optional<T> decode_entry(std::string_view bytes, std::uint64_t hash, std::string_view path) {
  if (XXH3_64bits(bytes.data(), bytes.size()) != hash) return std::nullopt;
  try {
    Decoder in(bytes, path);
    auto value = decode<T>(in);
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
    const auto identity = header.u64();
    const auto count = header.u64();
    const auto index_size = header.u64();
    const auto index_hash = header.u64();
    if (identity != cache_identity() || index_size > data->size() - kHeaderBytes) return cache;
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
  return decode_entry<CompanyRole>(bytes(entry), entry.hash, path);
}

std::optional<Company> CatalogCache::company(const Entry& entry, std::string_view path) const {
  if (entry.kind != CachedKind::company) return std::nullopt;
  return decode_entry<Company>(bytes(entry), entry.hash, path);
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
  Encoded encoded{CachedKind::guide, encoded_strings(companies_read(guide)), {}, 0};
  Encoder out(encoded.bytes);
  out.value(guide);
  encoded.hash = XXH3_64bits(encoded.bytes.data(), encoded.bytes.size());
  return encoded;
}

CatalogCacheWriter::Encoded CatalogCacheWriter::encode(const Company& company) {
  Encoded encoded{CachedKind::company, encoded_strings({}), {}, 0};
  Encoder out(encoded.bytes);
  out.value(company);
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
  out.u64(cache_identity());
  out.u64(count_);
  out.u64(index_.size());
  out.u64(XXH3_64bits(index_.data(), index_.size()));
  file_.replace(0, kHeaderBytes, header);
  file_.append(index_);
  return std::move(file_);
}

}  // namespace negotiateup::catalog
