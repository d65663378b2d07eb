// /api/v1 and the offer calculator, through web::Site::handle as the server calls
// it: every route, its errors, and its figures against the build's files, the
// evaluator and the command line.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>

#include "catalog/catalog_files.hpp"
#include "offer/evaluation.hpp"
#include "offer/offer_report.hpp"
#include "offer/offer_request.hpp"
#include "render/catalog_build.hpp"
#include "render/html.hpp"
#include "test_support.hpp"
#include "web/api_support.hpp"
#include "web/site.hpp"

namespace negotiateup {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::size_t kPaths = 20'000;  // the test site's cap, to keep the suite quick

class WebApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    web::SiteOptions options;
    options.catalog = test::repository() / "catalog";
    options.templates = test::repository() / "templates";
    options.jobs = core::Jobs{2};
    options.max_offer_paths = kPaths;
    auto loaded = web::Site::load(options);
    ASSERT_TRUE(loaded.has_value()) << loaded.error();
    site_ = new std::shared_ptr<const web::Site>(std::move(*loaded));
  }
  static void TearDownTestSuite() {
    delete site_;
    site_ = nullptr;
  }

  static const web::Site& site() { return **site_; }
  static web::Response get(std::string_view target, std::string_view method = "GET") {
    return site().handle(web::Request{method, target, {}, {}});
  }
  static web::Response post(std::string_view target, std::string_view body,
                            std::string_view type = "application/json") {
    return site().handle(web::Request{"POST", target, type, body});
  }
  static std::string text(const web::Response& response) { return response.body->text(); }
  static json body_json(const web::Response& response) { return json::parse(text(response)); }
  static void expect_error(const web::Response& response, int status, std::string_view field) {
    EXPECT_EQ(response.status, status) << text(response);
    EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
    const auto document = json::parse(text(response), nullptr, false);
    ASSERT_TRUE(document.is_object()) << text(response);
    ASSERT_TRUE(document.contains("error")) << text(response);
    EXPECT_TRUE(document["error"]["message"].is_string());
    if (!field.empty()) {
      EXPECT_EQ(document["error"].value("field", ""), field) << text(response);
    }
  }
  static std::string example(const std::string& name) {
    return test::read_file(test::repository() / "examples" / name);
  }

  static std::shared_ptr<const web::Site>* site_;
};
std::shared_ptr<const web::Site>* WebApi::site_ = nullptr;

TEST_F(WebApi, GuidesListsEveryGuideWithItsLinks) {
  const auto response = get("/api/v1/guides");
  ASSERT_EQ(response.status, 200);
  EXPECT_FALSE(response.body->etag.empty());  // made once, cacheable
  const auto document = body_json(response);
  const auto& guides = site().snapshot().catalog().guides;
  ASSERT_EQ(document["guides"].size(), guides.size());
  for (std::size_t i = 0; i < guides.size(); ++i) {
    const auto& item = document["guides"][i];
    EXPECT_EQ(item["company"], guides[i].company);
    EXPECT_EQ(item["role"], guides[i].role);
    EXPECT_EQ(item["href"], "/guides/" + guides[i].company + "/" + guides[i].role);
    EXPECT_EQ(get(item["url"].get<std::string>()).status, 200) << item["url"];
    EXPECT_FALSE(item["company_display"].get<std::string>().empty());
  }
  EXPECT_EQ(document["total"], guides.size());
  EXPECT_EQ(document["offset"], 0);
  EXPECT_EQ(document["limit"], 1000);
}

TEST_F(WebApi, TheGuidesListIsPagedLikeTheBands) {
  const auto& guides = site().snapshot().catalog().guides;
  ASSERT_GT(guides.size(), 3u);
  const auto page = body_json(get("/api/v1/guides?offset=2&limit=2"));
  ASSERT_EQ(page["guides"].size(), 2u);
  EXPECT_EQ(page["guides"][0]["company"], guides[2].company);
  EXPECT_EQ(page["guides"][1]["role"], guides[3].role);
  EXPECT_EQ(page["total"], guides.size());
  EXPECT_EQ(page["offset"], 2);
  EXPECT_EQ(page["limit"], 2);
  const auto past = body_json(get(fmt::format("/api/v1/guides?offset={}", guides.size())));
  EXPECT_TRUE(past["guides"].empty());
  EXPECT_EQ(past["total"], guides.size());
  expect_error(get("/api/v1/guides?limit=10001"), 400, "limit");
  expect_error(get("/api/v1/guides?offset=x"), 400, "offset");
}

