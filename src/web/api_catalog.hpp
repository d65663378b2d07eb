#pragma once

// The catalog's routes of /api/v1: the guides (rendered once at load), bands and
// search (answered per request from the snapshot's lookup).

#include <memory>
#include <string>
#include <unordered_map>

#include "core/parallel.hpp"
#include "render/site_snapshot.hpp"
#include "web/api_support.hpp"
#include "web/http.hpp"

namespace negotiateup::web {

// Every /api/v1/guides/{company}/{role}: each guide's JSON exactly as
// `negotiateup build` writes its .json, made once; and the guides list's first
// page, the one a client asks for without offset and limit.
struct GuideBodies {
  std::shared_ptr<const Body> first_page;
  std::unordered_map<std::string, std::shared_ptr<const Body>> by_path;  // "company/role"

  static GuideBodies build(const render::SiteSnapshot& snapshot, core::Jobs jobs);
};

// /api/v1/guides?offset=&limit=
Response guides_response(const catalog::Lookup& lookup, const GuideBodies& bodies,
                         const Target& target);
// /api/v1/bands?company=&role=&region=&offset=&limit=
Response bands_response(const catalog::Lookup& lookup, const Target& target);
// /api/v1/search?q=
Response search_response(const catalog::Lookup& lookup, const Target& target);

std::string guide_href(std::string_view company, std::string_view role);
std::string guide_api_url(std::string_view company, std::string_view role);

}  // namespace negotiateup::web
