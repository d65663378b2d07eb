#pragma once

// The catalog reader's pieces, shared by the plain load (catalog_reader.cpp) and
// the cached one (cached_load.cpp); not for use outside the catalog module.

#include <exception>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.hpp"
#include "catalog/catalog_cache.hpp"
#include "core/diagnostic.hpp"
#include "core/parallel.hpp"
#include "yaml/yaml_reader.hpp"

namespace negotiateup::catalog::detail {

// Reads `count` guides on `jobs` threads, read(i) giving the i-th. The first error
// in file order is the one thrown (yaml::ReadError, at path_of(i) for other
// errors), whatever the threads did.
template <typename PathOf, typename Read>
std::vector<CompanyRole> read_guides(std::size_t count, core::Jobs jobs, PathOf path_of,
                                     Read read) {
  std::vector<std::optional<CompanyRole>> guides(count);
  std::vector<std::optional<core::Diagnostic>> errors(count);
  core::parallel_for(count, jobs, [&](std::size_t i) {
    try {
      guides[i] = read(i);
    } catch (const yaml::ReadError& error) {
      errors[i] = error.diagnostic();
    } catch (const std::filesystem::filesystem_error& error) {
      // A file that cannot be read is the input's problem; anything else thrown
      // is a bug, and reaches the caller as one.
      errors[i] = core::Diagnostic{path_of(i), 0, error.code().message()};
    }
  });
  std::vector<CompanyRole> result;
  result.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    if (errors[i]) throw yaml::ReadError(*errors[i]);
    result.push_back(std::move(*guides[i]));
  }
  return result;
}

struct GuideFile {
  std::string path;  // FOLDER/guides/COMPANY/ROLE.yaml, spelt as std::filesystem spells it
  std::string company;
  std::string role;
  std::optional<FileStamp> stamp;  // when the listing was asked for stamps
};

// The files of a catalog folder in the order they are read. Throws
// yaml::ReadError or std::filesystem::filesystem_error.
struct Listing {
  std::optional<std::filesystem::path> policy;
  std::optional<std::filesystem::path> rates;
  std::optional<std::filesystem::path> market;
  std::vector<std::filesystem::path> regions;
  std::vector<std::filesystem::path> roles;
  std::vector<std::filesystem::path> companies;
  std::vector<GuideFile> guides;
};
// With `stamp_guides`, each guide file's stamp is taken as it is listed (a stat
// beside the folder's listing costs less than one by the whole path). The guide
// folders are listed on `jobs` threads.
Listing list_catalog(const std::filesystem::path& folder, core::Jobs jobs,
                     bool stamp_guides = false);

// One file each; they throw yaml::ReadError with the file and line.
core::Policy read_policy(const std::filesystem::path& path);
core::ExchangeRates read_rates(const std::filesystem::path& path);
MarketBands read_market(const std::filesystem::path& path);
Region read_region(const std::filesystem::path& path);
Role read_role(const std::filesystem::path& path);
Company read_company(const std::filesystem::path& path);
CompanyRole read_guide(const std::filesystem::path& path, std::string company);

}  // namespace negotiateup::catalog::detail
