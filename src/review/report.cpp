#include "review/report.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <map>

#include "core/date.hpp"
#include "core/enum_names.hpp"
#include "core/text.hpp"
#include "json/writer.hpp"

namespace negotiateup::review {
namespace {

std::string received_of(const store::Submission& submission) {
  return fmt::format("{:%Y-%m-%d %H:%M:%S} UTC", submission.received);
}

// "Acme Corp (acme)", or "Acme Corp (not in the catalog)".
std::string name_line(const ResolvedName& name) {
  const auto written = core::printable(name.as_written);
  if (!name.slug) return written + " (not in the catalog)";
  return *name.slug == name.as_written ? written : fmt::format("{} ({})", written, *name.slug);
}

std::string flag_list(const std::vector<std::string>& flags) {
  std::string text;
  for (const auto& flag : flags) {
    if (!text.empty()) text += ", ";
    text += core::printable(flag);
  }
  return text.empty() ? "none" : text;
}

void write_name(json::Writer& writer, std::string_view key, const ResolvedName& name) {
  writer.Key(key);
  writer.StartObject();
  json::write_member(writer, "as_written", name.as_written);
  json::write_nullable(writer, "resolved", name.slug);
  writer.EndObject();
}

std::optional<std::string> given(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional(text);
}

}  // namespace

std::string format_text(std::span<const FlaggedSubmission> submissions,
                        std::optional<store::SubmissionStatus> status) {
  std::string out;
  std::map<std::string, std::size_t> by_flag;
  std::map<store::SubmissionStatus, std::size_t> by_status;
  std::size_t flagged = 0;
  for (const auto& entry : submissions) {
    const auto& s = entry.submission;
    const auto& p = s.point;
    ++by_status[s.status];
    flagged += !entry.flags.empty();
    for (const auto& flag : entry.flags) ++by_flag[flag];
    out += fmt::format("#{}  received {}  {}\n", s.id, received_of(s), core::name_of(s.status));
    out += fmt::format("  company  {}\n", name_line(entry.company));
    out += fmt::format("  role     {}, level {}\n", name_line(entry.role),
                       p.level ? core::printable(*p.level) : std::string("-"));
    out += fmt::format("  region   {}\n", name_line(entry.region));
    out += fmt::format("  pay      {} {}: base {}, stock/yr {}, bonus {}, total {}\n",
                       core::format_date(p.date), p.currency.code(), p.base, p.stock_per_year,
                       p.bonus, p.total());
    out +=
        fmt::format("  kind     {}, {} years of experience\n",
                    entry.kind.empty() ? "-" : core::printable(entry.kind),
                    entry.years_experience.empty() ? "-" : core::printable(entry.years_experience));
    out += fmt::format("  flags    {}\n", flag_list(entry.flags));
    if (!s.reason.empty()) out += fmt::format("  reason   {}\n", core::printable(s.reason));
  }
  // "3 pending submissions, 2 flagged (unknown-company 1, ...)".
  std::string counted;
  if (status) {
    counted =
        core::count_of(submissions.size(), fmt::format("{} submission", core::name_of(*status)));
  } else {
    counted = core::count_of(submissions.size(), "submission");
    std::string parts;
    for (const auto& [value, count] : by_status) {
      parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", count, core::name_of(value));
    }
    if (!parts.empty()) counted += " (" + parts + ")";
  }
  std::string flags;
  for (const auto& [flag, count] : by_flag) {
    flags += fmt::format("{}{} {}", flags.empty() ? "" : ", ", core::printable(flag), count);
  }
  out += fmt::format("{}: {} flagged{}, {} unflagged\n", counted, flagged,
                     flags.empty() ? "" : " (" + flags + ")", submissions.size() - flagged);
  return out;
}

std::string format_json(std::span<const FlaggedSubmission> submissions) {
  json::Writer writer;
  writer.StartObject();
  writer.Key("submissions");
  writer.StartArray();
  std::size_t flagged = 0;
  for (const auto& entry : submissions) {
    const auto& s = entry.submission;
    const auto& p = s.point;
    flagged += !entry.flags.empty();
    writer.StartObject();
    json::write_member(writer, "id", s.id);
    json::write_member(writer, "status", core::name_of(s.status));
    json::write_member(writer, "received", fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", s.received));
    json::write_nullable(writer, "reason", given(s.reason));
    json::write_member(writer, "date", core::format_date(p.date));
    write_name(writer, "company", entry.company);
    write_name(writer, "role", entry.role);
    json::write_nullable(writer, "level", p.level);
    write_name(writer, "region", entry.region);
    json::write_member(writer, "currency", p.currency.code());
    json::write_member(writer, "base", p.base);
    json::write_member(writer, "stock_per_year", p.stock_per_year);
    json::write_member(writer, "bonus", p.bonus);
    json::write_member(writer, "total", p.total());
    json::write_nullable(writer, "kind", given(entry.kind));
    json::write_nullable(writer, "years_experience", given(entry.years_experience));
    json::write_member(writer, "attributes", p.attributes);
    writer.Key("flags");
    writer.StartArray();
    for (const auto& flag : entry.flags) writer.String(flag);
    writer.EndArray();
    json::write_member(writer, "peers", static_cast<std::int64_t>(entry.peers));
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("summary");
  writer.StartObject();
  json::write_member(writer, "submissions", static_cast<std::int64_t>(submissions.size()));
  json::write_member(writer, "flagged", static_cast<std::int64_t>(flagged));
  writer.EndObject();
  writer.EndObject();
  return writer.text();
}

}  // namespace negotiateup::review
