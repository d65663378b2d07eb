#include "catalog/cached_load.hpp"

#include <algorithm>
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <set>

#include "catalog/catalog_cache.hpp"
#include "catalog/catalog_files.hpp"
#include "catalog/catalog_reading.hpp"
#include "catalog/guide_inputs.hpp"
#include "core/parallel.hpp"
#include "io/stat_batch.hpp"
#include "yaml/yaml_reader.hpp"

namespace negotiateup::catalog {
namespace {

namespace fs = std::filesystem;

// A partial load writes the cache anew (94 MB for 100,000 guides) only once the
// guide files it parses again on every rebuild are more than 1 in this many: on
// the development machine a guide file parses in about 80 us and an entry is
// copied into a new cache in about 2 us.
constexpr std::size_t kFilesPerStaleBeforeRewrite = 64;

// Items too small to hand out one at a time (a comparison, a lookup) go to the
// threads in chunks of this many.
constexpr std::size_t kSmallItemsPerChunk = 4096;

struct Listed {
  std::string_view name;  // the path, as diagnostics and the cache spell it
  CachedKind kind = CachedKind::other;
  std::optional<FileStamp> stamp;
  const CatalogCache::Entry* cached = nullptr;  // when it stands for the file as it is
};

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Every file in the order it is read; `first_guide` is where the guides start.
// The listing had the guides' stamps taken.
std::vector<Listed> list(const detail::Listing& listing, const CatalogCache& cache,
                         std::size_t& first_guide, std::deque<std::string>& names,
                         core::Jobs jobs) {
  std::vector<Listed> files;
  files.reserve(listing.guides.size() + listing.companies.size() + listing.regions.size() +
                listing.roles.size() + 3);
  // The guides were stamped by the listing; the other files are stamped here.
  std::vector<fs::path> others;
  const auto add = [&](const fs::path& path, CachedKind kind) {
    files.push_back(Listed{names.emplace_back(path.string()), kind, std::nullopt, nullptr});
    others.push_back(path);
  };
  if (listing.policy) add(*listing.policy, CachedKind::other);
  if (listing.rates) add(*listing.rates, CachedKind::other);
  if (listing.market) add(*listing.market, CachedKind::other);
  for (const auto& path : listing.regions) add(path, CachedKind::other);
  for (const auto& path : listing.roles) add(path, CachedKind::other);
  for (const auto& path : listing.companies) add(path, CachedKind::company);
  const auto found = io::stat_paths(others);
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (found[i]) files[i].stamp = stamp_of(*found[i]);
  }
  first_guide = files.size();
  for (const auto& guide : listing.guides) {
    files.push_back(Listed{guide.path, CachedKind::guide, guide.stamp, nullptr});
  }
  // The files are most often those of the cache, in its order: no lookup by name,
  // and the comparisons in parallel (100,000 paths take 10 ms on one core).
  const auto& entries = cache.entries();
  std::vector<std::size_t> moved;  // files not where the cache has them
  std::mutex moved_mutex;
  core::parallel_for_chunks(files.size(), kSmallItemsPerChunk, jobs,
                            [&](std::size_t from, std::size_t to) {
                              for (std::size_t i = from; i < to; ++i) {
                                auto& file = files[i];
                                if (!file.stamp) continue;
                                if (i < entries.size() && entries[i].path == file.name) {
                                  if (CatalogCache::current(entries[i], file.stamp))
                                    file.cached = &entries[i];
                                } else {
                                  const std::lock_guard lock(moved_mutex);
                                  moved.push_back(i);
                                }
                              }
                            });
  for (const auto i : moved) files[i].cached = cache.find(files[i].name, *files[i].stamp);
  return files;
}

void read_small_files(const detail::Listing& listing, Catalog& catalog) {
  if (listing.policy) catalog.policy = detail::read_policy(*listing.policy);
  if (listing.rates) catalog.rates = detail::read_rates(*listing.rates);
  if (listing.market) catalog.market = detail::read_market(*listing.market);
  for (const auto& path : listing.regions) catalog.regions.push_back(detail::read_region(path));
  for (const auto& path : listing.roles) catalog.roles.push_back(detail::read_role(path));
}

// Reads the guides at `indexes` of the listing (parsed or from the cache) in
// parallel. The first error in file order is thrown, as a plain load does.
std::vector<CompanyRole> read_guides(const detail::Listing& listing,
                                     const std::vector<Listed>& files, std::size_t first_guide,
                                     const CatalogCache& cache,
                                     const std::vector<std::size_t>& indexes, core::Jobs jobs) {
  return detail::read_guides(
      indexes.size(), jobs, [&](std::size_t i) { return listing.guides[indexes[i]].path; },
      [&](std::size_t i) {
        const auto& guide = listing.guides[indexes[i]];
        const auto& file = files[first_guide + indexes[i]];
        std::optional<CompanyRole> cached;
        if (file.cached) cached = cache.guide(*file.cached, file.name);
        return cached ? std::move(*cached) : detail::read_guide(guide.path, guide.company);
      });
}

std::size_t cached_count(const std::vector<Listed>& files, std::size_t from, std::size_t to) {
  return static_cast<std::size_t>(
      std::count_if(files.begin() + static_cast<std::ptrdiff_t>(from),
                    files.begin() + static_cast<std::ptrdiff_t>(to),
                    [](const Listed& file) { return file.cached != nullptr; }));
}

// The partial load can stand for a whole one only when the files are those of
// the cache, in the same order, and only guide files changed.
bool only_guides_changed(const std::vector<Listed>& files, std::size_t first_guide,
                         const CatalogCache& cache) {
  const auto& entries = cache.entries();
  if (entries.size() != files.size()) return false;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (entries[i].path != files[i].name || entries[i].kind != files[i].kind) return false;
    if (i < first_guide && !files[i].cached) return false;
  }
  return true;
}

