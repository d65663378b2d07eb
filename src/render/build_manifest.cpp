#include "render/build_manifest.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>

#include "io/read_file.hpp"
#include "io/stat_batch.hpp"
#include "json/writer.hpp"

namespace negotiateup::render {
namespace {

namespace fs = std::filesystem;

// A folder written in the last seconds may be written again within the file
// system's timestamp step, leaving its stamp as it was: it is listed next time.
constexpr std::int64_t kSettleNs = 2'000'000'000;

// The manifest read as a stream of parser events, never as a document tree: it
// is 3 MB at 100,000 guides and read on every rebuild (docs/benchmarks.md).
// Its shape is {"inputs": HEX, "folders": {FOLDER: STAMP, ...}, "guides":
// {COMPANY: {ROLE: HASH, ...}, ...}}; anything else is taken for damage and ends
// the parse.
class ManifestEvents : public nlohmann::json_sax<nlohmann::json> {
 public:
  // The strings are kept in `strings`, which must have room for as many bytes
  // as the manifest's text: a string is never longer than its JSON spelling.
  ManifestEvents(std::string& strings, std::uint64_t& inputs,
                 std::vector<BuildManifest::Entry>& guides,
                 std::unordered_map<std::string_view, std::string_view>& folders)
      : strings_(strings), inputs_(inputs), guides_(guides), folders_(folders) {}

  bool start_object(std::size_t) override {
    const bool expected = depth_ == 0 || (depth_ == 1 && section_ == Section::guides) ||
                          (depth_ == 1 && section_ == Section::folders) ||
                          (depth_ == 2 && section_ == Section::guides);
    ++depth_;
    return expected;
  }
  bool end_object() override {
    --depth_;
    if (depth_ == 1) section_ = Section::none;
    return true;
  }
  bool key(string_t& name) override {
    if (depth_ == 1) {
      section_ = name == "inputs"    ? Section::inputs
                 : name == "guides"  ? Section::guides
                 : name == "folders" ? Section::folders
                                     : Section::none;
      return section_ != Section::none;
    }
    if (depth_ == 2) {
      company_ = keep(name);  // or a folder
    } else {
      role_ = keep(name);
    }
    return keep_ok_;
  }
  bool string(string_t& value) override {
    if (depth_ == 1 && section_ == Section::inputs) {
      const auto end = value.data() + value.size();
      const auto [stop, error] = std::from_chars(value.data(), end, inputs_, 16);
      return value.size() == 16 && error == std::errc{} && stop == end;
    }
    const auto kept = keep(value);
    if (depth_ == 2 && section_ == Section::folders) {
      folders_[company_] = kept;
    } else if (depth_ == 3) {
      guides_.push_back({company_, role_, kept});
    } else {
      return false;
    }
    return keep_ok_;
  }