TEST_F(WebApi, AGuideIsTheBuildsJsonByteForByte) {
  const auto out = test::fresh_folder("web-api-build");
  render::BuildOptions options;
  options.out = out / "site";
  options.today =
      core::Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  options.jobs = core::Jobs{2};
  const auto built = render::build_catalog(test::repository() / "catalog",
                                           test::repository() / "templates", options);
  ASSERT_TRUE(built.has_value()) << built.error();
  std::size_t compared = 0;
  for (const auto& guide : site().snapshot().catalog().guides) {
    const auto file = out / "site" / "guides" / guide.company / (guide.role + ".json");
    ASSERT_TRUE(fs::exists(file)) << file;
    const auto response = get("/api/v1/guides/" + guide.company + "/" + guide.role);
    ASSERT_EQ(response.status, 200);
    EXPECT_EQ(text(response), test::read_file(file)) << file;
    ++compared;
  }
  EXPECT_GT(compared, 0u);
  fs::remove_all(out);
}

TEST_F(WebApi, AnUnknownGuideOrRouteIsAJson404) {
  expect_error(get("/api/v1/guides/nobody/nothing"), 404, "");
  expect_error(get("/api/v1/guides/../../etc/passwd"), 404, "");
  expect_error(get("/api/v1/nothing"), 404, "");
}

TEST_F(WebApi, BandsResolveNamesAsPeopleWriteThem) {
  const auto all = body_json(get("/api/v1/bands"));
  EXPECT_GT(all["total"].get<int>(), 0);
  const auto by_alias = get("/api/v1/bands?company=HF&region=paris");
  ASSERT_EQ(by_alias.status, 200) << text(by_alias);
  const auto bands = body_json(by_alias)["bands"];
  ASSERT_FALSE(bands.empty());
  for (const auto& band : bands) {
    EXPECT_EQ(band["company"], "hugging-face");
    EXPECT_EQ(band["region"], "paris");
    EXPECT_EQ(band["currency"], "EUR");
  }
  // Case, spaces and accents make no difference.
  EXPECT_EQ(text(get("/api/v1/bands?company=Hugging%20Face&region=PARIS")), text(by_alias));
  // The role filter, with the band's figures as the catalog states them.
  const auto one = body_json(get(
      "/api/v1/bands?company=hugging-face&role=senior-software-engineer&region=paris"))["bands"];
  ASSERT_EQ(one.size(), 1u);
  const auto* guide = site().snapshot().lookup().guide("hugging-face", "senior-software-engineer");
  ASSERT_NE(guide, nullptr);
  for (const auto& band : guide->bands) {
    if (band.region != "paris" || !band.base) continue;
    EXPECT_EQ(one[0]["base"][0], band.base->low);
    EXPECT_EQ(one[0]["base"][1], band.base->high);
  }
}

// Beside each company band, the role's market band in its region, or null.
TEST_F(WebApi, BandsCarryTheMarketBandOfTheirRoleAndRegion) {
  const auto& lookup = site().snapshot().lookup();
  const auto* london = lookup.market_band("senior-software-engineer", "london");
  ASSERT_NE(london, nullptr);
  const auto bands = body_json(get("/api/v1/bands?role=senior-software-engineer&region=london"));
  ASSERT_FALSE(bands["bands"].empty());
  for (const auto& band : bands["bands"]) {
    const auto& market = band["market"];
    EXPECT_EQ(market["region"], "london");
    EXPECT_EQ(market["currency"], "GBP");
    EXPECT_EQ(market["base"], json::array({london->base.low, london->base.high}));
    EXPECT_EQ(market["points"], london->points);
    EXPECT_EQ(market["years"], json::array({london->first_year, london->last_year}));
    EXPECT_EQ(market["sources"], json::array({"aijobs.net"}));
  }
  ASSERT_EQ(lookup.market_band("senior-software-engineer", "paris"), nullptr);
  const auto paris = body_json(get("/api/v1/bands?role=senior-software-engineer&region=paris"));
  ASSERT_FALSE(paris["bands"].empty());
  for (const auto& band : paris["bands"]) EXPECT_TRUE(band["market"].is_null());
  // A guide's JSON lists the same band under its region's name.
  const auto guide = body_json(get("/api/v1/guides/datadog/senior-software-engineer"));
  const auto& listed = guide["derived"]["market_bands"];
  ASSERT_FALSE(listed.empty());
  EXPECT_EQ(listed[0]["region"], "London");
  EXPECT_EQ(listed[0]["base"], json::array({london->base.low, london->base.high}));
}

