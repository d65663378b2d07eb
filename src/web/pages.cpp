#include "web/pages.hpp"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <map>
#include <unordered_map>

#include "core/money.hpp"
#include "core/text.hpp"
#include "render/guide_model.hpp"
#include "render/guide_renderer.hpp"
#include "web/page_compare.hpp"
#include "web/page_search.hpp"

namespace negotiateup::web {
namespace {

using render::link_value;
using render::list_value;
using render::object_value;
using render::TemplateData;
using render::text_value;

constexpr std::string_view kHtml = "text/html; charset=utf-8";
constexpr std::string_view kPageCache = "public, max-age=300";
// Asset addresses carry their version (?v=), so a browser may keep them for good.
constexpr std::string_view kAssetCache = "public, max-age=31536000, immutable";

// The templates the served pages render, besides the guide's (site/guide.html).
constexpr std::array<std::string_view, 8> kServedTemplates{"site/serve/home.html",
                                                           "site/serve/search.html",
                                                           "site/serve/company.html",
                                                           "site/serve/role.html",
                                                           "site/serve/not_found.html",
                                                           "site/serve/too_many.html",
                                                           "site/sort.js",
                                                           "site/reload.js"};

// One region of a guide, as the company and role pages summarise it.
struct RegionFigures {
  const catalog::Region* region = nullptr;
  std::optional<core::Band> base;
  std::optional<core::Band> stock;
  std::optional<core::Band> total;
  std::string quality;
  std::string points;
};

struct GuideSummary {
  const catalog::CompanyRole* entry = nullptr;
  const catalog::Company* company = nullptr;
  const catalog::Role* role = nullptr;
  std::vector<RegionFigures> regions;
};

GuideSummary summary_of(const render::GuideModel& model) {
  GuideSummary summary{model.entry, model.company, model.role, {}};
  for (const auto& view : model.regions) {
    RegionFigures figures{view.region, view.base, view.stock, {}, {}, {}};
    const auto& stated = view.figures;
    if (stated.total_comp_low && stated.total_comp_high)
      figures.total = core::Band{*stated.total_comp_low, *stated.total_comp_high};
    if (view.band->quality) figures.quality = std::string(core::to_string(*view.band->quality));
    if (view.band->points)
      figures.points = core::count_of(static_cast<std::size_t>(*view.band->points), "data point");
    summary.regions.push_back(std::move(figures));
  }
  return summary;
}

std::string range_text(const std::optional<core::Band>& band, core::Currency currency) {
  if (!band) return "—";
  return core::format_compact_range(core::Money{band->low, currency},
                                    core::Money{band->high, currency});
}

std::string guide_href(const catalog::CompanyRole& entry) {
  return "/guides/" + entry.company + "/" + entry.role;
}

Response page(std::shared_ptr<const Body> body, std::string_view cache = kPageCache,
              std::string_view content_type = kHtml) {
  Response response;
  response.content_type = std::string(content_type);
  response.body = std::move(body);
  response.cache_control = std::string(cache);
  return response;
}

core::Date today() {
  return core::Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

}  // namespace

struct Pages::State {
  const catalog::Lookup* lookup = nullptr;
  const render::TemplateSet* templates = nullptr;
  std::unique_ptr<NameSearch> search;
  std::string asset_version;                         // "?v=3f2a...", on every asset address
  bool live_reload = false;                          // pages load /assets/reload.js
  bool submissions = false;                          // pages link to /submit
  std::unordered_map<std::string, Response> routes;  // by path
  std::shared_ptr<const Body> missing;

