#pragma once

#include <cstddef>
#include <expected>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "catalog/cached_load.hpp"
#include "catalog/catalog.hpp"
#include "core/date.hpp"
#include "core/diagnostic.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "io/folder.hpp"
#include "render/build_manifest.hpp"
#include "render/template_set.hpp"

namespace negotiateup::render {

struct BuildOptions {
  std::filesystem::path out;
  core::Date today;
  // Guides and index pages are made on these threads; the plan's extra files are
  // written on one of their own unless jobs allows one thread only.
  core::Jobs jobs;
  // Called now and then from the building threads with (done, total).
  std::function<void(std::size_t, std::size_t)> progress;
};

// When a guide failed, nothing was written: `written` is 0.
struct BuildSummary {
  std::size_t written = 0;
  std::size_t unchanged = 0;
  std::size_t failed = 0;
  std::vector<core::Error> failures;  // of the guides that failed
  // What went wrong with the plan's extra files, which the site does without.
  std::vector<std::string> warnings;
};

// Checks a catalog for what would make a guide wrong or empty before anything is
// written: a role that no company has, a guide without any band.
std::expected<void, core::Diagnostic> check_buildable(const catalog::Catalog& catalog);
// The same for a partial load: `catalog` holds only some guides, `all_guides`
// names every guide of the site.
std::expected<void, core::Diagnostic> check_buildable(
    const catalog::Catalog& catalog, const std::vector<catalog::GuideName>& all_guides);

// What every guide's input hash shares (the templates, the date): a rebuild with
// other inputs builds everything.
std::uint64_t build_inputs(const TemplateSet& templates, core::Date today);

// A build of some guides of a catalog, as load_catalog_cached plans it.
struct BuildPlan {
  const std::vector<std::size_t>& to_build;           // into catalog.guides
  const std::vector<catalog::GuideName>& all_guides;  // every guide of the site, in catalog order
  BuildManifest& manifest;                            // the last build's
  // Only guide files changed: the index pages are written only when missing.
  bool partial = false;
  // Files for OUT's own folder that only a rebuild needs (the catalog cache: 94 MB
  // for 100,000 guides): written on a thread of their own while the guides are
  // built, and renamed into place only when the site is complete.
  std::span<const io::NamedContent> extra_files;
};

// Writes every guide (OUT/guides/{company}/{role}.md, .html, .json) and the index
// pages, in parallel. A guide whose inputs (its catalog entries, its peers' bands,
// the policy, the templates) hash as in the last build, and whose files are
// there, is not written again. Every file goes to a temporary name first and is
// renamed into place, so an interrupted build leaves the old files whole; a first
// build (OUT does not exist) writes into a staging folder renamed to OUT at the end.
// The guides not in the plan's `to_build` keep their files and manifest entries.
core::Result<BuildSummary> build_site(const catalog::Catalog& catalog, const TemplateSet& templates,
                                      const BuildOptions& options, const BuildPlan& plan);
// The plan of a whole catalog: every guide, the last build's manifest read from OUT.
core::Result<BuildSummary> build_site(const catalog::Catalog& catalog, const TemplateSet& templates,
                                      const BuildOptions& options);

}  // namespace negotiateup::render
