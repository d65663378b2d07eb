#include <gtest/gtest.h>

#include <regex>

#include "test_support.hpp"
#include "web/site.hpp"

namespace negotiateup::web {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::shared_ptr<const Site> load(const fs::path& catalog) {
  auto site =
      Site::load(SiteOptions{catalog, test::repository() / "templates", core::Jobs{2}, 1000});
  EXPECT_TRUE(site.has_value()) << site.error().to_string();
  return site ? *site : nullptr;
}

// The demo catalog's site, loaded once for the tests that only read it.
const Site& demo() {
  static const auto site = load(test::repository() / "catalog");
  return *site;
}

Response get(const Site& site, std::string_view target) {
  return site.handle(Request{"GET", target, {}, {}});
}

std::string text_of(const Response& response) {
  return response.body ? response.body->text() : std::string();
}

// Every fixed page of a site: home, companies, roles, guides.
std::vector<std::string> page_paths(const Site& site) {
  const auto& catalog = site.snapshot().catalog();
  std::vector<std::string> paths{"/"};
  for (const auto& guide : catalog.guides) {
    paths.push_back("/guides/" + guide.company + "/" + guide.role);
    paths.push_back("/companies/" + guide.company);
    paths.push_back("/roles/" + guide.role);
  }
  return paths;
}

TEST(WebPages, EveryRouteAnswersHtml) {
  for (const auto& path : page_paths(demo())) {
    const auto response = get(demo(), path);
    EXPECT_EQ(response.status, 200) << path;
    EXPECT_EQ(response.content_type, "text/html; charset=utf-8") << path;
    EXPECT_NE(text_of(response).find("<!doctype html>"), std::string::npos) << path;
    EXPECT_FALSE(response.body->etag.empty()) << path;  // rendered once, at load
  }
  const auto search = get(demo(), "/search?q=stripe");
  EXPECT_EQ(search.status, 200);
  EXPECT_EQ(search.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(search.cache_control, "no-store");
  const auto home = text_of(get(demo(), "/"));
  EXPECT_NE(home.find("action=\"/search\""), std::string::npos);
  EXPECT_NE(home.find("href=\"/companies/hugging-face\">Hugging Face</a>"), std::string::npos);
  EXPECT_NE(home.find("href=\"/roles/product-manager\">Product Manager</a>"), std::string::npos);
}

TEST(WebPages, AssetsHaveTheirTypesAndALongCache) {
  const auto style = get(demo(), "/assets/style.css");
  EXPECT_EQ(style.status, 200);
  EXPECT_EQ(style.content_type, "text/css; charset=utf-8");
  EXPECT_NE(style.cache_control.find("max-age=31536000"), std::string::npos);
  EXPECT_EQ(text_of(style), demo().snapshot().templates().stylesheet());
  const auto script = get(demo(), "/assets/sort.js?v=1");
  EXPECT_EQ(script.status, 200);
  EXPECT_EQ(script.content_type, "text/javascript; charset=utf-8");
  EXPECT_NE(text_of(script).find("table.sortable"), std::string::npos);
  // Pages link the assets with their version, so that a new stylesheet is fetched.
  EXPECT_TRUE(std::regex_search(text_of(get(demo(), "/")),
                                std::regex("href=\"/assets/style\\.css\\?v=[0-9a-f]{12}\"")));
}

// The search page's result links, in order.
std::vector<std::string> results(std::string_view target) {
  const auto page = text_of(get(demo(), target));
  std::vector<std::string> links;
  const std::regex link("<li><a href=\"([^\"]+)\">");
  for (std::sregex_iterator it(page.begin(), page.end(), link), end; it != end; ++it)
    links.push_back((*it)[1]);
  return links;
}

bool found(std::string_view target, const std::string& href) {
  const auto links = results(target);
  return std::find(links.begin(), links.end(), href) != links.end();
}

TEST(WebPages, SearchForgivesCaseAccentsAliasesAndTypos) {
  EXPECT_TRUE(found("/search?q=HF", "/companies/hugging-face"));
  EXPECT_TRUE(found("/search?q=HF", "/guides/hugging-face/software-engineer"));
  EXPECT_TRUE(found("/search?q=hugging+fce", "/companies/hugging-face"));
  EXPECT_TRUE(found("/search?q=hugging%20fce", "/companies/hugging-face"));
  EXPECT_TRUE(found("/search?q=Mistral", "/companies/mistral-ai"));
  EXPECT_TRUE(found("/search?q=M%C3%8FSTR%C3%80L", "/companies/mistral-ai"));  // MÏSTRÀL
  EXPECT_TRUE(found("/search?q=facebook", "/companies/meta"));
  EXPECT_TRUE(found("/search?q=product+manger", "/roles/product-manager"));
  // A company and a role named together find their guide, first.
  EXPECT_EQ(results("/search?q=stripe+product+manager").front(), "/guides/stripe/product-manager");
  EXPECT_FALSE(found("/search?q=HF", "/companies/stripe"));
  const auto none = text_of(get(demo(), "/search?q=zzzzqqqq"));
  EXPECT_NE(none.find("Nothing matches “zzzzqqqq”"), std::string::npos);
  EXPECT_TRUE(results("/search?q=").empty());
}

TEST(WebPages, GuideShowsBannerDatesSourcesAndChartValues) {
  const auto page = text_of(get(demo(), "/guides/hugging-face/software-engineer"));
  const auto banner = page.find("Illustrative demo data, not market data.");
  ASSERT_NE(banner, std::string::npos);
  EXPECT_LT(banner, page.find("<h3>"));  // the first thing a reader sees
  EXPECT_NE(page.find("<dt>Last updated</dt><dd>20"), std::string::npos);
  EXPECT_NE(page.find("<dt>Next review</dt><dd>20"), std::string::npos);
  EXPECT_NE(page.find("data quality illustrative"), std::string::npos);
  EXPECT_NE(page.find("Sources: "), std::string::npos);
  EXPECT_NE(page.find("role=\"img\" aria-label=\""), std::string::npos);
  EXPECT_NE(page.find("class=\"value ask-value\""), std::string::npos);
  EXPECT_TRUE(std::regex_search(page, std::regex(">ask [€$£][0-9.]+K</text>")));
  EXPECT_TRUE(std::regex_search(page, std::regex(">floor [€$£][0-9.]+K</text>")));
  EXPECT_NE(page.find("data-label=\"Total comp\""), std::string::npos);
  // Links go to the server's routes.
  EXPECT_NE(page.find("href=\"/companies/hugging-face\""), std::string::npos);
  EXPECT_NE(page.find("href=\"/roles/software-engineer\""), std::string::npos);
  EXPECT_EQ(page.find(".html\""), std::string::npos);
}

TEST(WebPages, RolePageListsEveryCompanyWithTheRole) {
  const auto& catalog = demo().snapshot().catalog();
  for (const auto& role : catalog.roles) {
    const auto page = text_of(get(demo(), "/roles/" + role.slug));
    std::size_t companies = 0;
    for (const auto& guide : catalog.guides) {
      if (guide.role != role.slug) continue;
      ++companies;
      EXPECT_NE(page.find("href=\"/guides/" + guide.company + "/" + role.slug + "\">" +
                          catalog.find_company(guide.company)->name + "</a></th>"),
                std::string::npos)
          << role.slug << " " << guide.company;
    }
    EXPECT_GT(companies, 0u);
    EXPECT_NE(page.find("<svg class=\"compare-chart\""), std::string::npos);
    EXPECT_NE(page.find("<table class=\"bands sortable\">"), std::string::npos);
    EXPECT_NE(page.find("<script src=\"/assets/sort.js?v="), std::string::npos);
  }
  const auto company = text_of(get(demo(), "/companies/google"));
  EXPECT_NE(company.find("href=\"/guides/google/software-engineer\""), std::string::npos);
  EXPECT_NE(company.find("data-label=\"Total comp\""), std::string::npos);
}

// A preview server (serve --watch) gives every page the script that reloads it
// after a rebuild; a site served for candidates has neither the script nor its tag.
TEST(WebPages, OnlyAPreviewSiteReloadsItsPages) {
  SiteOptions options{test::repository() / "catalog", test::repository() / "templates",
                      core::Jobs{2}, 1000};
  options.live_reload = true;
  const auto preview = Site::load(options);
  ASSERT_TRUE(preview.has_value()) << preview.error().to_string();
  const auto script = get(**preview, "/assets/reload.js");
  EXPECT_EQ(script.status, 200);
  EXPECT_NE(text_of(script).find("new EventSource('/_reload')"), std::string::npos);
  const std::string tag = R"(<script src="/assets/reload.js" defer></script>)";
  for (const auto& path : page_paths(**preview)) {
    EXPECT_NE(text_of(get(**preview, path)).find(tag), std::string::npos) << path;
    EXPECT_EQ(text_of(get(demo(), path)).find(tag), std::string::npos) << path;
  }
  EXPECT_EQ(get(demo(), "/assets/reload.js").status, 404);
}

TEST(WebPages, UnknownPathsAnswer404WithTheSearchForm) {
  for (const std::string path :
       {"/nope", "/guides/google/nope", "/companies/", "/companies/../etc/passwd", "/index.html"}) {
    const auto response = get(demo(), path);
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_EQ(response.content_type, "text/html; charset=utf-8");
    EXPECT_NE(text_of(response).find("<form class=\"search\" action=\"/search\""),
              std::string::npos);
  }
  const auto post = demo().handle(Request{"POST", "/", "text/plain", "x"});
  EXPECT_EQ(post.status, 405);
}

// Over the evaluations' rate limit, a person gets a page and a program a JSON
// error, both 429 with the wait in Retry-After.
TEST(WebPages, TooManyRequestsIsAPageOrAJsonError) {
  const auto page = demo().too_many_requests(Request{"GET", "/offer/result?base=1", {}, {}}, 42s);
  EXPECT_EQ(page.status, 429);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_NE(text_of(page).find("try again in 42 seconds"), std::string::npos) << text_of(page);
  EXPECT_NE(text_of(page).find("<link rel=\"stylesheet\""), std::string::npos);
  const auto api = demo().too_many_requests(Request{"POST", "/api/v1/offers/evaluate", {}, {}}, 1s);
  EXPECT_EQ(api.status, 429);
  EXPECT_EQ(api.content_type, "application/json; charset=utf-8");
  EXPECT_NE(text_of(api).find("try again in 1 s"), std::string::npos) << text_of(api);
  for (const auto* response : {&page, &api}) {
    ASSERT_EQ(response->headers.size(), 1u);
    EXPECT_EQ(response->headers.front().first, "Retry-After");
  }
  EXPECT_EQ(page.headers.front().second, "42");
}

// A company the catalog has but no guide uses yet still has its page (search
// links to it); the home lists only what can be read.
TEST(WebPages, ACompanyWithoutGuidesHasAPageThatSaysSo) {
  const auto folder = test::fresh_folder("web-pages-no-guides");
  const auto catalog = folder / "catalog";
  fs::copy(test::tests_dir() / "golden" / "small-catalog", catalog, fs::copy_options::recursive);
  test::write_file(catalog / "companies" / "initech.yaml", "name: Initech\nstage: early-stage\n");
  const auto site = load(catalog);
  ASSERT_TRUE(site);
  const auto company = get(*site, "/companies/initech");
  EXPECT_EQ(company.status, 200);
  EXPECT_NE(text_of(company).find("No guide for Initech yet."), std::string::npos);
  const auto search = text_of(get(*site, "/search?q=initech"));
  EXPECT_NE(search.find("href=\"/companies/initech\""), std::string::npos);
  const auto home = text_of(get(*site, "/"));
  EXPECT_EQ(home.find("/companies/initech"), std::string::npos);
  fs::remove_all(folder);
}

// Catalog text is never HTML on any page: names with script tags, quotes and
// "../" come out escaped, and a search echoes the query escaped.
TEST(WebPages, HostileCatalogTextIsEscapedOnEveryPage) {
  const auto folder = test::fresh_folder("web-pages-hostile");
  const auto catalog = folder / "catalog";
  fs::copy(test::tests_dir() / "golden" / "small-catalog", catalog, fs::copy_options::recursive);
  const std::string hostile = R"(<script>alert(1)</script> "Q" & 'A' ../../etc)";
  const auto hostile_as = [&](const std::string& field) {  // a YAML single-quoted scalar
    return "'" + std::regex_replace(field + hostile, std::regex("'"), "''") + "'";
  };
  test::write_file(catalog / "companies" / "acme.yaml",
                   "name: " + hostile_as("Acme ") + "\nstage: public\naliases: [" +
                       hostile_as("Alias ") + "]\ndna_summary: " + hostile_as("DNA ") +
                       "\npeers: [globex]\nnarrative:\n  dna: " + hostile_as("Story ") +
                       "\n  leverage_title: " + hostile_as("Title ") + "\n  leverage: " +
                       hostile_as("Leverage ") + "\n  script: " + hostile_as("Script ") + "\n");
  test::write_file(catalog / "roles" / "senior-engineer.yaml",
                   "name: " + hostile_as("Senior ") + "\nfamily: engineering\n");
  test::write_file(catalog / "regions" / "paris.yaml",
                   "name: " + hostile_as("Paris ") + "\ncurrency: EUR\n");
  const auto site = load(catalog);
  ASSERT_TRUE(site);
  auto targets = page_paths(*site);
  for (const auto& path : targets) EXPECT_EQ(get(*site, path).status, 200) << path;
  targets.push_back("/search?q=acme");
  targets.push_back("/search?q=senior");
  targets.push_back("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22Q%22");
  targets.push_back("/%3Cscript%3E");
  for (const auto& target : targets) {
    const auto page = text_of(get(*site, target));
    EXPECT_EQ(page.find("<script>"), std::string::npos) << target;
    EXPECT_EQ(page.find("alert(1)</script>"), std::string::npos) << target;
    EXPECT_EQ(page.find("\"Q\""), std::string::npos) << target;
  }
  const auto guide = text_of(get(*site, "/guides/acme/senior-engineer"));
  EXPECT_NE(guide.find("Acme &lt;script&gt;alert(1)&lt;/script&gt; &quot;Q&quot;"),
            std::string::npos);
  EXPECT_NE(text_of(get(*site, "/roles/senior-engineer")).find("Acme &lt;script&gt;"),
            std::string::npos);
  EXPECT_NE(text_of(get(*site, "/search?q=%3Cscript%3E")).find("value=\"&lt;script&gt;\""),
            std::string::npos);
  fs::remove_all(folder);
}

}  // namespace
}  // namespace negotiateup::web