TEST_F(WebApi, BandsRefuseUnknownNamesWithSuggestions) {
  const auto response = get("/api/v1/bands?company=hugging-fase");
  expect_error(response, 400, "company");
  EXPECT_NE(text(response).find("hugging-face"), std::string::npos) << text(response);
  expect_error(get("/api/v1/bands?role=astronaut"), 400, "role");
  expect_error(get("/api/v1/bands?region=atlantis"), 400, "region");
  expect_error(get("/api/v1/bands?limit=x"), 400, "limit");
  expect_error(get("/api/v1/bands?limit=99999999999999999999999"), 400, "limit");
  expect_error(get("/api/v1/bands?offset=-1"), 400, "offset");
}

TEST_F(WebApi, BandsPage) {
  const auto all = body_json(get("/api/v1/bands"));
  const auto page = body_json(get("/api/v1/bands?offset=1&limit=2"));
  ASSERT_GE(all["bands"].size(), 3u);
  ASSERT_EQ(page["bands"].size(), 2u);
  EXPECT_EQ(page["bands"][0], all["bands"][1]);
  EXPECT_EQ(page["total"], all["total"]);
}

TEST_F(WebApi, SearchForgivesCaseAccentsAndTypos) {
  for (const auto* query : {"HF", "hugging", "Hugging%20Face", "hugingface", "HUGGING+FACE"}) {
    const auto response = get(std::string("/api/v1/search?q=") + query);
    ASSERT_EQ(response.status, 200) << query;
    const auto document = body_json(response);
    ASSERT_FALSE(document["companies"].empty()) << query;
    EXPECT_EQ(document["companies"][0]["slug"], "hugging-face") << query;
    ASSERT_FALSE(document["guides"].empty()) << query;
    EXPECT_EQ(document["guides"][0]["company"], "hugging-face") << query;
  }
  const auto region = body_json(get("/api/v1/search?q=NYC"));
  ASSERT_FALSE(region["regions"].empty());
  EXPECT_EQ(region["regions"][0]["slug"], "new-york");
  const auto nothing = body_json(get("/api/v1/search?q=zzzzzzzzzzzz"));
  EXPECT_TRUE(nothing["companies"].empty());
  EXPECT_TRUE(nothing["guides"].empty());
  expect_error(get("/api/v1/search"), 400, "q");
  expect_error(get("/api/v1/search?q=%20"), 400, "q");
}

TEST_F(WebApi, EvaluateAnswersAsTheEvaluatorAndTheCommandLine) {
  for (const auto* name : {"offer-hugging-face.json", "offer-two-competing.json"}) {
    const auto request = example(name);
    const auto response = post("/api/v1/offers/evaluate", request);
    ASSERT_EQ(response.status, 200) << text(response);
    const auto parsed = offer::parse_offer_request(request, "body");
    ASSERT_TRUE(parsed.has_value());
    const offer::SimulationSettings settings{42, kPaths, core::Jobs{2}};
    const auto evaluation =
        offer::evaluate_offer(*parsed, site().snapshot().catalog(), settings, "body");
    ASSERT_TRUE(evaluation.has_value()) << evaluation.error();
    EXPECT_EQ(text(response), offer::evaluation_json(*evaluation));

    const auto cli = test::run("offer " + (test::repository() / "examples" / name).string() +
                               " --format json --paths " + std::to_string(kPaths) + " --catalog " +
                               (test::repository() / "catalog").string());
    ASSERT_EQ(cli.status, 0) << cli.out;
    EXPECT_EQ(text(response), cli.out);
  }
}

