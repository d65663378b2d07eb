// Submissions through the site, as the server calls it (web::Site::handle), into
// a real SQLite store: the form and its checks against programs, the JSON API,
// every field's error, duplicates, withdrawal by token, hostile text.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <regex>

#include "ingest/submission.hpp"
#include "store/store.hpp"
#include "test_support.hpp"
#include "web/http.hpp"
#include "web/site.hpp"
#include "web/submission_inbox.hpp"

namespace negotiateup {
namespace {

using nlohmann::json;
using namespace std::chrono;

const sys_seconds kStart = sys_days{year{2026} / December / 6} + hours{9};

class SubmissionWeb : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = test::fresh_folder("submission-web");
    db_ = (folder_ / "store.db").string();
    auto store = store::open_store(db_);
    ASSERT_TRUE(store.has_value()) << store.error();
    web::SubmissionSettings settings;
    settings.clock = [this] { return now_.load(); };
    inbox_ = std::make_shared<web::SubmissionInbox>(std::move(*store), settings);
    web::SiteOptions options;
    options.catalog = test::repository() / "catalog";
    options.templates = test::repository() / "templates";
    options.jobs = core::Jobs{2};
    options.submissions = inbox_;
    auto site = web::Site::load(options);
    ASSERT_TRUE(site.has_value()) << site.error();
    site_ = *site;
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  web::Response send(std::string_view method, std::string_view target, std::string_view body = {},
                     std::string_view type = "application/json",
                     std::string_view authorization = {}) {
    return site_->handle(web::Request{method, target, type, body, authorization});
  }
  static std::string text(const web::Response& response) {
    return response.body ? response.body->text() : std::string();
  }
  std::vector<store::Submission> stored() {
    return (*store::open_store(db_))->submissions(std::nullopt);
  }
  // The form as served: its signed time stamp.
  std::string stamp() {
    const auto page = text(send("GET", "/submit"));
    std::smatch match;
    EXPECT_TRUE(
        std::regex_search(page, match, std::regex(R"re(name="form_started" value="([^"]+)")re")))
        << page;
    return match[1];
  }

  std::filesystem::path folder_;
  std::string db_;
  std::atomic<sys_seconds> now_{kStart};
  std::shared_ptr<web::SubmissionInbox> inbox_;
  std::shared_ptr<const web::Site> site_;
};

const json kValid = {
    {"kind", "offer"},   {"company", "Hugging Face"}, {"role", "Senior Software Engineer"},
    {"level", "Senior"}, {"location", "Paris"},       {"years_experience", 7},
    {"date", "2026-10"}, {"currency", "EUR"},         {"base", 98000},
    {"bonus", "5000"},   {"equity_type", "rsu"},      {"equity_grant", 120000},
    {"total", 133000}};

TEST_F(SubmissionWeb, TheApiStoresAPendingPointWithNamesResolvedAndGivesItsTokenOnce) {
  const auto answer = send("POST", "/api/v1/submissions", kValid.dump());
  ASSERT_EQ(answer.status, 201) << text(answer);
  const auto body = json::parse(text(answer));
  EXPECT_EQ(body["status"], "pending");
  EXPECT_EQ(body["token"].get<std::string>().size(), 32u);
  const auto all = stored();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].id, body["id"].get<std::int64_t>());
  EXPECT_EQ(all[0].status, store::SubmissionStatus::pending);
  EXPECT_EQ(all[0].received, kStart);
  const auto& p = all[0].point;
  EXPECT_EQ(p.company, "hugging-face");
  EXPECT_EQ(p.role, "senior-software-engineer");
  EXPECT_EQ(p.region, "paris");
  EXPECT_EQ(p.level, "Senior");
  EXPECT_EQ(p.date, year{2026} / October / 1);
  EXPECT_EQ(p.base, 98'000);
  EXPECT_EQ(p.stock_per_year, 30'000);  // the grant over 4 years
  EXPECT_EQ(p.bonus, 5'000);
  EXPECT_EQ(p.source, store::kSubmissionSource);
  EXPECT_TRUE(p.flags.empty());  // 98,000 + 30,000 + 5,000 = 133,000
  const auto attributes = json::parse(p.attributes);
  EXPECT_EQ(attributes["company_as_written"], "Hugging Face");
  EXPECT_EQ(attributes["kind"], "offer");
  EXPECT_EQ(attributes["years_experience"], "7");
  // Nothing about the sender: no address, no browser.
  EXPECT_EQ(p.attributes.find("127.0.0.1"), std::string::npos);
}

TEST_F(SubmissionWeb, ATotalThatDoesNotAddUpIsFlaggedAsIngestFlagsIt) {
  auto sent = kValid;
  sent["total"] = 200000;
  ASSERT_EQ(send("POST", "/api/v1/submissions", sent.dump()).status, 201);
  EXPECT_EQ(stored().at(0).point.flags, std::vector<std::string>{"total-mismatch"});
}

TEST_F(SubmissionWeb, EachFieldSaysWhatIsWrongWithIt) {
  const std::vector<std::pair<json, std::string>> cases{
      {{{"base", "95k"}}, "base"},
      {{{"base", -5}}, "base"},
      {{{"currency", "EURO"}}, "currency"},
      {{{"date", "2027-01"}}, "date"},
      {{{"date", "1999-12-31"}}, "date"},
      {{{"date", "2026-02-30"}}, "date"},
      {{{"kind", "rumour"}}, "kind"},
      {{{"years_experience", 99}}, "years_experience"},
      {{{"vesting_years", 0}}, "vesting_years"},
      {{{"equity_type", "none"}}, "equity_grant"},
      {{{"equity_type", "warrants"}}, "equity_type"},
      {{{"company", std::string(121, 'a')}}, "company"},
      {{{"company", ""}}, "company"},
      {{{"company", "Market"}}, "company"},
      {{{"location", std::string("Par\0is", 6)}}, "location"},
      {{{"salary", 1}}, "salary"},
      {{{"base", 1.5}}, "base"},
  };
  for (const auto& [change, field] : cases) {
    auto sent = kValid;
    sent.merge_patch(change);
    const auto answer = send("POST", "/api/v1/submissions", sent.dump());
    EXPECT_EQ(answer.status, 400) << change.dump() << text(answer);
    const auto body = json::parse(text(answer), nullptr, false);
    ASSERT_FALSE(body.is_discarded()) << text(answer);
    EXPECT_EQ(body["errors"][0]["field"], field) << change.dump() << text(answer);
  }
  // Several problems are all named at once.
  auto sent = kValid;
  sent.merge_patch({{"base", "x"}, {"currency", "?"}});
  const auto both = json::parse(text(send("POST", "/api/v1/submissions", sent.dump())));
  EXPECT_EQ(both["errors"].size(), 2u);
  EXPECT_TRUE(stored().empty());
}

TEST_F(SubmissionWeb, MalformedBodiesGet4xxAndStoreNothing) {
  EXPECT_EQ(send("POST", "/api/v1/submissions", kValid.dump(), "text/plain").status, 415);
  EXPECT_EQ(send("POST", "/api/v1/submissions", "{\"base\": ").status, 400);
  EXPECT_EQ(send("POST", "/api/v1/submissions", "[1, 2]").status, 400);
  EXPECT_EQ(send("POST", "/api/v1/submissions", std::string(5000, '[')).status, 400);
  EXPECT_EQ(send("POST", "/api/v1/submissions", R"({"company": {"name": "x"}})").status, 400);
  EXPECT_EQ(send("GET", "/api/v1/submissions").status, 405);
  EXPECT_TRUE(stored().empty());
}

TEST_F(SubmissionWeb, TheSameFiguresWithinTheWindowAreADuplicate) {
  EXPECT_EQ(send("POST", "/api/v1/submissions", kValid.dump()).status, 201);
  now_ = kStart + hours{23};
  EXPECT_EQ(send("POST", "/api/v1/submissions", kValid.dump()).status, 409);
  now_ = kStart + hours{25};
  EXPECT_EQ(send("POST", "/api/v1/submissions", kValid.dump()).status, 201);
  EXPECT_EQ(stored().size(), 2u);
}

TEST_F(SubmissionWeb, OnlyItsTokenDeletesASubmission) {
  const auto body = json::parse(text(send("POST", "/api/v1/submissions", kValid.dump())));
  const auto target = body["delete"].get<std::string>();
  const auto token = body["token"].get<std::string>();
  EXPECT_EQ(send("DELETE", target).status, 401);
  EXPECT_EQ(send("DELETE", target, {}, {}, "Bearer " + std::string(32, '0')).status, 404);
  EXPECT_EQ(send("DELETE", "/api/v1/submissions/999", {}, {}, "Bearer " + token).status, 404);
  EXPECT_EQ(send("DELETE", "/api/v1/submissions/x", {}, {}, "Bearer " + token).status, 404);
  EXPECT_EQ(stored().size(), 1u);
  EXPECT_EQ(send("DELETE", target, {}, {}, "Bearer " + token).status, 204);
  EXPECT_TRUE(stored().empty());
  EXPECT_EQ(send("DELETE", target, {}, {}, "Bearer " + token).status, 404);
}

std::string form_body(const json& fields, std::string_view stamp, std::string_view trap = "") {
  std::string body =
      fmt::format("form_started={}&website={}", web::url_encode(stamp), web::url_encode(trap));
  for (const auto& [name, value] : fields.items()) {
    body +=
        fmt::format("&{}={}", name,
                    web::url_encode(value.is_string() ? value.get<std::string>() : value.dump()));
  }
  return body;
}
constexpr std::string_view kForm = "application/x-www-form-urlencoded";

TEST_F(SubmissionWeb, TheFormTakesASubmissionFilledInAtAPersonsPace) {
  EXPECT_NE(text(send("GET", "/")).find("href=\"/submit\""), std::string::npos);
  const auto page = text(send("GET", "/submit"));
  for (const auto& field : ingest::kSubmissionFields)
    EXPECT_NE(page.find(fmt::format("name=\"{}\"", field.name)), std::string::npos) << field.name;
  EXPECT_NE(page.find("class=\"trap\""), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);  // works without scripts
  const auto started = stamp();
  now_ = kStart + seconds{40};
  const auto answer = send("POST", "/submit/send", form_body(kValid, started), kForm);
  EXPECT_EQ(answer.status, 201) << text(answer);
  const auto all = stored();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_NE(text(answer).find(fmt::format("number <strong>{}</strong>", all[0].id)),
            std::string::npos);
  // The token is shown once, and withdraws the submission through the page.
  std::smatch token;
  const auto done = text(answer);
  ASSERT_TRUE(std::regex_search(done, token, std::regex("<code>([0-9a-f]{32})</code>"))) << done;
  const auto withdrawn = send("POST", "/submit/delete",
                              fmt::format("id={}&token={}", all[0].id, token[1].str()), kForm);
  EXPECT_EQ(withdrawn.status, 200) << text(withdrawn);
  EXPECT_TRUE(stored().empty());
}

TEST_F(SubmissionWeb, TheFormRefusesProgramsAndStoresNothing) {
  const auto started = stamp();
  now_ = kStart + seconds{40};
  // The hidden trap filled in.
  EXPECT_EQ(send("POST", "/submit/send", form_body(kValid, started, "http://spam"), kForm).status,
            400);
  // Sent back within seconds.
  now_ = kStart + seconds{2};
  const auto fast = send("POST", "/submit/send", form_body(kValid, started), kForm);
  EXPECT_EQ(fast.status, 400);
  EXPECT_NE(text(fast).find("value=\"98000\""), std::string::npos);  // the figures kept
  // A stamp made up, or a day old.
  now_ = kStart + seconds{40};
  EXPECT_EQ(send("POST", "/submit/send", form_body(kValid, "1780000000.00"), kForm).status, 400);
  EXPECT_EQ(send("POST", "/submit/send", form_body(kValid, ""), kForm).status, 400);
  now_ = kStart + hours{25};
  EXPECT_EQ(send("POST", "/submit/send", form_body(kValid, started), kForm).status, 400);
  EXPECT_EQ(send("POST", "/submit/send", kValid.dump(), "application/json").status, 415);
  EXPECT_TRUE(stored().empty());
}

TEST_F(SubmissionWeb, HostileTextIsStoredAsWrittenAndShownEscaped) {
  const std::string hostile = "<script>alert(1)</script>\" onmouseover=\"x";
  auto sent = kValid;
  sent["company"] = hostile;
  sent["base"] = "nope";  // the form comes back, with the company in it
  const auto started = stamp();
  now_ = kStart + seconds{40};
  const auto again = text(send("POST", "/submit/send", form_body(sent, started), kForm));
  EXPECT_EQ(again.find(hostile), std::string::npos);
  EXPECT_NE(again.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x"),
            std::string::npos)
      << again;
  sent["base"] = 98000;
  ASSERT_EQ(send("POST", "/api/v1/submissions", sent.dump()).status, 201);
  EXPECT_EQ(stored().at(0).point.company, hostile);
}

// The OpenAPI document's submission routes: a real answer has the keys its
// schema requires, and every status the routes answer with is documented.
TEST_F(SubmissionWeb, TheOpenApiDocumentDescribesTheSubmissionRoutes) {
  const auto document = json::parse(text(send("GET", "/api/v1/openapi.json")));
  const auto& post = document["paths"]["/api/v1/submissions"]["post"]["responses"];
  const auto& remove = document["paths"]["/api/v1/submissions/{id}"]["delete"]["responses"];
  const auto receipt = json::parse(text(send("POST", "/api/v1/submissions", kValid.dump())));
  for (const auto& key : document["components"]["schemas"]["SubmissionReceipt"]["required"])
    EXPECT_TRUE(receipt.contains(key.get<std::string>())) << key;
  for (const auto& [field, schema] :
       document["components"]["schemas"]["Submission"]["properties"].items()) {
    EXPECT_TRUE(std::ranges::any_of(ingest::kSubmissionFields, [&](const auto& f) {
      return f.name == field;
    })) << field;
  }
  EXPECT_EQ(document["components"]["schemas"]["Submission"]["properties"].size(),
            ingest::kSubmissionFields.size());
  const auto documented = [](const json& responses, int status) {
    return responses.contains(std::to_string(status));
  };
  EXPECT_TRUE(documented(post, send("POST", "/api/v1/submissions", kValid.dump()).status));  // 409
  EXPECT_TRUE(documented(post, send("POST", "/api/v1/submissions", "{}").status));
  EXPECT_TRUE(documented(post, send("POST", "/api/v1/submissions", "x", "text/plain").status));
  EXPECT_TRUE(documented(post, send("PUT", "/api/v1/submissions").status));
  const auto target = receipt["delete"].get<std::string>();
  EXPECT_TRUE(documented(remove, send("DELETE", target).status));
  EXPECT_TRUE(documented(remove, send("DELETE", target, {}, {}, "Bearer x").status));
  EXPECT_TRUE(documented(remove, send("GET", target).status));
  EXPECT_TRUE(documented(
      remove,
      send("DELETE", target, {}, {}, "Bearer " + receipt["token"].get<std::string>()).status));
}

TEST_F(SubmissionWeb, ASiteWithoutAnInboxHasNoSubmissionRoutes) {
  web::SiteOptions options;
  options.catalog = test::repository() / "catalog";
  options.templates = test::repository() / "templates";
  const auto site = web::Site::load(options);
  ASSERT_TRUE(site.has_value());
  EXPECT_EQ((*site)->handle(web::Request{"GET", "/submit", {}, {}}).status, 404);
  EXPECT_EQ((*site)->handle(web::Request{"GET", "/", {}, {}}).body->text().find("href=\"/submit\""),
            std::string::npos);
  EXPECT_EQ(
      (*site)->handle(web::Request{"POST", "/api/v1/submissions", "application/json", "{}"}).status,
      404);
}

}  // namespace
}  // namespace negotiateup
