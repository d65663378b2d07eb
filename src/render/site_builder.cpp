#include "render/site_builder.hpp"

#include <fmt/format.h>

#include <atomic>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "catalog/lookup.hpp"
#include "io/atomic_files.hpp"
#include "io/read_file.hpp"
#include "render/guide_model.hpp"
#include "render/guide_renderer.hpp"
#include "render/html.hpp"
#include "render/input_hash.hpp"

namespace negotiateup::render {
namespace {

namespace fs = std::filesystem;

// What the last build wrote: each guide's input hash, to skip unchanged guides.
constexpr std::string_view kManifest = ".negotiateup-build.json";

std::map<std::string, std::string> read_manifest(const fs::path& out) {
  std::map<std::string, std::string> hashes;
  const auto text = io::read_file(out / kManifest).value_or("");
  // A missing or damaged manifest only means a full build.
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_object() && json.contains("guides") && json["guides"].is_object()) {
    for (const auto& [key, value] : json["guides"].items()) {
      if (value.is_string()) hashes[key] = value.get<std::string>();
    }
  }
  return hashes;
}

enum class Outcome { written, unchanged, failed };

struct GuideResult {
  Outcome outcome = Outcome::failed;
  std::string hash;
  std::string error;
};

GuideResult build_one(const catalog::Lookup& lookup, const catalog::CompanyRole& entry,
                      const TemplateSet& templates, const BuildOptions& options,
                      const std::map<std::string, std::string>& manifest) {
  GuideResult result;
  const auto relative = fs::path("guides") / entry.company / entry.role;
  result.hash =
      fmt::format("{:016x}", guide_input_hash(lookup, entry, templates.digest(), options.today));
  const auto base = options.out / relative;
  const auto previous = manifest.find(relative.string());
  if (previous != manifest.end() && previous->second == result.hash &&
      fs::exists(fs::path(base).concat(".md")) && fs::exists(fs::path(base).concat(".html")) &&
      fs::exists(fs::path(base).concat(".json"))) {
    result.outcome = Outcome::unchanged;
    return result;
  }
  try {
    const auto model = build_guide_model(lookup, entry, options.today);
    auto rendered = render_guide(model, templates, lookup.policy());
    const auto written =
        io::write_files_atomically({{fs::path(base).concat(".md"), std::move(rendered.markdown)},
                                    {fs::path(base).concat(".html"), std::move(rendered.html)},
                                    {fs::path(base).concat(".json"), std::move(rendered.json)}},
                                   io::Durability::unflushed);
    if (!written) {
      result.error = written.error();
      return result;
    }
    result.outcome = Outcome::written;
  } catch (const std::exception& error) {
    result.error = fmt::format("{}/{}: {}", entry.company, entry.role, error.what());
  }
  return result;
}

mstch::map link(std::string href, std::string text, std::string note = {}) {
  return mstch::map{
      {"href", escape_html(href)}, {"text", escape_html(text)}, {"note", escape_html(note)}};
}

std::vector<io::FileContent> index_pages(const catalog::Catalog& catalog,
                                         const catalog::Lookup& lookup,
                                         const TemplateSet& templates, const fs::path& out) {
  std::vector<io::FileContent> pages;
  const auto page = [&](fs::path path, std::string title, std::string root, mstch::array links,
                        std::string intro = {}) {
    pages.push_back(
        {out / path, templates.render_index_page(mstch::map{{"title", escape_html(title)},
                                                            {"root", std::move(root)},
                                                            {"intro", escape_html(intro)},
                                                            {"roles_link", true},
                                                            {"links", std::move(links)}})});
  };
  std::map<std::string, std::vector<const catalog::CompanyRole*>> by_company;
  std::map<std::string, std::vector<const catalog::CompanyRole*>> by_role;
  for (const auto& guide : catalog.guides) {
    by_company[guide.company].push_back(&guide);
    by_role[guide.role].push_back(&guide);
  }
  mstch::array companies;
  for (const auto& [slug, guides] : by_company) {
    const auto* company = lookup.company(slug);
    companies.push_back(link("companies/" + slug + ".html", company->name,
                             fmt::format("{} role(s)", guides.size())));
    mstch::array roles;
    for (const auto* guide : guides) {
      roles.push_back(
          link("../guides/" + slug + "/" + guide->role + ".html", lookup.role(guide->role)->name));
    }
    page(fs::path("companies") / (slug + ".html"), company->name + ": negotiation guides", "..",
         std::move(roles));
  }
  page("index.html", "Negotiation guides by company", ".", std::move(companies),
       "Pick a company to see its guides, one per role.");
  mstch::array roles;
  for (const auto& [slug, guides] : by_role) {
    const auto* role = lookup.role(slug);
    roles.push_back(
        link(slug + ".html", role->name, fmt::format("{} company(ies)", guides.size())));
    mstch::array companies_for_role;
    for (const auto* guide : guides) {
      companies_for_role.push_back(link("../guides/" + guide->company + "/" + slug + ".html",
                                        lookup.company(guide->company)->name));
    }
    page(fs::path("roles") / (slug + ".html"), role->name + " across companies", "..",
         std::move(companies_for_role));
  }
  page(fs::path("roles") / "index.html", "Negotiation guides by role", "..", std::move(roles));
  pages.push_back({out / "assets" / "style.css", templates.stylesheet()});
  return pages;
}

}  // namespace