TEST_F(WebApi, EvaluateTakesASeedAndPathsUpToTheCap) {
  const auto request = example("offer-hugging-face.json");
  const auto seeded = post("/api/v1/offers/evaluate?seed=7&paths=1000", request);
  ASSERT_EQ(seeded.status, 200) << text(seeded);
  const auto cli =
      test::run("offer " + (test::repository() / "examples/offer-hugging-face.json").string() +
                " --format json --seed 7 --paths 1000 --catalog " +
                (test::repository() / "catalog").string());
  EXPECT_EQ(text(seeded), cli.out);
  const auto above = post("/api/v1/offers/evaluate?paths=" + std::to_string(kPaths + 1), request);
  expect_error(above, 400, "paths");
  EXPECT_NE(text(above).find(std::to_string(kPaths)), std::string::npos) << text(above);
  expect_error(post("/api/v1/offers/evaluate?paths=0", request), 400, "paths");
  expect_error(post("/api/v1/offers/evaluate?seed=-3", request), 400, "seed");
}

TEST_F(WebApi, WrongMethodsAndContentTypesAreRefused) {
  for (const auto* target :
       {"/api/v1/guides", "/api/v1/bands", "/api/v1/search?q=hf", "/api/v1/openapi.json",
        "/api/v1/guides/hugging-face/senior-software-engineer"}) {
    const auto response = post(target, "{}");
    expect_error(response, 405, "");
    ASSERT_EQ(response.headers.size(), 1u);
    EXPECT_EQ(response.headers[0].first, "Allow");
    EXPECT_EQ(response.headers[0].second, "GET, HEAD");
  }
  const auto get_evaluate = get("/api/v1/offers/evaluate");
  expect_error(get_evaluate, 405, "");
  EXPECT_EQ(get_evaluate.headers.at(0).second, "POST");
  const auto request = example("offer-hugging-face.json");
  expect_error(post("/api/v1/offers/evaluate", request, "text/plain"), 415, "");
  expect_error(post("/api/v1/offers/evaluate", request, ""), 415, "");
  EXPECT_EQ(post("/api/v1/offers/evaluate", request, "application/json; charset=utf-8").status,
            200);
  EXPECT_EQ(get("/offer", "DELETE").status, 405);
}