  TemplateData context(std::string title) const {
    auto data = object_value();
    data["title"] = text_value(std::move(title));
    data["asset_version"] = text_value(asset_version);
    data["live_reload"] = TemplateData(live_reload);
    data["submissions"] = TemplateData(submissions);
    return data;
  }
  std::string search_page(std::string_view query) const;
};

std::string Pages::State::search_page(std::string_view query) const {
  auto data = context(query.empty() ? "Search" : fmt::format("Search: {}", query));
  data["q"] = text_value(std::string(query));
  const auto found = search->find(query);
  auto companies = list_value();
  for (const auto* company : found.companies)
    companies.push_back(link_value("/companies/" + company->slug, company->name));
  auto roles = list_value();
  for (const auto* role : found.roles)
    roles.push_back(link_value("/roles/" + role->slug, role->name));
  auto guides = list_value();
  for (const auto* guide : found.guides) {
    guides.push_back(link_value(guide_href(*guide), lookup->role(guide->role)->name + " at " +
                                                        lookup->company(guide->company)->name));
  }
  data["asked"] = TemplateData(!query.empty());
  data["none"] = TemplateData(!query.empty() && found.companies.empty() && found.roles.empty());
  data["has_companies"] = TemplateData(!found.companies.empty());
  data["has_roles"] = TemplateData(!found.roles.empty());
  data["has_guides"] = TemplateData(!found.guides.empty());
  data["companies"] = std::move(companies);
  data["roles"] = std::move(roles);
  data["guides"] = std::move(guides);
  return templates->render("site/serve/search.html", data);
}

Pages::Pages(std::unique_ptr<State> state) : state_(std::move(state)) {}
Pages::~Pages() = default;

core::Result<std::unique_ptr<const Pages>> Pages::load(const render::SiteSnapshot& snapshot,
                                                       core::Jobs jobs, bool live_reload,
                                                       bool submissions) {
  const auto& templates = snapshot.templates();
  for (const auto name : kServedTemplates) {
    if (!templates.find(name)) {
      return std::unexpected(
          core::Error::bad_input(std::string(name) + ".mustache",
                                 "missing template for the served site; expected this file"));
    }
  }
  const auto& lookup = snapshot.lookup();
  const auto& catalog = snapshot.catalog();
  auto state = std::make_unique<State>();
  state->lookup = &lookup;
  state->templates = &templates;
  state->search = std::make_unique<NameSearch>(lookup);

  auto style = make_body(templates.stylesheet());
  auto script = make_body(templates.render("site/sort.js", object_value()));
  const auto version = make_body(style->etag + script->etag)->etag;
  state->asset_version = "?v=" + version.substr(1, 12);
  state->routes.emplace("/assets/style.css", page(style, kAssetCache, "text/css; charset=utf-8"));
  state->routes.emplace("/assets/sort.js",
                        page(script, kAssetCache, "text/javascript; charset=utf-8"));
  state->live_reload = live_reload;
  state->submissions = submissions;
  if (live_reload) {
    // Not cached: a preview server's script, fetched again on every reload.
    state->routes.emplace("/assets/reload.js",
                          page(make_body(templates.render("site/reload.js", object_value())),
                               "no-cache", "text/javascript; charset=utf-8"));
  }

  // Every guide, on the threads: its page and what the index pages say of it.
  const auto date = today();
  const auto& guides = catalog.guides;
  std::vector<std::shared_ptr<const Body>> guide_pages(guides.size());
  std::vector<GuideSummary> summaries(guides.size());
  core::parallel_for(guides.size(), jobs, [&](std::size_t i) {
    const auto model = render::build_guide_model(lookup, guides[i], date);
    guide_pages[i] = make_body(render::render_guide_page(model, templates, lookup.policy(),
                                                         render::SiteLinks::routes,
                                                         state->asset_version, live_reload));
    summaries[i] = summary_of(model);
  });
  // Every company has a page, with no guide yet too: search finds it. (A role
  // is in some company's guides, or the catalog is refused.)
  std::map<std::string, std::vector<const GuideSummary*>> by_company;
  std::map<std::string, std::vector<const GuideSummary*>> by_role;
  for (const auto& company : catalog.companies) by_company[company.slug];
  for (std::size_t i = 0; i < guides.size(); ++i) {
    state->routes.emplace(guide_href(guides[i]), page(guide_pages[i]));
    by_company[guides[i].company].push_back(&summaries[i]);
    by_role[guides[i].role].push_back(&summaries[i]);
  }

  const auto company_page = [&](const std::string& slug,
                                const std::vector<const GuideSummary*>& its) {
    const auto& company = *lookup.company(slug);
    auto data = state->context(company.name);
    data["name"] = text_value(company.name);
    data["summary"] = text_value(company.dna_summary.value_or(""));
    auto roles = list_value();
    for (const auto* guide : its) {
      auto role = object_value();
      role["name"] = text_value(guide->role->name);
      role["href"] = text_value(guide_href(*guide->entry));
      role["role_href"] = text_value("/roles/" + guide->role->slug);
      auto regions = list_value();
      for (const auto& figures : guide->regions) {
        auto region = object_value();
        const auto currency = figures.region->currency;
        region["region"] = text_value(figures.region->name);
        region["base"] = text_value(range_text(figures.base, currency));
        region["total"] = text_value(range_text(figures.total, currency));
        region["quality"] = text_value(figures.quality.empty() ? "—" : figures.quality);
        regions.push_back(region);
      }
      role["regions"] = std::move(regions);
      roles.push_back(role);
    }
    data["roles"] = std::move(roles);
    return templates.render("site/serve/company.html", data);
  };

  const auto role_page = [&](const std::string& slug, const std::vector<const GuideSummary*>& its) {
    const auto& role = *lookup.role(slug);
    auto data = state->context(role.name + " across companies");
    data["name"] = text_value(role.name);
    auto regions = list_value();
    for (const auto& region : catalog.regions) {
      std::vector<CompareBar> bars;
      auto rows = list_value();
      for (const auto* guide : its) {
        for (const auto& figures : guide->regions) {
          if (figures.region != &region || !figures.base) continue;
          bars.push_back({guide->company->name, *figures.base});
          auto row = object_value();
          row["company"] = text_value(guide->company->name);
          row["href"] = text_value(guide_href(*guide->entry));
          row["base"] = text_value(range_text(figures.base, region.currency));
          row["base_sort"] = text_value(std::to_string(figures.base->low));
          row["total"] = text_value(range_text(figures.total, region.currency));
          row["total_sort"] = text_value(figures.total ? std::to_string(figures.total->low) : "");
          row["stock"] = text_value(range_text(figures.stock, region.currency));
          row["stock_sort"] = text_value(figures.stock ? std::to_string(figures.stock->low) : "");
          row["quality"] = text_value(figures.quality.empty() ? "—" : figures.quality);
          row["points"] = text_value(figures.points.empty() ? "—" : figures.points);
          rows.push_back(row);
        }
      }
      if (bars.empty()) continue;
      auto item = object_value();
      item["region"] = text_value(region.name);
      item["currency"] = text_value(std::string(region.currency.code()));
      item["chart_html"] = text_value(compare_chart_svg(region.name, region.currency, bars));
      item["rows"] = std::move(rows);
      regions.push_back(item);
    }
    auto companies = list_value();
    for (const auto* guide : its)
      companies.push_back(link_value(guide_href(*guide->entry), guide->company->name));
    data["regions"] = std::move(regions);
    data["companies"] = std::move(companies);
    return templates.render("site/serve/role.html", data);
  };

  // The index pages, on the threads too: a large catalog has thousands.
  std::vector<std::pair<const std::string*, const std::vector<const GuideSummary*>*>> index_of;
  std::vector<std::string> index_paths;
  for (const auto& [slug, its] : by_company) {
    index_of.emplace_back(&slug, &its);
    index_paths.push_back("/companies/" + slug);
  }
  const auto companies = index_of.size();
  for (const auto& [slug, its] : by_role) {
    index_of.emplace_back(&slug, &its);
    index_paths.push_back("/roles/" + slug);
  }
  std::vector<std::shared_ptr<const Body>> index_pages(index_of.size());
  core::parallel_for(index_of.size(), jobs, [&](std::size_t i) {
    const auto& [slug, its] = index_of[i];
    index_pages[i] = make_body(i < companies ? company_page(*slug, *its) : role_page(*slug, *its));
  });
  for (std::size_t i = 0; i < index_of.size(); ++i)
    state->routes.emplace(index_paths[i], page(index_pages[i]));

  auto home = state->context("Negotiate Up: salary negotiation guides");
  auto company_links = list_value();
  for (const auto& [slug, its] : by_company) {
    if (its.empty()) continue;  // its page says so; the home lists what can be read
    company_links.push_back(link_value("/companies/" + slug, its.front()->company->name,
                                       core::count_of(its.size(), "role")));
  }
  auto role_links = list_value();
  for (const auto& [slug, its] : by_role) {
    role_links.push_back(link_value("/roles/" + slug, its.front()->role->name,
                                    core::count_of(its.size(), "company", "companies")));
  }
  home["companies"] = std::move(company_links);
  home["roles"] = std::move(role_links);
  home["guide_count"] = text_value(core::count_of(guides.size(), "guide"));
  state->routes.emplace("/", page(make_body(templates.render("site/serve/home.html", home))));
  state->missing =
      make_body(templates.render("site/serve/not_found.html", state->context("Not found")));
  return std::unique_ptr<const Pages>(new Pages(std::move(state)));
}

std::optional<Response> Pages::handle(const Request& request) const {
  const auto target = Target::parse(request.target);
  const auto path = target.path;
  const bool search = path == "/search";
  const auto found = search ? state_->routes.end() : state_->routes.find(std::string(path));
  if (!search && found == state_->routes.end()) return std::nullopt;
  if (request.method != "GET" && request.method != "HEAD") return page_method_not_allowed();
  if (!search) return found->second;
  constexpr std::size_t kLongestQuery = 200;
  auto text = std::string(target.get("q").value_or(""));
  if (text.size() > kLongestQuery) text.resize(kLongestQuery);
  return page(make_dynamic_body(state_->search_page(text)), "no-store");
}

Response Pages::too_many_requests(std::chrono::seconds wait, bool submissions) const {
  auto data = state_->context(submissions ? "Too many submissions" : "Too many evaluations");
  data["submissions"] = TemplateData(submissions);
  data["seconds"] = text_value(core::count_of(static_cast<std::size_t>(wait.count()), "second"));
  auto response = page(
      make_dynamic_body(state_->templates->render("site/serve/too_many.html", data)), "no-store");
  response.status = 429;
  return response;
}

Response Pages::not_found() const {
  auto response = page(state_->missing, "no-store");
  response.status = 404;
  return response;
}

}  // namespace negotiateup::web
