#include "render/build_manifest.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <optional>

#include "io/read_file.hpp"
#include "io/stat_batch.hpp"

namespace negotiateup::render {
namespace {

namespace fs = std::filesystem;

// A folder written in the last seconds may be written again within the file
// system's timestamp step, leaving its stamp as it was: it is listed next time.
constexpr std::int64_t kSettleNs = 2'000'000'000;

// The manifest is ours and simple: objects of strings without escapes. Anything
// else is taken for damage.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool punct(char c) {
    skip_space();
    if (position_ >= text_.size() || text_[position_] != c) return false;
    ++position_;
    return true;
  }
  bool peek(char c) {
    skip_space();
    return position_ < text_.size() && text_[position_] == c;
  }
  std::optional<std::string_view> string() {
    if (!punct('"')) return std::nullopt;
    const auto end = text_.find_first_of("\"\\", position_);
    if (end == std::string_view::npos || text_[end] == '\\') return std::nullopt;
    const auto value = text_.substr(position_, end - position_);
    position_ = end + 1;
    return value;
  }
  bool at_end() {
    skip_space();
    return position_ == text_.size();
  }

 private:
  void skip_space() {
    while (position_ < text_.size() && (text_[position_] == ' ' || text_[position_] == '\n' ||
                                        text_[position_] == '\t' || text_[position_] == '\r')) {
      ++position_;
    }
  }
  std::string_view text_;
  std::size_t position_ = 0;
};

// {"key": "value", ...} into `into`.
template <typename Add>
bool read_object(Scanner& in, Add add) {
  if (!in.punct('{')) return false;
  if (in.punct('}')) return true;
  do {
    const auto key = in.string();
    if (!key || !in.punct(':')) return false;
    const auto value = in.string();
    if (!value) return false;
    add(*key, *value);
  } while (in.punct(','));
  return in.punct('}');
}

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

std::string guide_key(std::string_view company, std::string_view role) {
  std::string key;
  key.reserve(8 + company.size() + role.size());
  key.append("guides/").append(company).append("/").append(role);
  return key;
}

BuildManifest BuildManifest::read(const fs::path& out) {
  BuildManifest manifest;
  manifest.out_ = out;
  manifest.text_ = io::read_file(out / kFile).value_or("");
  Scanner in(manifest.text_);
  bool fine = in.punct('{');
  while (fine && !in.peek('}')) {
    const auto key = in.string();
    fine = key && in.punct(':');
    if (!fine) break;
    if (*key == "inputs") {
      const auto value = in.string();
      fine = value && value->size() == 16;
      if (fine) manifest.inputs_ = std::stoull(std::string(*value), nullptr, 16);
    } else if (*key == "guides") {
      fine = read_object(in, [&](std::string_view guide, std::string_view hash) {
        manifest.hashes_.emplace_back(guide, hash);
      });
    } else if (*key == "folders") {
      fine = read_object(in, [&](std::string_view folder, std::string_view stamp) {
        manifest.folder_stamps_[folder] = stamp;
      });
    } else {
      fine = false;
    }
    if (fine && !in.punct(',')) break;
  }
  if (!fine || !in.punct('}') || !in.at_end()) {
    const auto folder = manifest.out_;
    manifest = BuildManifest{};
    manifest.out_ = folder;
  }
  return manifest;
}

std::string_view BuildManifest::hash(std::string_view company, std::string_view role) const {
  if (next_ == hashes_.size()) next_ = 0;  // the next pass over the guides
  if (next_ < hashes_.size()) {
    // The key spelt out only when the next entry is not the guide's.
    const auto key = hashes_[next_].first;
    if (key.size() == 8 + company.size() + role.size() && key.starts_with("guides/") &&
        key.substr(7, company.size()) == company && key[7 + company.size()] == '/' &&
        key.ends_with(role)) {
      return hashes_[next_++].second;
    }
  }
  return hash(guide_key(company, role));
}

std::string_view BuildManifest::hash(std::string_view key) const {
  if (next_ == hashes_.size()) next_ = 0;
  if (next_ < hashes_.size() && hashes_[next_].first == key) return hashes_[next_++].second;
  if (by_key_.empty()) {
    by_key_.reserve(hashes_.size());
    for (std::size_t i = 0; i < hashes_.size(); ++i) by_key_.emplace(hashes_[i].first, i);
  }
  const auto found = by_key_.find(key);
  if (found == by_key_.end()) return {};
  next_ = found->second + 1;
  return hashes_[found->second].second;
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
  std::string text = fmt::format("{{\n \"inputs\": \"{:016x}\",\n \"folders\": {{", inputs);
  const char* separator = "\n";
  std::vector<std::string> keys;
  std::vector<fs::path> folders;
  for (std::size_t i = 0; i < guides.size(); ++i) {
    if (i == 0 || guides[i - 1].company != guides[i].company) {
      keys.push_back("guides/" + guides[i].company);
      folders.push_back(out / keys.back());
    }
  }
  const auto found = io::stat_paths(folders);
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const auto stamp = folder_stamp(found[k], settled_before);
    if (stamp.empty()) continue;
    fmt::format_to(std::back_inserter(text), "{}  \"{}\": \"{}\"", separator, keys[k], stamp);
    separator = ",\n";
  }
  text += "\n },\n \"guides\": {";
  separator = "\n";
  text.reserve(text.size() + guides.size() * 64);
  for (std::size_t i = 0; i < guides.size(); ++i) {
    if (hashes[i].empty()) continue;
    text.append(separator).append("  \"guides/").append(guides[i].company).append("/");
    text.append(guides[i].role).append("\": \"").append(hashes[i]).append("\"");
    separator = ",\n";
  }
  text += "\n }\n}\n";
  return text;
}

}  // namespace negotiateup::render
