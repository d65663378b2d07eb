#include "web/submit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <nlohmann/json.hpp>

#include "json/depth.hpp"
#include "json/writer.hpp"
#include "web/api_support.hpp"

namespace negotiateup::web {
namespace {

using render::list_value;
using render::names_value;
using render::object_value;
using render::TemplateData;
using render::text_value;

// The form's hidden fields: a trap only programs fill in, and when the form was
// served (signed).
constexpr std::string_view kHoneypot = "website";
constexpr std::string_view kStamp = "form_started";
// A submission's JSON is a flat object of a few hundred bytes.
constexpr std::size_t kMaxJsonDepth = 2;
constexpr std::string_view kFormType = "application/x-www-form-urlencoded";

// How the form shows each field of ingest::kSubmissionFields.
struct FieldLabel {
  std::string_view name;
  std::string_view label;
  std::string_view hint;
};
constexpr std::array<FieldLabel, 15> kLabels{{
    {"kind", "What you report", ""},
    {"company", "Company", "As you would write it; we match it to our guides where we can."},
    {"role", "Role or job title", ""},
    {"level", "Level", "The company's own level name (L5, E4, Senior II), if it has one."},
    {"location", "Location", "City or region of the job; Remote if fully remote."},
    {"years_experience", "Years of experience", ""},
    {"date", "Date of the offer or of the pay", "YYYY-MM, e.g. 2026-10"},
    {"currency", "Currency", "EUR, USD, GBP..."},
    {"base", "Base salary a year", "Whole units, e.g. 95000"},
    {"bonus", "Yearly bonus", "Target or last paid, whole units"},
    {"signing_bonus", "Signing bonus", ""},
    {"equity_type", "Equity", ""},
    {"equity_grant", "Equity grant, whole value", "The grant's value when granted, all years"},
    {"vesting_years", "Vesting years", "4 when left empty"},
    {"total", "Total a year, if you know it", "Base + equity a year + bonus; we check the sum"},
}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kChoiceLabels{{
    {"offer", "An offer I received"},
    {"current", "What I am paid now"},
    {"none", "No equity"},
    {"rsu", "RSUs (shares)"},
    {"options", "Stock options"},
}};

std::string_view choice_label(std::string_view value) {
  const auto found = std::ranges::find(kChoiceLabels, value,
                                       &std::pair<std::string_view, std::string_view>::first);
  return found != kChoiceLabels.end() ? found->second : value;
}

// The fields a form or JSON body sent, without the form's own hidden ones.
ingest::SubmissionFields submitted_fields(const Target& sent) {
  ingest::SubmissionFields fields;
  for (const auto& [name, value] : sent.parameters) {
    if (name != kHoneypot && name != kStamp) fields.emplace_back(name, value);
  }
  return fields;
}

std::optional<std::int64_t> parse_id(std::string_view text) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || id <= 0)
    return std::nullopt;
  return id;
}

std::string errors_json(const std::vector<ingest::FieldError>& errors) {
  json::Writer writer(json::Layout::indented);
  writer.StartObject();
  writer.Key("error");
  writer.StartObject();
  json::write_member(writer, "message",
                     errors.size() == 1 ? fmt::format("{} {}", errors[0].field, errors[0].message)
                                        : fmt::format("{} fields are not right", errors.size()));
  json::write_member(writer, "field", errors[0].field);
  writer.EndObject();
  writer.Key("errors");
  writer.StartArray();
  for (const auto& error : errors) {
    writer.StartObject();
    json::write_member(writer, "field", error.field);
    json::write_member(writer, "message", error.message);
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  return writer.text();
}

}  // namespace

Submit::Submit(const render::SiteSnapshot& snapshot, std::shared_ptr<SubmissionInbox> inbox)
    : snapshot_(snapshot), names_(snapshot.catalog()), inbox_(std::move(inbox)) {}

std::optional<Response> Submit::handle(const Request& request) const {
  const auto path = Target::parse(request.target).path;
  const bool get = request.method == "GET" || request.method == "HEAD";
  if (path == "/submit") {
    if (!get) return page_method_not_allowed();
    return form(Target{}, {}, {}, 200);
  }
  if (path == "/submit/send") {
    if (request.method != "POST") return method_not_allowed("POST");
    return send_form(request);
  }
  if (path == "/submit/delete") {
    if (!get && request.method != "POST") return method_not_allowed("GET, HEAD, POST");
    return delete_page(request);
  }
  if (path == "/api/v1/submissions") {
    if (request.method != "POST") return method_not_allowed("POST");
    return api_submit(request);
  }
  if (path.starts_with("/api/v1/submissions/")) {
    if (request.method != "DELETE") return method_not_allowed("DELETE");
    return api_delete(request, path.substr(std::string_view("/api/v1/submissions/").size()));
  }
  return std::nullopt;
}

Response Submit::form(const Target& sent, const std::vector<ingest::FieldError>& errors,
                      std::string_view notice, int status) const {
  auto data = object_value();
  data["title"] = text_value("Share your pay");
  auto fields = list_value();
  for (std::size_t i = 0; i < ingest::kSubmissionFields.size(); ++i) {
    const auto& spec = ingest::kSubmissionFields[i];
    const auto& label = kLabels[i];
    auto field = object_value();
    const auto value = sent.get(spec.name).value_or("");
    field["name"] = text_value(std::string(spec.name));
    field["label"] = text_value(std::string(label.label));
    field["hint"] = text_value(std::string(label.hint));
    field["value"] = text_value(std::string(value));
    field["required"] = TemplateData(spec.required);
    field["is_choice"] = TemplateData(spec.kind == ingest::SubmissionFieldKind::choice);
    const auto error = std::ranges::find(errors, spec.name, &ingest::FieldError::field);
    field["error"] = text_value(error != errors.end() ? error->message : std::string());
    if (spec.kind == ingest::SubmissionFieldKind::choice) {
      auto choices = list_value();
      for (const auto choice : spec.choices) {
        auto item = object_value();
        item["value"] = text_value(std::string(choice));
        item["label"] = text_value(std::string(choice_label(choice)));
        item["selected"] = TemplateData(choice == value);
        choices.push_back(std::move(item));
      }
      field["choices"] = std::move(choices);
    }
    fields.push_back(std::move(field));
  }
  data["fields"] = std::move(fields);
  data["notice"] = text_value(std::string(notice));
  // An error no field owns (an unknown field of a hand-made request).
  std::string other;
  for (const auto& error : errors) {
    const bool shown = std::ranges::any_of(ingest::kSubmissionFields,
                                           [&](const auto& f) { return f.name == error.field; });
    if (!shown)
      other += fmt::format("{}{} {}", other.empty() ? "" : "; ", error.field, error.message);
  }
  data["form_error"] = text_value(std::move(other));
  data["has_error"] = TemplateData(!errors.empty());
  data["honeypot"] = text_value(std::string(kHoneypot));
  data["stamp_name"] = text_value(std::string(kStamp));
  data["stamp"] = text_value(inbox_->form_stamp());
  data["companies"] = names_value(snapshot_.catalog().companies);
  data["roles"] = names_value(snapshot_.catalog().roles);
  data["regions"] = names_value(snapshot_.catalog().regions);
  return html_response(snapshot_.templates().render("site/serve/submit.html", data), status);
}

Response Submit::send_form(const Request& request) const {
  const auto type = request.content_type.substr(0, request.content_type.find(';'));
  if (type != kFormType)
    return json_error(415, "expected a form (application/x-www-form-urlencoded)");
  const auto sent = Target::parse(fmt::format("?{}", request.body));
  if (!sent.get(kHoneypot).value_or("").empty()) {
    return form(sent, {}, "This form was filled in by a program, so nothing was stored.", 400);
  }
  switch (inbox_->check_stamp(sent.get(kStamp).value_or(""))) {
    case SubmissionInbox::StampCheck::ok:
      break;
    case SubmissionInbox::StampCheck::too_fast:
      return form(sent, {},
                  "The form came back within seconds of being shown, faster than a person "
                  "fills it in. Please check your figures and send it again.",
                  400);
    case SubmissionInbox::StampCheck::expired:
    case SubmissionInbox::StampCheck::invalid:
      return form(sent, {}, "This form has expired. Please check your figures and send it again.",
                  400);
  }
  const auto today = core::Date{std::chrono::floor<std::chrono::days>(inbox_->now())};
  const auto point = ingest::parse_submission(submitted_fields(sent), names_, today);
  if (!point) return form(sent, point.error(), {}, 400);
  try {
    const auto receipt = inbox_->add(*point);
    auto data = object_value();
    data["title"] = text_value(receipt ? "Thank you" : "Already received");
    data["stored"] = TemplateData(receipt.has_value());
    if (receipt) {
      data["id"] = text_value(std::to_string(receipt->id));
      data["token"] = text_value(receipt->token);
    }
    data["window_hours"] = text_value(std::to_string(
        std::chrono::duration_cast<std::chrono::hours>(inbox_->settings().duplicate_window)
            .count()));
    return html_response(snapshot_.templates().render("site/serve/submit_done.html", data),
                         receipt ? 201 : 409);
  } catch (const core::Exception& error) {
    return form(sent, {},
                fmt::format("Your submission could not be stored just now ({}); please "
                            "try again in a few minutes.",
                            error.error().message),
                503);
  }
}

Response Submit::delete_page(const Request& request) const {
  auto data = object_value();
  data["title"] = text_value("Withdraw a submission");
  int status = 200;
  if (request.method == "POST") {
    const auto sent = Target::parse(fmt::format("?{}", request.body));
    const auto id_text = sent.get("id").value_or("");
    const auto token = sent.get("token").value_or("");
    data["id"] = text_value(std::string(id_text));
    const auto id = parse_id(id_text);
    bool deleted = false;
    try {
      deleted = id && inbox_->remove(*id, token);
    } catch (const core::Exception& error) {
      data["message"] =
          text_value(fmt::format("Nothing could be deleted just now ({}).", error.error().message));
      return html_response(snapshot_.templates().render("site/serve/submit_delete.html", data),
                           503);
    }
    data["deleted"] = TemplateData(deleted);
    data["message"] = text_value(deleted ? "Your submission is deleted, with its figures."
                                         : "No submission has that number and token. Check both "
                                           "as the confirmation page showed them.");
    status = deleted ? 200 : 404;
  }
  return html_response(snapshot_.templates().render("site/serve/submit_delete.html", data), status);
}

Response Submit::api_submit(const Request& request) const {
  const auto type = request.content_type.substr(0, request.content_type.find(';'));
  if (type != "application/json") {
    return json_error(415, "expected a body of Content-Type application/json");
  }
  if (json::nests_deeper_than(request.body, kMaxJsonDepth)) {
    return json_error(400, "expected one flat JSON object of the submission's fields");
  }
  const auto body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return json_error(400, "expected a JSON object of the submission's fields (docs/api.md)");
  }
  ingest::SubmissionFields fields;
  std::vector<ingest::FieldError> errors;
  for (const auto& [name, value] : body.items()) {
    if (value.is_string()) {
      fields.emplace_back(name, value.get<std::string>());
    } else if (value.is_number_integer()) {
      fields.emplace_back(name, value.dump());
    } else if (!value.is_null()) {
      errors.push_back({name, "expected a string or a whole number"});
    }
  }
  const auto today = core::Date{std::chrono::floor<std::chrono::days>(inbox_->now())};
  auto point = ingest::parse_submission(fields, names_, today);
  if (!point) errors.insert(errors.end(), point.error().begin(), point.error().end());
  if (!errors.empty()) return json_response(errors_json(errors), 400);
  try {
    const auto receipt = inbox_->add(*point);
    if (!receipt) {
      return json_error(409, "the same submission was received recently; nothing new was stored");
    }
    json::Writer writer(json::Layout::indented);
    writer.StartObject();
    json::write_member(writer, "id", receipt->id);
    json::write_member(writer, "status", "pending");
    json::write_member(writer, "token", receipt->token);
    json::write_member(writer, "delete", fmt::format("/api/v1/submissions/{}", receipt->id));
    writer.EndObject();
    return json_response(writer.text(), 201);
  } catch (const core::Exception& error) {
    return error_response(error.error());
  }
}

Response Submit::api_delete(const Request& request, std::string_view id_text) const {
  const auto id = parse_id(id_text);
  if (!id) return json_error(404, "no such submission", "id");
  constexpr std::string_view kBearer = "Bearer ";
  if (!request.authorization.starts_with(kBearer)) {
    return json_error(401, "expected the submission's token as Authorization: Bearer TOKEN");
  }
  try {
    if (!inbox_->remove(*id, request.authorization.substr(kBearer.size()))) {
      return json_error(404, "no submission has this id and token", "id");
    }
  } catch (const core::Exception& error) {
    return error_response(error.error());
  }
  Response response;
  response.status = 204;
  return response;
}

}  // namespace negotiateup::web