std::optional<std::string> next_cache(const std::vector<Listed>& files, const CatalogCache& cache,
                                      std::int64_t started,
                                      const std::vector<const Company*>& companies,
                                      const std::vector<const CompanyRole*>& guides,
                                      std::size_t first_guide, core::Jobs jobs) {
  // Encoded in parallel, a chunk at a time (a chunk's encodings are held until
  // they are added): one after the other, 100,000 guides took a third of a second
  // while the other core waited.
  constexpr std::size_t kChunk = 8192;
  const std::size_t first_company = first_guide - companies.size();
  CatalogCacheWriter next(started);
  // About what a guide's entry takes; a larger catalog only grows the buffer.
  next.reserve(files.size(), files.size() * 1024);
  std::vector<CatalogCacheWriter::Encoded> encoded;
  for (std::size_t from = 0; from < files.size(); from += kChunk) {
    const std::size_t to = std::min(files.size(), from + kChunk);
    encoded.assign(to - from, {});
    core::parallel_for(to - from, jobs, [&](std::size_t k) {
      const std::size_t i = from + k;
      const auto& file = files[i];
      if (!file.stamp || file.cached || file.kind == CachedKind::other) return;
      if (file.kind == CachedKind::company) {
        encoded[k] = CatalogCacheWriter::encode(*companies[i - first_company]);
      } else if (const auto* guide = guides[i - first_guide]) {
        encoded[k] = CatalogCacheWriter::encode(*guide);
      }
    });
    for (std::size_t i = from; i < to; ++i) {
      const auto& file = files[i];
      if (!file.stamp) continue;
      if (file.cached) {
        next.add_stored(cache, *file.cached);
      } else if (file.kind == CachedKind::other) {
        next.add_file(file.name, *file.stamp);
      } else if (encoded[i - from].kind != CachedKind::other) {
        next.add(file.name, *file.stamp, encoded[i - from]);
      }
    }
  }
  return std::move(next).finish();
}

