#include "render/site_builder.hpp"

#include <absl/container/flat_hash_set.h>
#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <unordered_set>

#include "catalog/lookup.hpp"
#include "core/parallel.hpp"
#include "core/text.hpp"
#include "io/atomic_files.hpp"
#include "io/staged_folder.hpp"
#include "io/stat_batch.hpp"
#include "render/guide_model.hpp"
#include "render/guide_renderer.hpp"
#include "render/input_hash.hpp"

namespace negotiateup::render {
namespace {

namespace fs = std::filesystem;

std::vector<catalog::GuideName> guide_names(const catalog::Catalog& catalog) {
  std::vector<catalog::GuideName> names;
  names.reserve(catalog.guides.size());
  for (const auto& guide : catalog.guides) names.push_back({guide.company, guide.role});
  return names;
}

enum class Outcome { written, unchanged, failed };

struct GuideResult {
  Outcome outcome = Outcome::failed;
  std::string hash;
  core::Error error;  // when failed
};

// The output folder of one company, opened when its first guide is written.
class CompanyFolder {
 public:
  explicit CompanyFolder(fs::path path) : path_(std::move(path)) {}

  core::Result<const io::Folder*> get() {
    if (!folder_) {
      auto opened = io::Folder::open(path_);
      if (!opened) return std::unexpected(opened.error());
      folder_ = std::move(*opened);
    }
    return &*folder_;
  }

