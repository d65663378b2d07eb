#pragma once

#include <string>

#include "core/policy.hpp"
#include "render/guide_model.hpp"
#include "render/template_set.hpp"

namespace negotiateup::render {

struct RenderedGuide {
  std::string markdown;  // front matter + body
  std::string html;      // a page of the site
  std::string json;      // the record and every derived figure
};

// How a guide's page links to the rest of the site: the static build's files
// ("../../companies/acme.html") or the server's routes ("/companies/acme", with
// the search box and versioned asset links).
enum class SiteLinks { files, routes };

// Writes one guide from its model: every figure in it comes from the model, the
// prose from the templates.
RenderedGuide render_guide(const GuideModel& model, const TemplateSet& templates,
                           const core::Policy& policy);

// The guide's .json alone, as render_guide writes it, without the Markdown and
// HTML it does not need (the server's API).
std::string render_guide_json(const GuideModel& model, const TemplateSet& templates,
                              const core::Policy& policy);

// The guide's HTML page alone (the server's), linked as `links` says;
// `asset_version` is appended to the stylesheet's address ("?v=3f2a").
std::string render_guide_page(const GuideModel& model, const TemplateSet& templates,
                              const core::Policy& policy, SiteLinks links,
                              std::string_view asset_version = {}, bool live_reload = false);

// `record` (the model's, with the rendered level-mapping text) plus every derived
// figure: the .json file's text.
std::string guide_json(const GuideModel& model, const core::GuideRecord& record,
                       const core::Policy& policy);

}  // namespace negotiateup::render