  bool null() override { return false; }
  bool boolean(bool) override { return false; }
  bool number_integer(number_integer_t) override { return false; }
  bool number_unsigned(number_unsigned_t) override { return false; }
  bool number_float(number_float_t, const string_t&) override { return false; }
  bool binary(binary_t&) override { return false; }
  bool start_array(std::size_t) override { return false; }
  bool end_array() override { return false; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  enum class Section { none, inputs, guides, folders };

  // A view of the text, kept in strings_.
  std::string_view keep(const std::string& text) {
    if (strings_.size() + text.size() > strings_.capacity()) {
      keep_ok_ = false;  // never with room for the whole text; a view must not move
      return {};
    }
    const auto start = strings_.size();
    strings_.append(text);
    return std::string_view(strings_).substr(start, text.size());
  }

  std::string& strings_;
  std::uint64_t& inputs_;
  std::vector<BuildManifest::Entry>& guides_;
  std::unordered_map<std::string_view, std::string_view>& folders_;
  int depth_ = 0;
  Section section_ = Section::none;
  std::string_view company_;  // or folder
  std::string_view role_;
  bool keep_ok_ = true;
};

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Empty when the folder is missing or was written too recently to be trusted.
std::string folder_stamp(const std::optional<struct stat>& found, std::int64_t settled_before_ns) {
  if (!found) return {};
  const auto& info = *found;
  const auto modified = info.st_mtim.tv_sec * 1'000'000'000 + info.st_mtim.tv_nsec;
  const auto changed = info.st_ctim.tv_sec * 1'000'000'000 + info.st_ctim.tv_nsec;
  if (modified >= settled_before_ns || changed >= settled_before_ns) return {};
  return fmt::format("{}:{}:{}:{}", info.st_dev, info.st_ino, modified, changed);
}

}  // namespace

BuildManifest BuildManifest::read(const fs::path& out) {
  BuildManifest manifest;
  manifest.out_ = out;
  manifest.text_ = io::read_file(out / kFile).value_or("");
  manifest.strings_.reserve(manifest.text_.size());
  ManifestEvents events(manifest.strings_, manifest.inputs_, manifest.hashes_,
                        manifest.folder_stamps_);
  // An empty text is not JSON either: no manifest, as when the file is missing.
  if (!nlohmann::json::sax_parse(manifest.text_, &events)) {
    BuildManifest none;
    none.out_ = out;
    return none;
  }
  return manifest;
}

std::string_view BuildManifest::hash(std::string_view company, std::string_view role) const {
  if (next_ == hashes_.size()) next_ = 0;  // the next pass over the guides
  if (next_ < hashes_.size() && hashes_[next_].company == company && hashes_[next_].role == role) {
    return hashes_[next_++].hash;
  }
  if (by_name_.empty()) {
    by_name_.reserve(hashes_.size());
    for (std::size_t i = 0; i < hashes_.size(); ++i)
      by_name_.emplace(std::pair{hashes_[i].company, hashes_[i].role}, i);
  }
  const auto found = by_name_.find(std::pair{company, role});
  if (found == by_name_.end()) return {};
  next_ = found->second + 1;
  return hashes_[found->second].hash;
}

bool BuildManifest::outputs_present(std::string_view company, std::string_view role) {
  if (hash(company, role).empty()) return false;
  // Guides come folder by folder: most calls ask for the folder just looked at.
  if (!last_folder_ || last_company_ != company) {
    auto [found, inserted] = folders_.try_emplace(std::string(company));
    last_company_ = company;
    last_folder_ = &found->second;
    if (inserted) look_at(*last_folder_, "guides/" + std::string(company));
  }
  const auto& folder = *last_folder_;
  if (!folder.listed) return true;
  const std::string name(role);
  return std::ranges::all_of(std::array{".md", ".html", ".json"}, [&](const char* extension) {
    return std::binary_search(folder.names.begin(), folder.names.end(), name + extension);
  });
}

void BuildManifest::look_at(Folder& folder, const std::string& folder_key) {
  if (current_stamps_.empty() && !folder_stamps_.empty()) {
    // Every recorded folder at once: a rebuild looks at them all.
    std::vector<std::string_view> keys;
    std::vector<fs::path> folders;
    for (const auto& [key, stamp] : folder_stamps_) {
      keys.push_back(key);
      folders.push_back(out_ / key);
    }
    const auto found = io::stat_paths(folders);
    const auto now = now_ns();
    for (std::size_t k = 0; k < keys.size(); ++k) {
      current_stamps_.emplace(keys[k], folder_stamp(found[k], now));
    }
  }
  const auto recorded = folder_stamps_.find(folder_key);
  if (recorded != folder_stamps_.end()) {
    const auto& now = current_stamps_.at(recorded->first);
    if (!now.empty() && now == recorded->second) return;
  }
  folder.listed = true;
  std::error_code error;
  for (fs::directory_iterator it(out_ / folder_key, error), end; !error && it != end;
       it.increment(error)) {
    folder.names.push_back(it->path().filename().string());
  }
  std::sort(folder.names.begin(), folder.names.end());
}

std::string BuildManifest::write(const fs::path& out, std::uint64_t inputs,
                                 const std::vector<catalog::GuideName>& guides,
                                 const std::vector<std::string_view>& hashes) {
  const auto settled_before = now_ns() - kSettleNs;
  std::vector<std::string> keys;
  std::vector<fs::path> folders;
  for (std::size_t i = 0; i < guides.size(); ++i) {
    if (i == 0 || guides[i - 1].company != guides[i].company) {
      keys.push_back("guides/" + guides[i].company);
      folders.push_back(out / keys.back());
    }
  }
  const auto found = io::stat_paths(folders);
  // One line: indents and line breaks would be a third of what a rebuild reads.
  json::Writer writer(json::Layout::compact);
  writer.StartObject();
  json::write_member(writer, "inputs", fmt::format("{:016x}", inputs));
  writer.Key("folders");
  writer.StartObject();
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const auto stamp = folder_stamp(found[k], settled_before);
    if (!stamp.empty()) json::write_member(writer, keys[k], stamp);
  }
  writer.EndObject();
  writer.Key("guides");
  writer.StartObject();
  const std::string* open_company = nullptr;
  for (std::size_t i = 0; i < guides.size(); ++i) {
    if (hashes[i].empty()) continue;
    if (!open_company || *open_company != guides[i].company) {
      if (open_company) writer.EndObject();
      open_company = &guides[i].company;
      writer.Key(*open_company);
      writer.StartObject();
    }
    json::write_member(writer, guides[i].role, hashes[i]);
  }
  if (open_company) writer.EndObject();
  writer.EndObject();
  writer.EndObject();
  return writer.text();
}

}  // namespace negotiateup::render
