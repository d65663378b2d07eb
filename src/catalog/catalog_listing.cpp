#include <dirent.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <span>
#include <system_error>

#include "catalog/catalog_reading.hpp"
#include "core/parallel.hpp"
#include "io/atomic_files.hpp"
#include "io/stat_batch.hpp"

namespace negotiateup::catalog::detail {
namespace {

namespace fs = std::filesystem;

// The YAML files of a folder, sorted by name, skipping our temporary files.
std::vector<fs::path> yaml_files(const fs::path& folder) {
  std::vector<fs::path> files;
  if (!fs::is_directory(folder)) return files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const auto name = entry.path().filename().string();
    if (entry.is_regular_file() && entry.path().extension() == ".yaml" &&
        !name.starts_with(io::kTemporaryPrefix)) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool is_yaml_name(std::string_view name) {
  // As std::filesystem::path::extension() has it: ".yaml" alone has none.
  return name.size() > 5 && name.ends_with(".yaml") && !name.starts_with(io::kTemporaryPrefix);
}

struct CloseFolder {
  void operator()(DIR* dir) const { ::closedir(dir); }
};
using Folder = std::unique_ptr<DIR, CloseFolder>;

// The guide files of some company folders, each sorted by name: the same files
// as yaml_files finds.
std::vector<std::vector<GuideFile>> company_guides(std::span<const std::string> folders,
                                                   std::string_view guides_folder, bool stamp) {
  struct Name {
    std::size_t folder = 0;
    std::string name;
    bool typed = false;  // the file system said "regular file"
  };
  std::vector<Folder> open;
  std::vector<Name> names;
  std::vector<io::FolderEntry> asked;  // a stat for every name, or only the untyped
  std::vector<std::size_t> asked_for;  // the name each answer is for
  std::vector<std::string> prefixes;   // "FOLDER/guides/COMPANY/"
  for (std::size_t f = 0; f < folders.size(); ++f) {
    prefixes.push_back(fmt::format("{}/{}/", guides_folder, folders[f]));
    open.emplace_back(::opendir(prefixes.back().c_str()));
    if (!open.back()) {
      throw fs::filesystem_error("cannot open folder", fs::path(prefixes.back()).parent_path(),
                                 std::error_code(errno, std::generic_category()));
    }
    while (const dirent* entry = ::readdir(open.back().get())) {
      const std::string_view name(entry->d_name);
      if (!is_yaml_name(name)) continue;
      const bool typed = entry->d_type == DT_REG;
      if (stamp || !typed) {
        // Follows a symbolic link, as directory_entry::is_regular_file does.
        asked.push_back({::dirfd(open.back().get()), std::string(name)});
        asked_for.push_back(names.size());
      }
      names.push_back({f, std::string(name), typed});
    }
  }
  const auto answers = io::stat_entries(asked);
  std::vector<const std::optional<struct stat>*> answer_of(names.size(), nullptr);
  for (std::size_t i = 0; i < asked.size(); ++i) answer_of[asked_for[i]] = &answers[i];

  std::vector<std::vector<GuideFile>> files(folders.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto& [f, name, typed] = names[i];
    const auto* info = answer_of[i];
    // A typed file that cannot be stat'ed is listed, and reports its error when read.
    if (info && !*info && !typed) continue;
    if (info && *info && !S_ISREG((*info)->st_mode)) continue;
    GuideFile file{prefixes[f] + name, folders[f], name.substr(0, name.size() - 5), std::nullopt};
    if (stamp && *info) file.stamp = stamp_of(**info);
    files[f].push_back(std::move(file));
  }
  for (auto& folder_files : files) {
    std::sort(folder_files.begin(), folder_files.end(),
              [](const GuideFile& a, const GuideFile& b) { return a.path < b.path; });
  }
  return files;
}

}  // namespace

Listing list_catalog(const fs::path& folder, core::Jobs jobs, bool stamp_guides) {
  Listing listing;
  if (fs::exists(folder / "policy.yaml")) listing.policy = folder / "policy.yaml";
  if (fs::exists(folder / "rates.yaml")) listing.rates = folder / "rates.yaml";
  if (fs::exists(folder / "market.yaml")) listing.market = folder / "market.yaml";
  listing.regions = yaml_files(folder / "regions");
  listing.roles = yaml_files(folder / "roles");
  listing.companies = yaml_files(folder / "companies");
  if (fs::is_directory(folder / "guides")) {
    const auto guides_folder = (folder / "guides").string();
    std::vector<std::string> company_folders;  // their names
    for (const auto& entry : fs::directory_iterator(guides_folder)) {
      if (entry.is_directory()) company_folders.push_back(entry.path().filename().string());
    }
    std::sort(company_folders.begin(), company_folders.end());
    // Groups of folders, so that each task on a core lists a few hundred files.
    constexpr std::size_t kFoldersPerGroup = 16;
    const std::size_t groups = (company_folders.size() + kFoldersPerGroup - 1) / kFoldersPerGroup;
    std::vector<std::vector<std::vector<GuideFile>>> by_group(groups);
    std::vector<std::optional<fs::filesystem_error>> errors(groups);
    core::parallel_for(groups, jobs, [&](std::size_t g) {
      const auto first = g * kFoldersPerGroup;
      const auto count = std::min(kFoldersPerGroup, company_folders.size() - first);
      try {
        by_group[g] = company_guides(std::span(company_folders).subspan(first, count),
                                     guides_folder, stamp_guides);
      } catch (const fs::filesystem_error& error) {
        errors[g] = error;
      }
    });
    std::size_t count = 0;
    for (const auto& group : by_group) {
      for (const auto& folder_files : group) count += folder_files.size();
    }
    listing.guides.reserve(count);
    for (std::size_t g = 0; g < groups; ++g) {
      if (errors[g]) throw *errors[g];
      for (auto& folder_files : by_group[g]) {
        for (auto& file : folder_files) listing.guides.push_back(std::move(file));
      }
    }
  }
  return listing;
}

}  // namespace negotiateup::catalog::detail