std::expected<CachedLoad, core::Diagnostic> load_whole(const detail::Listing& listing,
                                                       const std::vector<Listed>& files,
                                                       std::size_t first_guide,
                                                       const CatalogCache& cache,
                                                       std::int64_t started, core::Jobs jobs) {
  CachedLoad result;
  auto& catalog = result.catalog;
  read_small_files(listing, catalog);
  const std::size_t first_company = first_guide - listing.companies.size();
  for (std::size_t i = 0; i < listing.companies.size(); ++i) {
    const auto& file = files[first_company + i];
    std::optional<Company> company;
    if (file.cached) company = cache.company(*file.cached, file.name);
    catalog.companies.push_back(company ? std::move(*company)
                                        : detail::read_company(listing.companies[i]));
  }
  std::vector<std::size_t> all(listing.guides.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  catalog.guides = read_guides(listing, files, first_guide, cache, all, jobs);
  if (auto valid = validate_catalog(catalog); !valid) return std::unexpected(valid.error());
  result.to_build = std::move(all);
  result.from_cache = cached_count(files, first_company, files.size());
  result.parsed = files.size() - result.from_cache;
  if (cached_count(files, 0, files.size()) != files.size() ||
      files.size() != cache.entries().size()) {
    std::vector<const Company*> companies;
    for (const auto& company : catalog.companies) companies.push_back(&company);
    std::vector<const CompanyRole*> guides;
    for (const auto& guide : catalog.guides) guides.push_back(&guide);
    result.cache = next_cache(files, cache, started, companies, guides, first_guide, jobs);
  }
  return result;
}

// Nothing when the cache turns out damaged: the caller then reads the whole catalog.
std::optional<std::expected<CachedLoad, core::Diagnostic>> load_partial(
    const detail::Listing& listing, const std::vector<Listed>& files, std::size_t first_guide,
    const CatalogCache& cache, std::int64_t started, const OutputsPresent& outputs_present,
    core::Jobs jobs) {
  CachedLoad result;
  result.partial = true;
  auto& catalog = result.catalog;
  read_small_files(listing, catalog);
  const std::size_t first_company = first_guide - listing.companies.size();
  // 2,000 companies take 10 ms to decode: in parallel.
  std::vector<std::optional<Company>> decoded(listing.companies.size());
  core::parallel_for(decoded.size(), jobs, [&](std::size_t i) {
    const auto& file = files[first_company + i];
    decoded[i] = cache.company(*file.cached, file.name);
  });
  for (auto& company : decoded) {
    if (!company) return std::nullopt;
    catalog.companies.push_back(std::move(*company));
  }
  const auto guide_file = [&](std::size_t i) -> const Listed& { return files[first_guide + i]; };
  std::vector<std::size_t> changed;
  std::set<std::string, std::less<>> changed_companies;
  for (std::size_t i = 0; i < listing.guides.size(); ++i) {
    if (!guide_file(i).cached) {
      changed.push_back(i);
      changed_companies.insert(listing.guides[i].company);
    }
  }
  auto parsed = read_guides(listing, files, first_guide, cache, changed, jobs);
  // Few of the guides in a large catalog: by index, in file order.
  std::map<std::size_t, CompanyRole> loaded;
  for (std::size_t k = 0; k < changed.size(); ++k) loaded.emplace(changed[k], std::move(parsed[k]));
  const auto load = [&](std::size_t i) {
    auto guide = cache.guide(*guide_file(i).cached, guide_file(i).name);
    if (guide) loaded.emplace(i, std::move(*guide));
    return guide.has_value();
  };

  // Whether a guide's inputs changed (guide_inputs.hpp: only the guide files
  // changed, so its own or those of a company it reads), in parallel; whether its
  // outputs are there, in order (the manifest is read front to back).
  std::vector<char> inputs_changed(listing.guides.size());
  core::parallel_for_chunks(
      listing.guides.size(), kSmallItemsPerChunk, jobs, [&](std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i) {
          inputs_changed[i] =
              !guide_file(i).cached || cache.quotes_any(*guide_file(i).cached, changed_companies);
        }
      });
  std::set<std::size_t> build;
  std::set<std::string, std::less<>> quoted;
  for (std::size_t i = 0; i < listing.guides.size(); ++i) {
    const auto& guide = listing.guides[i];
    const bool is_changed = !guide_file(i).cached;
    if (!inputs_changed[i] && outputs_present(guide.company, guide.role)) continue;
    build.insert(i);
    if (!is_changed && !load(i)) return std::nullopt;
    for (auto& company : companies_read(loaded.at(i))) quoted.insert(std::move(company));
  }
  // Which of those companies' guides a guide reads depends on their levels: all of them.
  for (std::size_t i = 0; i < listing.guides.size(); ++i) {
    if (!quoted.contains(listing.guides[i].company) || loaded.contains(i)) continue;
    if (!load(i)) return std::nullopt;
  }
  result.all_guides.reserve(listing.guides.size());
  for (const auto& guide : listing.guides) result.all_guides.push_back({guide.company, guide.role});
  catalog.guides.reserve(loaded.size());
  for (auto& [i, guide] : loaded) {
    if (build.contains(i)) result.to_build.push_back(catalog.guides.size());
    catalog.guides.push_back(std::move(guide));
  }
  if (auto valid = validate_catalog(catalog); !valid) return std::unexpected(valid.error());
  result.parsed = first_company + changed.size();
  result.from_cache = catalog.guides.size() - changed.size() + listing.companies.size();
  if (!changed.empty() && changed.size() * kFilesPerStaleBeforeRewrite >= files.size()) {
    std::vector<const Company*> companies;
    for (const auto& company : catalog.companies) companies.push_back(&company);
    std::vector<const CompanyRole*> guides(listing.guides.size(), nullptr);
    for (std::size_t i = 0, k = 0; i < listing.guides.size(); ++i) {
      if (guide_file(i).cached) continue;
      // The changed guides are all loaded, in file order.
      while (catalog.guides[k].company != listing.guides[i].company ||
             catalog.guides[k].role != listing.guides[i].role) {
        ++k;
      }
      guides[i] = &catalog.guides[k];
    }
    result.cache = next_cache(files, cache, started, companies, guides, first_guide, jobs);
  }
  return result;
}

}  // namespace