TEST_F(WebApi, BadInputIsA4xxNamingTheFieldNeverA500) {
  const std::string deep = std::string(1000, '[') + std::string(1000, ']');
  const std::string deep_object = [] {
    std::string text;
    for (int i = 0; i < 1000; ++i) text += "{\"a\":";
    text += "1";
    text += std::string(1000, '}');
    return text;
  }();
  struct Case {
    std::string body;
    int status;
    std::string field;
  };
  const std::vector<Case> corpus{
      {"", 400, ""},
      {"{", 400, ""},
      {"not json", 400, ""},
      {"[]", 400, ""},
      {"null", 400, ""},
      {"\"text\"", 400, ""},
      {deep, 400, ""},
      {deep_object, 400, ""},
      {std::string(70 * 1024, ' '), 413, ""},
      {R"({"company": "hugging-face"})", 400, "role"},
      {R"({"company": 7, "role": "x", "region": "y", "offer": {}})", 400, "company"},
      {R"({"company": "hugging-fase", "role": "senior-software-engineer", "region": "Paris",
          "offer": {"currency": "EUR", "base": 90000}})",
       400, "company"},
      {R"({"company": "hf", "role": "senior-software-engineer", "region": "Atlantis",
          "offer": {"currency": "EUR", "base": 90000}})",
       400, "region"},
      {R"({"company": "hf", "role": "senior-software-engineer", "region": "Paris",
          "offer": {"currency": "EUR", "base": 1e300}})",
       400, "offer.base"},
      {R"({"company": "hf", "role": "senior-software-engineer", "region": "Paris",
          "offer": {"currency": "EUR", "base": 99999999999999999999999999}})",
       400, "offer.base"},
      {R"({"company": "hf", "role": "senior-software-engineer", "region": "Paris",
          "offer": {"currency": "EUR", "base": -5}})",
       400, "offer.base"},
      {R"({"company": "hf", "role": "senior-software-engineer", "region": "Paris",
          "offer": {"currency": "EUR", "base": "90000"}})",
       400, "offer.base"},
      {R"({"company": "hf", "role": "senior-software-engineer", "region": "Paris",
          "offer": {"currency": "XXX", "base": 90000}})",
       400, "offer.currency"},
      {R"({"company": "hf", "role": "senior-software-engineer", "region": "Paris",
          "offer": {"currency": "EUR", "base": 90000, "equity": {"type": "public-rsu",
          "grant_value": 1000, "schedule": [50, 40]}}})",
       400, "offer.equity.schedule"},
      {R"({"company": "hf", "role": "senior-software-engineer", "region": "Paris",
          "offer": {"currency": "EUR", "base": 90000}, "competing": [{"company": "nobody",
          "region": "Paris", "offer": {"currency": "EUR", "base": 1}}]})",
       400, "competing[0].company"},
      {R"({"company": "hf", "role": "senior-software-engineer", "region": "Paris",
          "offer": {"currency": "EUR", "base": 90000}, "extra": 1})",
       400, "extra"},
      {"{\"company\": \"\xff\xfe\"}", 400, ""},
  };
  for (const auto& c : corpus) {
    const auto response = post("/api/v1/offers/evaluate", c.body);
    SCOPED_TRACE(c.body.substr(0, 120));
    expect_error(response, c.status, c.field);
  }
  // Hostile query strings on every GET route.
  for (const auto* target : {"/api/v1/bands?company=%3Cscript%3E", "/api/v1/bands?company=%",
                             "/api/v1/bands?company=%zz", "/api/v1/search?q=%00%01",
                             "/api/v1/search?q="
                             "%E2%80%AE%F0%9F%98%80",
                             "/api/v1/bands?&&&=&", "/api/v1/guides/%2e%2e/%2e%2e",
                             "/offer?base=%3Cscript%3E", "/offer/result?company=%3Cscript%3E"}) {
    const auto response = get(target);
    EXPECT_LT(response.status, 500) << target;
    if (response.content_type.starts_with("text/html")) {
      EXPECT_EQ(text(response).find("<script>"), std::string::npos) << target;
    }
  }
}

// The document's routes all answer, and real answers have the keys its schemas
// require: a structural check, not a JSON-schema validator.
TEST_F(WebApi, TheOpenApiDocumentDescribesTheRealResponses) {
  const auto response = get("/api/v1/openapi.json");
  ASSERT_EQ(response.status, 200);
  const auto document = body_json(response);
  EXPECT_EQ(document["openapi"], "3.1.0");
  const auto& schemas = document["components"]["schemas"];
  const auto schema_of = [&](const json& content) -> const json& {
    const auto& schema = content["application/json"]["schema"];
    if (!schema.contains("$ref")) return schema;
    const auto ref = schema["$ref"].get<std::string>();
    return schemas[ref.substr(ref.rfind('/') + 1)];
  };
  const auto expect_required = [](const json& schema, const json& value, const std::string& where) {
    ASSERT_TRUE(value.is_object()) << where;
    const json required = schema.contains("required") ? schema["required"] : json::array();
    for (const auto& key : required) {
      EXPECT_TRUE(value.contains(key.get<std::string>())) << where << " lacks " << key;
    }
  };
  const std::map<std::string, std::string> examples{
      {"/api/v1/guides/{company}/{role}", "/api/v1/guides/hugging-face/senior-software-engineer"},
      {"/api/v1/search", "/api/v1/search?q=hugging"},
  };
  std::set<std::string> seen;
  for (const auto& [path, operations] : document["paths"].items()) {
    // Submissions need a store: tests/unit/submission_web_test.cpp checks them.
    if (path.starts_with("/api/v1/submissions")) continue;
    for (const auto& [method, operation] : operations.items()) {
      const auto target = examples.contains(path) ? examples.at(path) : path;
      const auto answer =
          method == "post" ? post(target, example("offer-two-competing.json")) : get(target);
      ASSERT_EQ(answer.status, 200) << method << " " << target << ": " << text(answer);
      ASSERT_TRUE(operation["responses"].contains("200")) << path;
      const auto value = body_json(answer);
      expect_required(schema_of(operation["responses"]["200"]["content"]), value, path);
      // One level down: the items of listed arrays.
      const auto& schema = schema_of(operation["responses"]["200"]["content"]);
      const json properties = schema.contains("properties") ? schema["properties"] : json::object();
      for (const auto& [key, property] : properties.items()) {
        if (!property.contains("items") || !property["items"].contains("$ref")) continue;
        const auto ref = property["items"]["$ref"].get<std::string>();
        for (const auto& item : value[key]) {
          expect_required(schemas[ref.substr(ref.rfind('/') + 1)], item, path + " " + key);
        }
      }
      for (const auto& [status, described] : operation["responses"].items()) {
        if (status != "200") {
          EXPECT_EQ(described["content"]["application/json"]["schema"]["$ref"],
                    "#/components/schemas/Error")
              << path << " " << status;
        }
      }
      seen.insert(method + " " + path);
    }
  }
  EXPECT_EQ(seen,
            (std::set<std::string>{"get /api/v1/guides", "get /api/v1/guides/{company}/{role}",
                                   "get /api/v1/bands", "get /api/v1/search",
                                   "post /api/v1/offers/evaluate", "get /api/v1/openapi.json"}));
}

