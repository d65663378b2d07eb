#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "catalog/catalog_reading.hpp"
#include "io/atomic_files.hpp"

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

// The guide files of one company folder, sorted by name; the same files as
// yaml_files finds, through one open folder.
std::vector<GuideFile> company_guides(const fs::path& folder, const std::string& company,
                                      bool stamp) {
  std::vector<GuideFile> files;
  DIR* dir = ::opendir(folder.c_str());
  if (!dir) {
    throw fs::filesystem_error("cannot open folder", folder,
                               std::error_code(errno, std::generic_category()));
  }
  const std::string prefix = folder.string() + "/";
  while (const dirent* entry = ::readdir(dir)) {
    const std::string_view name(entry->d_name);
    if (!is_yaml_name(name)) continue;
    struct stat info {};
    const bool known = entry->d_type == DT_REG;
    if (!known || stamp) {
      // Follows a symbolic link, as directory_entry::is_regular_file does.
      if (::fstatat(::dirfd(dir), entry->d_name, &info, 0) != 0) {
        if (known)
          files.push_back({prefix + std::string(name), company,
                           std::string(name.substr(0, name.size() - 5)), std::nullopt});
        continue;
      }
      if (!S_ISREG(info.st_mode)) continue;
    }
    GuideFile file{prefix + std::string(name), company,
                   std::string(name.substr(0, name.size() - 5)), std::nullopt};
    if (stamp) file.stamp = stamp_of(info);
    files.push_back(std::move(file));
  }
  ::closedir(dir);
  std::sort(files.begin(), files.end(),
            [](const GuideFile& a, const GuideFile& b) { return a.path < b.path; });
  return files;
}

}  // namespace

Listing list_catalog(const fs::path& folder, bool stamp_guides) {
  Listing listing;
  if (fs::exists(folder / "policy.yaml")) listing.policy = folder / "policy.yaml";
  if (fs::exists(folder / "rates.yaml")) listing.rates = folder / "rates.yaml";
  listing.regions = yaml_files(folder / "regions");
  listing.roles = yaml_files(folder / "roles");
  listing.companies = yaml_files(folder / "companies");
  if (fs::is_directory(folder / "guides")) {
    std::vector<fs::path> company_folders;
    for (const auto& entry : fs::directory_iterator(folder / "guides")) {
      if (entry.is_directory()) company_folders.push_back(entry.path());
    }
    std::sort(company_folders.begin(), company_folders.end());
    std::vector<std::vector<GuideFile>> by_company(company_folders.size());
    std::vector<std::optional<fs::filesystem_error>> errors(company_folders.size());
    on_every_core(company_folders.size(), [&](std::size_t i) {
      try {
        by_company[i] = company_guides(company_folders[i], company_folders[i].filename().string(),
                                       stamp_guides);
      } catch (const fs::filesystem_error& error) {
        errors[i] = error;
      }
    });
    for (std::size_t i = 0; i < by_company.size(); ++i) {
      if (errors[i]) throw *errors[i];
      for (auto& file : by_company[i]) listing.guides.push_back(std::move(file));
    }
  }
  return listing;
}

}  // namespace negotiateup::catalog::detail
