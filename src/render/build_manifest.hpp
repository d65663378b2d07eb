#pragma once

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "catalog/cached_load.hpp"

namespace negotiateup::render {

// What the last build wrote into OUT/.negotiateup-build.json (JSON): the inputs every guide shares
// (templates, date), each guide's input hash, and the stamp of each guide folder, so that a rebuild
// can tell that a folder's files are still there without looking. The stamps are taken before the
// build renames its files into place (the manifest is renamed in with them): a folder they went
// into is listed once by the next rebuild. A missing or damaged manifest reads as empty: everything
// is built again.
class BuildManifest {
 public:
  static constexpr std::string_view kFile = ".negotiateup-build.json";

  static BuildManifest read(const std::filesystem::path& out);

  struct Entry {
    std::string_view company;
    std::string_view role;
    std::string_view hash;
  };

  std::uint64_t inputs() const { return inputs_; }
  const std::string& text() const { return text_; }
  // The hash a guide was last built with; empty when it was not. Fastest asked
  // in the order the manifest lists the guides (catalog order), in one pass or
  // several. Not thread-safe.
  std::string_view hash(std::string_view company, std::string_view role) const;
  // Whether the guide's .md, .html and .json are all there and it was built with
  // a hash. Not thread-safe: it lists a folder whose stamp changed, once.
  bool outputs_present(std::string_view company, std::string_view role);

  // The manifest after a build: hashes[i] is the hash of guides[i] (none when
  // empty); the guide folders are stamped now.
  static std::string write(const std::filesystem::path& out, std::uint64_t inputs,
                           const std::vector<catalog::GuideName>& guides,
                           const std::vector<std::string_view>& hashes);

 private:
  struct Folder {
    bool listed = false;
    std::vector<std::string> names;  // sorted; when listed
  };

  std::filesystem::path out_;
  std::string text_;     // as read, to tell whether the next build changes it
  std::string strings_;  // the strings of text_, unescaped; the views below point into it
  std::uint64_t inputs_ = 0;
  std::vector<Entry> hashes_;  // in file order
  // Built when needed: the index in hashes_ by company and role.
  mutable absl::flat_hash_map<std::pair<std::string_view, std::string_view>, std::size_t> by_name_;
  mutable std::size_t next_ = 0;
  std::unordered_map<std::string_view, std::string_view> folder_stamps_;  // as recorded
  std::unordered_map<std::string_view, std::string> current_stamps_;      // when asked
  void look_at(Folder& folder, const std::string& folder_key);

  std::unordered_map<std::string, Folder> folders_;  // node-based: last_folder_ stays valid
  std::string last_company_;
  Folder* last_folder_ = nullptr;
};

}  // namespace negotiateup::render