 private:
  fs::path path_;
  std::optional<io::Folder> folder_;
};

// Writes a guide's files: straight into the staging folder of a first build, or,
// on a rebuild, those that changed to `replacing`, renamed into place at the end.
GuideResult build_one(const catalog::Lookup& lookup, const catalog::CompanyRole& entry,
                      const TemplateSet& templates, const BuildOptions& options,
                      std::string_view last_hash, bool outputs_present, CompanyFolder& folder,
                      io::PendingFiles* replacing) {
  GuideResult result;
  result.hash =
      fmt::format("{:016x}", guide_input_hash(lookup, entry, templates.digest(), options.today));
  if (outputs_present && last_hash == result.hash) {
    result.outcome = Outcome::unchanged;
    return result;
  }
  try {
    const auto model = build_guide_model(lookup, entry, options.today);
    auto rendered = render_guide(model, templates, lookup.policy());
    const std::array files{io::NamedContent{entry.role + ".md", std::move(rendered.markdown)},
                           io::NamedContent{entry.role + ".html", std::move(rendered.html)},
                           io::NamedContent{entry.role + ".json", std::move(rendered.json)}};
    if (!replacing) {
      const auto open = folder.get();
      auto written = open ? io::write_new_files(**open, files)
                          : core::Result<void>(std::unexpected(open.error()));
      if (!written) {
        result.error = written.error();
        return result;
      }
      result.outcome = Outcome::written;
      return result;
    }
    // Other inputs may still give the same files (a template edit that does not
    // reach this guide's text): those keep their time stamps.
    result.outcome = Outcome::unchanged;
    for (const auto& file : files) {
      const auto added =
          replacing->add_if_changed(fs::path("guides") / entry.company / file.name, file.content);
      if (!added) {
        result.error = added.error();
        result.outcome = Outcome::failed;
        return result;
      }
      if (*added) result.outcome = Outcome::written;
    }
  } catch (const std::exception& error) {
    result.error =
        core::Error::internal(fmt::format("{}/{}: {}", entry.company, entry.role, error.what()));
    result.outcome = Outcome::failed;
  }
  return result;
}

// The index pages and the stylesheet, by their paths in the site, each page made
// on its own, in parallel: 100,000 guides make 2,000 company pages and 50 role
// pages of 2,000 links each.
std::vector<io::FileContent> index_pages(const std::vector<catalog::GuideName>& names,
                                         const catalog::Lookup& lookup,
                                         const TemplateSet& templates, core::Jobs jobs) {
  using Guides = std::vector<const catalog::GuideName*>;
  using BySlug = std::map<std::string, Guides>;
  BySlug by_company;
  BySlug by_role;
  for (const auto& guide : names) {
    by_company[guide.company].push_back(&guide);
    by_role[guide.role].push_back(&guide);
  }
  // The pages by number, for the threads.
  const auto numbered = [](const BySlug& by_slug) {
    std::vector<const BySlug::value_type*> entries;
    for (const auto& entry : by_slug) entries.push_back(&entry);
    return entries;
  };
  const auto company_entries = numbered(by_company);
  const auto role_entries = numbered(by_role);
  const auto page = [&](fs::path path, std::string title, std::string root, TemplateData links,
                        std::string intro = {}) {
    auto context = object_value();
    context["title"] = text_value(std::move(title));
    context["root"] = text_value(std::move(root));
    context["intro"] = text_value(std::move(intro));
    context["roles_link"] = TemplateData(true);
    context["links"] = std::move(links);
    return io::FileContent{std::move(path), templates.render("site/index.html", context)};
  };
  const auto company_page = [&](const std::string& slug, const Guides& guides) {
    auto roles = list_value();
    for (const auto* guide : guides) {
      roles.push_back(link_value("../guides/" + slug + "/" + guide->role + ".html",
                                 lookup.role(guide->role)->name));
    }
    return page(fs::path("companies") / (slug + ".html"),
                lookup.company(slug)->name + ": negotiation guides", "..", std::move(roles));
  };
  const auto role_page = [&](const std::string& slug, const Guides& guides) {
    auto companies = list_value();
    for (const auto* guide : guides) {
      companies.push_back(link_value("../guides/" + guide->company + "/" + slug + ".html",
                                     lookup.company(guide->company)->name));
    }
    return page(fs::path("roles") / (slug + ".html"), lookup.role(slug)->name + " across companies",
                "..", std::move(companies));
  };
  const auto all_companies = [&] {
    auto companies = list_value();
    for (const auto& [slug, guides] : by_company) {
      companies.push_back(link_value("companies/" + slug + ".html", lookup.company(slug)->name,
                                     core::count_of(guides.size(), "role")));
    }
    return page("index.html", "Negotiation guides by company", ".", std::move(companies),
                "Pick a company to see its guides, one per role.");
  };
  const auto all_roles = [&] {
    auto roles = list_value();
    for (const auto& [slug, guides] : by_role) {
      roles.push_back(link_value(slug + ".html", lookup.role(slug)->name,
                                 core::count_of(guides.size(), "company", "companies")));
    }
    return page(fs::path("roles") / "index.html", "Negotiation guides by role", "..",
                std::move(roles));
  };

  const std::size_t companies = company_entries.size();
  const std::size_t roles = role_entries.size();
  std::vector<io::FileContent> pages(companies + roles + 3);
  core::parallel_for(pages.size(), jobs, [&](std::size_t i) {
    if (i < companies) {
      const auto& [slug, guides] = *company_entries[i];
      pages[i] = company_page(slug, guides);
    } else if (i < companies + roles) {
      const auto& [slug, guides] = *role_entries[i - companies];
      pages[i] = role_page(slug, guides);
    } else if (i == companies + roles) {
      pages[i] = all_companies();
    } else if (i == companies + roles + 1) {
      pages[i] = all_roles();
    } else {
      pages[i] = {fs::path("assets") / "style.css", templates.stylesheet()};
    }
  });
  return pages;
}

// The files index_pages writes.
std::vector<fs::path> index_page_paths(const std::vector<catalog::GuideName>& names,
                                       const fs::path& out) {
  std::vector<fs::path> paths{out / "index.html", out / "roles" / "index.html",
                              out / "assets" / "style.css"};
  // The guides come company by company; the roles are few.
  std::vector<std::string_view> companies;
  absl::flat_hash_set<std::string_view> roles;
  for (const auto& guide : names) {
    if (companies.empty() || companies.back() != guide.company) companies.push_back(guide.company);
    roles.insert(guide.role);
  }
  std::sort(companies.begin(), companies.end());
  companies.erase(std::unique(companies.begin(), companies.end()), companies.end());
  for (const auto& company : companies) {
    paths.push_back(out / "companies" / (std::string(company) + ".html"));
  }
  for (const auto& role : roles) paths.push_back(out / "roles" / (std::string(role) + ".html"));
  return paths;
}

// Whether every one of `paths` is there.
bool all_present(const std::vector<fs::path>& paths) {
  return std::ranges::all_of(io::stat_paths(paths),
                             [](const auto& info) { return info.has_value(); });
}

}  // namespace

std::expected<void, core::Diagnostic> check_buildable(const catalog::Catalog& catalog) {
  return check_buildable(catalog, guide_names(catalog));
}

std::expected<void, core::Diagnostic> check_buildable(
    const catalog::Catalog& catalog, const std::vector<catalog::GuideName>& all_guides) {
  std::unordered_set<std::string_view> roles_in_use;
  for (const auto& guide : all_guides) roles_in_use.insert(guide.role);
  for (const auto& role : catalog.roles) {
    if (!roles_in_use.contains(role.slug)) {
      return std::unexpected(core::Diagnostic{
          role.source.file, role.source.line,
          fmt::format("role '{}' is in no company's guides; expected a file guides/COMPANY/{}.yaml "
                      "for at least one company, or no roles/{}.yaml",
                      role.slug, role.slug, role.slug)});
    }
  }
  for (const auto& guide : catalog.guides) {
    if (guide.bands.empty()) {
      return std::unexpected(
          core::Diagnostic{guide.source.file, guide.source.line,
                           "the guide has no bands; expected at least one region under 'bands'"});
    }
  }
  return {};
}

std::uint64_t build_inputs(const TemplateSet& templates, core::Date today) {
  const std::int64_t values[] = {
      static_cast<std::int64_t>(templates.digest()),
      static_cast<std::int64_t>(std::chrono::sys_days(today).time_since_epoch().count())};
  return XXH3_64bits(values, sizeof values);
}

core::Result<BuildSummary> build_site(const catalog::Catalog& catalog, const TemplateSet& templates,
                                      const BuildOptions& options) {
  auto manifest = BuildManifest::read(options.out);
  const auto all_guides = guide_names(catalog);
  std::vector<std::size_t> every(catalog.guides.size());
  for (std::size_t i = 0; i < every.size(); ++i) every[i] = i;
  return build_site(catalog, templates, options, BuildPlan{every, all_guides, manifest, false, {}});
}

core::Result<BuildSummary> build_site(const catalog::Catalog& catalog, const TemplateSet& templates,
                                      const BuildOptions& options, const BuildPlan& plan) {
  const catalog::Lookup lookup(catalog);
  auto& manifest = plan.manifest;
  const auto& all_guides = plan.all_guides;
  const auto& to_build = plan.to_build;

  // A first build fills a staging folder beside OUT and renames it to OUT at the
  // end: no reader sees a half-built site, and no file needs a name of its own
  // to be written under first.
  std::optional<io::StagedFolder> staged;
  std::error_code missing;
  if (!fs::exists(options.out, missing)) {
    auto created = io::StagedFolder::create(options.out);
    if (!created) return std::unexpected(created.error());
    staged.emplace(std::move(*created));
  }
  const fs::path& root = staged ? staged->path() : options.out;
  // What a rebuild changes, and the pages and manifest of any build, are renamed
  // into place together at the end (docs/architecture.md, "Writes").
  auto pending = io::PendingFiles::begin(root, io::Durability::unflushed);
  if (!pending) return std::unexpected(pending.error());
  // The catalog cache, written meanwhile. Declared after `pending`: a return
  // before the commit waits for it, then removes what it wrote. With no files to
  // write, no thread for them.
  const auto writing_jobs = plan.extra_files.empty() ? core::Jobs{1} : options.jobs;
  auto extra_files = core::in_background(
      writing_jobs, [&root, &files = plan.extra_files]() -> core::Result<io::PendingFiles> {
        auto extra = io::PendingFiles::begin(root, io::Durability::unflushed);
        if (!extra) return extra;
        for (const auto& file : files) {
          if (auto added = extra->add(file.name, file.content); !added) {
            return std::unexpected(added.error());
          }
        }
        return extra;
      });

  const std::size_t total = to_build.size();
  // The manifest is read in catalog order, before the threads start.
  std::vector<char> present(total);
  std::vector<std::string_view> last_hash(total);
  // Guides are handed out a company at a time: each thread creates files in its
  // own folder, as two threads creating files in one folder wait for its lock.
  std::vector<std::size_t> company_starts;
  for (std::size_t i = 0; i < total; ++i) {
    const auto& guide = catalog.guides[to_build[i]];
    present[i] = manifest.outputs_present(guide.company, guide.role);
    last_hash[i] = manifest.hash(guide.company, guide.role);
    if (i == 0 || catalog.guides[to_build[i - 1]].company != guide.company) {
      company_starts.push_back(i);
    }
  }
  company_starts.push_back(total);
  std::vector<GuideResult> results(total);
  std::atomic<std::size_t> done{0};
  std::mutex progress_mutex;
  core::parallel_for(company_starts.size() - 1, options.jobs, [&](std::size_t c) {
    const auto& company = catalog.guides[to_build[company_starts[c]]].company;
    CompanyFolder folder(root / "guides" / company);
    for (std::size_t i = company_starts[c]; i < company_starts[c + 1]; ++i) {
      results[i] = build_one(lookup, catalog.guides[to_build[i]], templates, options, last_hash[i],
                             present[i] != 0, folder, staged ? nullptr : &*pending);
      const auto finished = ++done;
      if (options.progress && (finished % 256 == 0 || finished == total)) {
        const std::lock_guard lock(progress_mutex);
        options.progress(finished, total);
      }
    }
  });

  BuildSummary summary;
  std::vector<std::string_view> hashes(all_guides.size());
  // Both in catalog order: the guides built are met on the way.
  std::size_t built = 0;
  for (std::size_t a = 0; a < all_guides.size(); ++a) {
    const auto& name = all_guides[a];
    const auto* guide = built < total ? &catalog.guides[to_build[built]] : nullptr;
    if (!guide || guide->company != name.company || guide->role != name.role) {
      // Not to build: unchanged since the last build, which wrote it.
      hashes[a] = manifest.hash(name.company, name.role);
      if (!hashes[a].empty()) ++summary.unchanged;
      continue;
    }
    const auto& result = results[built++];
    switch (result.outcome) {
      case Outcome::written:
        ++summary.written;
        hashes[a] = result.hash;
        break;
      case Outcome::unchanged:
        ++summary.unchanged;
        hashes[a] = result.hash;
        break;
      case Outcome::failed:
        ++summary.failed;
        summary.failures.push_back(result.error);
        break;
    }
  }
  // All or nothing: when a guide failed, nothing of this build is put in place
  // (the last site stays as it was, and a first build leaves none).
  if (summary.failed > 0) {
    summary.written = 0;
    return summary;
  }
  // A partial build changed neither the companies, the roles nor the guides
  // they list: only a page that is missing is written.
  const bool pages_missing = !plan.partial || !all_present(index_page_paths(all_guides, root));
  if (pages_missing) {
    for (const auto& page : index_pages(all_guides, lookup, templates, options.jobs)) {
      if (auto added = pending->add_if_changed(page.path, page.content); !added) {
        return std::unexpected(added.error());
      }
    }
  }
  // Renamed in last, with the files it describes and in the same commit: a build
  // that fails leaves the last manifest. The stamps it records of the folders the
  // commit renames into are then out of date, which costs the next rebuild only
  // a look at those folders' files. Compared with the text read at the start
  // rather than with the file again.
  auto text =
      BuildManifest::write(root, build_inputs(templates, options.today), all_guides, hashes);
  if (text != manifest.text()) {
    if (auto added = pending->add(BuildManifest::kFile, text); !added) {
      return std::unexpected(added.error());
    }
  }
  // The catalog cache says which guides a rebuild may skip, so it must never
  // outlive the build it was written with: the old one goes before anything of
  // this build is in place, and the new one comes after all of it. A kill between
  // the two costs the next rebuild its speed, never its correctness.
  for (const auto& file : plan.extra_files) {
    std::error_code removed;
    fs::remove(root / file.name, removed);
    if (removed) {
      return std::unexpected(io::describe_error_code("cannot remove the stale catalog cache",
                                                     root / file.name, removed));
    }
  }
  if (auto committed = pending->commit(); !committed) return std::unexpected(committed.error());
  if (auto extras = extra_files.get(); !extras) {
    summary.warnings.push_back(extras.error().to_string());
  } else if (auto committed = extras->commit(); !committed) {
    summary.warnings.push_back(committed.error().to_string());
  }
  if (staged) {
    if (auto published = staged->publish(); !published) {
      return std::unexpected(published.error());
    }
  }
  return summary;
}

}  // namespace negotiateup::render