// The calculator's query for examples/offer-two-competing.json.
constexpr std::string_view kCalculatorQuery =
    "/offer/result?company=hugging-face&role=senior-software-engineer&region=New+York"
    "&currency=USD&base=200%2C000&signing_bonus=10000&equity=private-rsu&grant=280000"
    "&vesting=even"
    "&c1_company=google&c1_region=New+York&c1_currency=USD&c1_base=215000&c1_bonus_pct=15"
    "&c1_equity=public-rsu&c1_grant=360000&c1_vesting=33-33-22-12";

offer::OfferRequest calculator_request() {
  const auto parsed = offer::parse_offer_request(
      R"({"company": "hugging-face", "role": "senior-software-engineer", "region": "New York",
          "offer": {"currency": "USD", "base": 200000, "signing_bonus": 10000,
                    "equity": {"type": "private-rsu", "grant_value": 280000,
                               "schedule": [25, 25, 25, 25], "cliff_months": 12, "frequency": "yearly"}},
          "competing": [{"company": "google", "region": "New York",
                         "offer": {"currency": "USD", "base": 215000, "bonus_pct": 15,
                                   "equity": {"type": "public-rsu", "grant_value": 360000,
                                              "schedule": [33, 33, 22, 12], "cliff_months": 12,
                                              "frequency": "yearly"}}}]})",
      "test");
  EXPECT_TRUE(parsed.has_value()) << (parsed ? "" : parsed.error().to_string());
  return *parsed;
}

// "$1,234,567", written independently of the page's own formatting.
// As the page's templates escape text: render's escaping, and ' as &apos;.
std::string page_text(std::string_view text) {
  std::string escaped;
  for (const char c : render::escape_html(text)) {
    if (c == '\'') {
      escaped += "&apos;";
    } else {
      escaped.push_back(c);
    }
  }
  return escaped;
}

std::string grouped(std::int64_t amount) {
  const auto digits = std::to_string(amount);
  std::string text = "$";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    text.push_back(digits[i]);
    const auto left = digits.size() - i - 1;
    if (left > 0 && left % 3 == 0) text.push_back(',');
  }
  return text;
}

