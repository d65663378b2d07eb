#include "web/api_catalog.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <limits>
#include <vector>

#include "catalog/market_band_json.hpp"
#include "catalog/region_figures.hpp"
#include "core/date.hpp"
#include "core/text.hpp"
#include "json/writer.hpp"
#include "render/guide_model.hpp"
#include "render/guide_renderer.hpp"

namespace negotiateup::web {
namespace {

using json::write_member;

constexpr std::size_t kDefaultLimit = 1000;
constexpr std::size_t kMaxLimit = 10'000;
constexpr std::size_t kSearchMatches = 20;
constexpr std::size_t kSearchGuides = 50;

void write_guide_link(json::Writer& writer, const catalog::Lookup& lookup,
                      const catalog::CompanyRole& guide) {
  const auto* company = lookup.company(guide.company);
  const auto* role = lookup.role(guide.role);
  writer.StartObject();
  write_member(writer, "company", guide.company);
  write_member(writer, "role", guide.role);
  write_member(writer, "company_display", company ? company->name : guide.company);
  write_member(writer, "role_display", role ? role->name : guide.role);
  write_member(writer, "href", guide_href(guide.company, guide.role));
  write_member(writer, "url", guide_api_url(guide.company, guide.role));
  writer.EndObject();
}

// A whole number from 0 to `max`, or a 400 naming the parameter.
std::expected<std::size_t, Response> count_parameter(const Target& target, std::string_view name,
                                                     std::size_t fallback, std::size_t max) {
  const auto text = target.get(name);
  if (!text) return fallback;
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc{} || end != text->data() + text->size() || value > max) {
    return std::unexpected(
        json_error(400, fmt::format("expected a whole number from 0 to {}", max), name));
  }
  return value;
}

// A page of the guides list: `limit` links from `offset`, with the total, as
// /api/v1/bands pages its bands.
std::string guides_page_text(const catalog::Lookup& lookup, std::size_t offset, std::size_t limit) {
  const auto& guides = lookup.catalog().guides;
  json::Writer writer;
  writer.StartObject();
  writer.Key("guides");
  writer.StartArray();
  for (std::size_t i = offset; i < guides.size() && i - offset < limit; ++i) {
    write_guide_link(writer, lookup, guides[i]);
  }
  writer.EndArray();
  write_member(writer, "total", static_cast<std::int64_t>(guides.size()));
  write_member(writer, "offset", static_cast<std::int64_t>(offset));
  write_member(writer, "limit", static_cast<std::int64_t>(limit));
  writer.EndObject();
  return writer.text();
}

// How well `query` (a slug) names an entry: 0 exactly, 1 inside one of its
// names, 2 + distance for a typo the resolver would forgive; nothing otherwise.
template <typename Entry>
std::optional<std::size_t> match_rank(const Entry& entry, std::string_view query,
                                      const std::vector<std::string>& aliases) {
  std::optional<std::size_t> best;
  const auto consider = [&](const std::string& written) {
    const auto name = core::slugify(written);
    std::optional<std::size_t> rank;
    if (name == query) {
      rank = 0;
    } else if (query.size() >= 2 && name.find(query) != std::string::npos) {
      rank = 1;
    } else if (const auto distance = core::edit_distance(name, query);
               distance * 2 <= std::max(name.size(), query.size())) {
      rank = 2 + distance;
    }
    if (rank && (!best || *rank < *best)) best = rank;
  };
  consider(entry.slug);
  consider(entry.name);
  for (const auto& alias : aliases) consider(alias);
  return best;
}

template <typename Entry>
std::vector<const Entry*> matches(const std::vector<Entry>& entries, std::string_view query,
                                  const Entry* resolved, auto aliases_of) {
  std::vector<std::pair<std::size_t, const Entry*>> ranked;
  for (const auto& entry : entries) {
    if (&entry == resolved) {
      ranked.emplace_back(0, &entry);
    } else if (const auto rank = match_rank(entry, query, aliases_of(entry))) {
      ranked.emplace_back(*rank + 1, &entry);
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const Entry*> found;
  for (std::size_t i = 0; i < ranked.size() && i < kSearchMatches; ++i) {
    found.push_back(ranked[i].second);
  }
  return found;
}

template <typename Entry>
void write_entries(json::Writer& writer, std::string_view key,
                   const std::vector<const Entry*>& entries) {
  writer.Key(key);
  writer.StartArray();
  for (const auto* entry : entries) {
    writer.StartObject();
    write_member(writer, "slug", entry->slug);
    write_member(writer, "name", entry->name);
    writer.EndObject();
  }
  writer.EndArray();
}

const std::vector<std::string> kNoAliases;

}  // namespace

std::string guide_href(std::string_view company, std::string_view role) {
  return fmt::format("/guides/{}/{}", company, role);
}

std::string guide_api_url(std::string_view company, std::string_view role) {
  return fmt::format("/api/v1/guides/{}/{}", company, role);
}

GuideBodies GuideBodies::build(const render::SiteSnapshot& snapshot, core::Jobs jobs) {
  const auto& lookup = snapshot.lookup();
  const auto& guides = snapshot.catalog().guides;
  // As `negotiateup build` without --today: a guide without last_updated is dated today.
  const core::Date today{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  std::vector<std::shared_ptr<const Body>> bodies(guides.size());
  core::parallel_for(guides.size(), jobs, [&](std::size_t i) {
    const auto model = render::build_guide_model(lookup, guides[i], today);
    bodies[i] = make_body(render::render_guide_json(model, snapshot.templates(), lookup.policy()));
  });
  GuideBodies result;
  result.by_path.reserve(guides.size());
  for (std::size_t i = 0; i < guides.size(); ++i) {
    result.by_path.emplace(guides[i].company + "/" + guides[i].role, std::move(bodies[i]));
  }
  result.first_page = make_body(guides_page_text(lookup, 0, kDefaultLimit));
  return result;
}

Response guides_response(const catalog::Lookup& lookup, const GuideBodies& bodies,
                         const Target& target) {
  const auto offset =
      count_parameter(target, "offset", 0, std::numeric_limits<std::int32_t>::max());
  if (!offset) return offset.error();
  const auto limit = count_parameter(target, "limit", kDefaultLimit, kMaxLimit);
  if (!limit) return limit.error();
  if (*offset == 0 && *limit == kDefaultLimit) return json_response(bodies.first_page);
  return json_response(guides_page_text(lookup, *offset, *limit));
}

Response bands_response(const catalog::Lookup& lookup, const Target& target) {
  const auto& names = lookup.names();
  const catalog::Company* company = nullptr;
  const catalog::Role* role = nullptr;
  const catalog::Region* region = nullptr;
  if (const auto name = target.get("company")) {
    auto found = names.resolve_company(*name, "company");
    if (!found) return error_response(found.error());
    company = *found;
  }
  if (const auto name = target.get("role")) {
    auto found = names.resolve_role(*name, "role");
    if (!found) return error_response(found.error());
    role = *found;
  }
  if (const auto name = target.get("region")) {
    auto found = names.resolve_region(*name, "region");
    if (!found) return error_response(found.error());
    region = *found;
  }
  const auto offset =
      count_parameter(target, "offset", 0, std::numeric_limits<std::int32_t>::max());
  if (!offset) return offset.error();
  const auto limit = count_parameter(target, "limit", kDefaultLimit, kMaxLimit);
  if (!limit) return limit.error();

  json::Writer writer;
  writer.StartObject();
  writer.Key("bands");
  writer.StartArray();
  std::size_t total = 0;
  const auto write_guide = [&](const catalog::CompanyRole& guide) {
    for (const auto& band : guide.bands) {
      if (region && band.region != region->slug) continue;
      const auto* band_region = lookup.region(band.region);
      if (!band_region) continue;
      const auto index = total++;
      if (index < *offset || index >= *offset + *limit) continue;
      const auto figures = catalog::region_figures(lookup, guide, *band_region);
      writer.StartObject();
      write_member(writer, "company", guide.company);
      write_member(writer, "role", guide.role);
      write_member(writer, "region", band.region);
      write_member(writer, "currency", band_region->currency.code());
      json::write_range(writer, "base", figures ? figures->base : std::nullopt);
      json::write_range(writer, "stock", figures ? figures->stock : std::nullopt);
      writer.Key("bonus_pct");
      if (figures && figures->bonus_pct) {
        writer.Double(static_cast<double>(figures->bonus_pct->hundredths) / 100.0);
      } else {
        writer.Null();
      }
      writer.Key("computed_from");
      if (figures && figures->anchor) {
        writer.String(figures->anchor->slug);
      } else {
        writer.Null();
      }
      writer.Key("quarter");
      if (band.quarter) {
        writer.String(core::format_quarter(*band.quarter));
      } else {
        writer.Null();
      }
      writer.Key("quality");
      if (band.quality) {
        writer.String(core::to_string(*band.quality));
      } else {
        writer.Null();
      }
      json::write_nullable(writer, "points", band.points);
      // Beside the company's band, what employers across the market pay the role here.
      writer.Key("market");
      if (const auto* market = lookup.market_band(guide.role, band.region)) {
        catalog::write_market_band(writer, *market, band.region);
      } else {
        writer.Null();
      }
      write_member(writer, "href", guide_href(guide.company, guide.role));
      writer.EndObject();
    }
  };
  if (company && role) {
    if (const auto* guide = lookup.guide(company->slug, role->slug)) write_guide(*guide);
  } else {
    for (const auto& guide : lookup.catalog().guides) {
      if (company && guide.company != company->slug) continue;
      if (role && guide.role != role->slug) continue;
      write_guide(guide);
    }
  }
  writer.EndArray();
  write_member(writer, "total", static_cast<std::int64_t>(total));
  write_member(writer, "offset", static_cast<std::int64_t>(*offset));
  write_member(writer, "limit", static_cast<std::int64_t>(*limit));
  writer.EndObject();
  return json_response(writer.text());
}

Response search_response(const catalog::Lookup& lookup, const Target& target) {
  const auto q = target.get("q");
  if (!q || core::trim(*q).empty())
    return json_error(400, "missing; expected a name to search", "q");
  if (q->size() > 200) return json_error(400, "too long; expected at most 200 characters", "q");
  const auto query = core::slugify(*q);
  const auto& names = lookup.names();
  const auto& catalog = lookup.catalog();
  const auto companies = matches(
      catalog.companies, query, names.company(*q),
      [](const catalog::Company& c) -> const auto& { return c.aliases; });
  const auto roles = matches(
      catalog.roles, query, names.role(*q),
      [](const catalog::Role&) -> const auto& { return kNoAliases; });
  const auto regions = matches(
      catalog.regions, query, names.region(*q),
      [](const catalog::Region& r) -> const auto& { return r.aliases; });

  json::Writer writer;
  writer.StartObject();
  write_member(writer, "query", *q);
  write_entries(writer, "companies", companies);
  write_entries(writer, "roles", roles);
  write_entries(writer, "regions", regions);
  writer.Key("guides");
  writer.StartArray();
  constexpr std::size_t kLeading = 5;  // the guides of the best matches only
  const auto leads = [](const auto& found, const std::string& slug) {
    for (std::size_t i = 0; i < found.size() && i < kLeading; ++i) {
      if (found[i]->slug == slug) return true;
    }
    return false;
  };
  std::size_t written = 0;
  for (const auto& guide : catalog.guides) {
    if (written == kSearchGuides) break;
    const bool by_company = leads(companies, guide.company);
    const bool by_role = leads(roles, guide.role);
    if (by_company || by_role) {
      write_guide_link(writer, lookup, guide);
      ++written;
    }
  }
  writer.EndArray();
  writer.EndObject();
  return json_response(writer.text());
}

}  // namespace negotiateup::web