std::expected<void, core::Diagnostic> check_buildable(const catalog::Catalog& catalog) {
  for (const auto& role : catalog.roles) {
    const bool used =
        std::any_of(catalog.guides.begin(), catalog.guides.end(),
                    [&](const catalog::CompanyRole& g) { return g.role == role.slug; });
    if (!used) {
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

std::expected<BuildSummary, std::string> build_site(const catalog::Catalog& catalog,
                                                    const TemplateSet& templates,
                                                    const BuildOptions& options) {
  const catalog::Lookup lookup(catalog);
  const auto manifest = read_manifest(options.out);
  const std::size_t total = catalog.guides.size();
  std::vector<GuideResult> results(total);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::mutex progress_mutex;
  const auto work = [&] {
    for (std::size_t i = next++; i < total; i = next++) {
      results[i] = build_one(lookup, catalog.guides[i], templates, options, manifest);
      const auto finished = ++done;
      if (options.progress && (finished % 256 == 0 || finished == total)) {
        const std::lock_guard lock(progress_mutex);
        options.progress(finished, total);
      }
    }
  };
  {
    std::vector<std::jthread> workers;
    for (unsigned j = 1; j < std::max(1u, options.jobs); ++j) workers.emplace_back(work);
    work();
  }

  BuildSummary summary;
  nlohmann::json new_manifest;  // sorted; an ordered_json object inserts in linear time
  new_manifest["guides"] = nlohmann::json::object();
  for (std::size_t i = 0; i < total; ++i) {
    const auto& result = results[i];
    const auto key =
        (fs::path("guides") / catalog.guides[i].company / catalog.guides[i].role).string();
    switch (result.outcome) {
      case Outcome::written:
        ++summary.written;
        new_manifest["guides"][key] = result.hash;
        break;
      case Outcome::unchanged:
        ++summary.unchanged;
        new_manifest["guides"][key] = result.hash;
        break;
      case Outcome::failed:
        ++summary.failed;
        summary.failures.push_back(core::Diagnostic{key, 0, result.error});
        break;
    }
  }
  std::vector<io::FileContent> changed;
  for (auto& page : index_pages(catalog, lookup, templates, options.out)) {
    if (io::read_file(page.path) != page.content) changed.push_back(std::move(page));
  }
  changed.push_back({options.out / kManifest, new_manifest.dump(1) + "\n"});
  if (auto written = io::write_files_atomically(changed, io::Durability::unflushed); !written) {
    return std::unexpected(written.error());
  }
  return summary;
}

}  // namespace negotiateup::render