TEST_F(WebApi, TheFormWorksWithoutScript) {
  const auto form = get("/offer");
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(form.content_type, "text/html; charset=utf-8");
  const auto& html = text(form);
  EXPECT_NE(html.find("<form method=\"get\" action=\"/offer/result\""), std::string::npos);
  for (const auto* field :
       {"name=\"company\"", "name=\"role\"", "name=\"region\"", "name=\"currency\"",
        "name=\"base\"", "name=\"bonus_pct\"", "name=\"signing_bonus\"", "name=\"equity\"",
        "name=\"grant\"", "name=\"strike\"", "name=\"preferred\"", "name=\"vesting\"",
        "name=\"c1_company\"", "name=\"c3_base\""}) {
    EXPECT_NE(html.find(field), std::string::npos) << field;
  }
  // Every text field that names a catalog entry suggests the catalog's names.
  const auto& catalog = site().snapshot().catalog();
  for (const auto& [list, name] : {std::pair{"companies", catalog.companies.front().name},
                                   std::pair{"roles", catalog.roles.back().name},
                                   std::pair{"regions", catalog.regions.front().name}}) {
    const auto open = html.find(fmt::format("<datalist id=\"{}\">", list));
    ASSERT_NE(open, std::string::npos) << list;
    const auto option =
        html.find(fmt::format("<option value=\"{}\">", render::escape_html(name)), open);
    EXPECT_LT(option, html.find("</datalist>", open)) << list;
    EXPECT_NE(html.find(fmt::format("list=\"{}\"", list)), std::string::npos) << list;
  }
  // No inline script: only the enhancing file.
  EXPECT_EQ(std::regex_search(html, std::regex("<script(?![^>]*\\bsrc=)")), false);
  const auto script = get("/assets/offer.js");
  ASSERT_EQ(script.status, 200);
  EXPECT_EQ(script.content_type, "text/javascript; charset=utf-8");
  EXPECT_NE(text(script).find("option-fields"), std::string::npos);
}

TEST_F(WebApi, AResultStatesTheEvaluatorsFigures) {
  const auto response = get(kCalculatorQuery);
  ASSERT_EQ(response.status, 200) << text(response);
  const auto& html = text(response);
  const offer::SimulationSettings settings{42, kPaths, core::Jobs{2}};
  const auto e =
      offer::evaluate_offer(calculator_request(), site().snapshot().catalog(), settings, "t");
  ASSERT_TRUE(e.has_value()) << e.error();
  const auto has = [&](const std::string& needle) {
    EXPECT_NE(html.find(needle), std::string::npos) << needle;
  };
  has(render::escape_html(offer::position_wording(e->positions.base_percentile,
                                                  e->positions.base_outside, e->currency)));
  has("<strong class=\"expected\">" + grouped(e->four_year.expected) + "</strong>");
  has("<span class=\"p10\">" + grouped(e->four_year.p10) + "</span>");
  has("<span class=\"p90\">" + grouped(e->four_year.p90) + "</span>");
  for (const auto& year : e->flows.years)
    has("<td class=\"total\" data-label=\"Total\">" + grouped(year.total) + "</td>");
  ASSERT_EQ(e->competing.size(), 1u);
  has("<strong class=\"probability\">" +
      std::to_string(std::lround(e->competing[0].probability_better * 100.0)) + "%</strong>");
  ASSERT_TRUE(e->recommendation.has_value());
  has("<strong class=\"ask-base\">" + grouped(e->recommendation->ask_base) + "</strong>");
  has(page_text(e->recommendation->script));
  // Two stacked charts (this offer and Google's), each bar with its value.
  EXPECT_EQ(std::count(html.begin(), html.end(), '\0'), 0);
  std::size_t charts = 0;
  for (auto at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1))
    ++charts;
  EXPECT_EQ(charts, 2u);
  has("<title>Year 1 Base: " + grouped(e->flows.years[0].base) + "</title>");
  // The share link is the very URL, escaped for HTML.
  has("<a href=\"" + render::escape_html(std::string(kCalculatorQuery)) + "\" id=\"share-link\">");
}

TEST_F(WebApi, AResultEqualsTheCommandLinesFigures) {
  const auto folder = test::fresh_folder("web-api-offer");
  test::write_file(
      folder / "offer.json",
      R"({"company": "hugging-face", "role": "senior-software-engineer", "region": "New York",
  "offer": {"currency": "USD", "base": 200000, "signing_bonus": 10000,
            "equity": {"type": "private-rsu", "grant_value": 280000, "schedule": [25, 25, 25, 25],
                       "cliff_months": 12, "frequency": "yearly"}},
  "competing": [{"company": "google", "region": "New York",
                 "offer": {"currency": "USD", "base": 215000, "bonus_pct": 15,
                           "equity": {"type": "public-rsu", "grant_value": 360000,
                                      "schedule": [33, 33, 22, 12], "cliff_months": 12,
                                      "frequency": "yearly"}}}]})");
  const auto cli =
      test::run("offer " + (folder / "offer.json").string() + " --format json --paths " +
                std::to_string(kPaths) + " --catalog " + (test::repository() / "catalog").string());
  ASSERT_EQ(cli.status, 0) << cli.out;
  const auto figures = json::parse(cli.out);
  const auto& html = text(get(kCalculatorQuery));
  EXPECT_NE(html.find("<strong class=\"expected\">" +
                      grouped(figures["four_year"]["expected"].get<std::int64_t>())),
            std::string::npos);
  EXPECT_NE(
      html.find("<span class=\"p90\">" + grouped(figures["four_year"]["p90"].get<std::int64_t>())),
      std::string::npos);
  fs::remove_all(folder);
}