std::expected<CachedLoad, core::Diagnostic> load_catalog_cached(const fs::path& folder,
                                                                const fs::path& cache_file,
                                                                const LastBuild& last_build,
                                                                core::Jobs jobs) {
  const auto started = now_ns();
  if (!fs::exists(folder) || !fs::is_directory(folder)) {
    auto catalog = load_catalog(folder, jobs);
    if (!catalog) return std::unexpected(catalog.error());
    return CachedLoad{std::move(*catalog), false, {}, {}, 0, 0, std::nullopt};
  }
  // Mapped and indexed (10 ms for 100,000 guides) while the catalog is listed.
  auto opening =
      core::in_background(jobs, [&cache_file] { return CatalogCache::open(cache_file); });
  try {
    const auto listing = detail::list_catalog(folder, jobs, true);
    const auto cache = opening.get();
    std::size_t first_guide = 0;
    std::deque<std::string> names;  // of the files that are not guides; `files` views them
    const auto files = list(listing, cache, first_guide, names, jobs);
    const auto* outputs_present = last_build ? last_build() : nullptr;
    if (outputs_present && only_guides_changed(files, first_guide, cache)) {
      if (auto partial =
              load_partial(listing, files, first_guide, cache, started, *outputs_present, jobs)) {
        return std::move(*partial);
      }
    }
    auto whole = load_whole(listing, files, first_guide, cache, started, jobs);
    if (whole) {
      for (const auto& guide : whole->catalog.guides) {
        whole->all_guides.push_back({guide.company, guide.role});
      }
    }
    return whole;
  } catch (const yaml::ReadError& error) {
    return std::unexpected(error.diagnostic());
  } catch (const fs::filesystem_error& error) {
    return std::unexpected(core::Diagnostic{error.path1().string(), 0, error.what()});
  }
}

}  // namespace negotiateup::catalog