TEST_F(WebApi, AFormErrorIsShownBesideItsFieldWithTheValuesKept) {
  struct Case {
    std::string query;
    std::string field;
    std::string words;
  };
  const std::vector<Case> cases{
      {"company=hugging-face&role=senior-software-engineer&region=Paris&currency=EUR&base=lots",
       "base", "expected a number such as 90000"},
      {"company=hugging-face&role=senior-software-engineer&region=Paris&currency=EUR", "base",
       "missing"},
      {"company=hugging-fase&role=senior-software-engineer&region=Paris&currency=EUR&base=90000",
       "company", "did you mean: hugging-face?"},
      {"company=hf&role=senior-software-engineer&region=Atlantis&currency=EUR&base=90000", "region",
       "unknown region"},
      {"company=hf&role=senior-software-engineer&region=Paris&currency=EUR&base=90000&equity="
       "public-rsu",
       "grant", "missing"},
      {"company=hf&role=senior-software-engineer&region=Paris&currency=EUR&base=90000"
       "&c2_company=google&c2_region=Paris&c2_currency=EUR&c2_base=1.5",
       "c2_base", "whole amount"},
      {"company=hf&role=senior-software-engineer&region=Paris&currency=EUR&base=90000"
       "&equity=public-rsu&grant=1000&vesting=weekly",
       "vesting", "vesting schedules"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.query);
    const auto response = get("/offer/result?" + c.query);
    EXPECT_EQ(response.status, 400);
    const auto& html = text(response);
    const auto error = "<span class=\"error\" id=\"" + c.field + "-error\">";
    const auto at = html.find(error);
    ASSERT_NE(at, std::string::npos) << html;
    const auto end = html.find("</span>", at);
    EXPECT_NE(html.substr(at, end - at).find(page_text(c.words)), std::string::npos)
        << html.substr(at, end - at);
    // Beside its own input: the error follows it, before the next field.
    const auto input = html.rfind("name=\"" + c.field + "\"", at);
    ASSERT_NE(input, std::string::npos);
    EXPECT_EQ(html.find("<p class=\"field\">", input), html.find("<p class=\"field\">", at));
    EXPECT_NE(html.find("aria-describedby=\"" + c.field + "-error\""), std::string::npos);
    EXPECT_NE(html.find("value=\"senior-software-engineer\""), std::string::npos);  // kept
    EXPECT_EQ(std::count(html.begin(), html.end(), '\0'), 0);
  }
}

TEST_F(WebApi, HostileValuesAreEscapedInTheForm) {
  const auto response =
      get("/offer?company=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E&c1_region=%27");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(text(response).find("<script>alert"), std::string::npos);
  EXPECT_NE(text(response).find("&quot;&gt;&lt;script&gt;"), std::string::npos);
}

TEST(WebTarget, DecodesTheQuery) {
  const auto target = web::Target::parse("/a/b?x=1+2&y=%C3%A9t%C3%A9&z&bad=%zz&x=3#frag");
  EXPECT_EQ(target.path, "/a/b");
  EXPECT_EQ(target.get("x"), "1 2");
  EXPECT_EQ(target.get("y"), "\xC3\xA9t\xC3\xA9");
  EXPECT_EQ(target.get("z"), "");
  EXPECT_EQ(target.get("bad"), "%zz");
  EXPECT_FALSE(target.get("w").has_value());
  EXPECT_EQ(web::url_encode("a b&c/é"), "a+b%26c%2F%C3%A9");
}

}  // namespace
}  // namespace negotiateup
