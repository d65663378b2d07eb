// Date formats of profiles ("M/D/YYYY H:MM:SS"): compiled once, matched per row.
#include <fmt/format.h>

#include <charconv>
#include <string>

#include "ingest/profile.hpp"

namespace negotiateup::ingest {

std::expected<DateFormat, std::string> DateFormat::compile(std::string_view format) {
  DateFormat result;
  result.text_ = std::string(format);
  bool seen[6] = {};
  const auto add = [&](Kind kind, int width) -> std::expected<void, std::string> {
    const auto slot = static_cast<std::size_t>(kind);
    if (seen[slot]) return std::unexpected("a part of the date appears twice");
    seen[slot] = true;
    result.items_.push_back({kind, width});
    return {};
  };
  // The parts of a date, longest first; MM is minutes once an hour came before.
  struct Part {
    std::string_view text;
    Kind kind;
    int width;
  };
  constexpr std::array<Part, 8> kParts{{{"YYYY", Kind::year, 4},
                                        {"MM", Kind::month, 2},
                                        {"M", Kind::month, 0},
                                        {"DD", Kind::day, 2},
                                        {"D", Kind::day, 0},
                                        {"HH", Kind::hour, 2},
                                        {"H", Kind::hour, 0},
                                        {"SS", Kind::second, 2}}};
  std::size_t i = 0;
  while (i < format.size()) {
    const auto rest = format.substr(i);
    const auto part = std::find_if(kParts.begin(), kParts.end(),
                                   [&](const Part& p) { return rest.starts_with(p.text); });
    if (part != kParts.end()) {
      auto kind = part->kind;
      if (part->text == "MM" && seen[static_cast<std::size_t>(Kind::hour)]) kind = Kind::minute;
      if (auto added = add(kind, part->width); !added) return std::unexpected(added.error());
      i += part->text.size();
    } else if (std::isalpha(static_cast<unsigned char>(rest[0])) && rest[0] != 'T' &&
               rest[0] != 'Z') {
      return std::unexpected(fmt::format(
          "'{}' is not a part of a date; expected YYYY, M or MM (month), D or DD, H or HH, MM "
          "after an hour (minutes), SS, and other characters as written",
          rest.substr(0, std::min<std::size_t>(rest.size(), 4))));
    } else {
      result.items_.push_back({Kind::literal, static_cast<unsigned char>(rest[0])});
      i += 1;
    }
  }
  if (!seen[static_cast<std::size_t>(Kind::year)])
    return std::unexpected("no year; expected YYYY in every date format");
  if (seen[static_cast<std::size_t>(Kind::day)] && !seen[static_cast<std::size_t>(Kind::month)])
    return std::unexpected("a day without a month; expected M or MM with D or DD");
  if (seen[static_cast<std::size_t>(Kind::second)] && !seen[static_cast<std::size_t>(Kind::minute)])
    return std::unexpected("seconds without minutes; expected H:MM:SS");
  return result;
}

std::optional<core::Date> DateFormat::parse(std::string_view text) const {
  int values[6] = {0, 7, 1, 0, 0, 0};  // year, month (July without one), day, h, m, s
  std::size_t at = 0;
  for (const auto& item : items_) {
    if (item.kind == Kind::literal) {
      if (at >= text.size() || static_cast<unsigned char>(text[at]) != item.width)
        return std::nullopt;
      ++at;
      continue;
    }
    std::size_t digits = 0;
    int value = 0;
    const std::size_t most = item.width == 0 ? 2 : static_cast<std::size_t>(item.width);
    while (digits < most && at + digits < text.size() &&
           std::isdigit(static_cast<unsigned char>(text[at + digits]))) {
      value = value * 10 + (text[at + digits] - '0');
      ++digits;
    }
    if (digits == 0 || (item.width != 0 && digits != most)) return std::nullopt;
    at += digits;
    values[static_cast<std::size_t>(item.kind)] = value;
  }
  if (at != text.size()) return std::nullopt;
  if (values[3] > 23 || values[4] > 59 || values[5] > 59) return std::nullopt;
  const auto date = core::make_date(values[0], static_cast<unsigned>(values[1]),
                                    static_cast<unsigned>(values[2]));
  if (!date) return std::nullopt;
  return *date;
}

const ProfileEntry* Profile::column(std::string_view canonical) const {
  for (const auto& entry : columns)
    if (entry.key == canonical) return &entry;
  return nullptr;
}

const ProfileEntry* Profile::constant(std::string_view canonical) const {
  for (const auto& entry : constants)
    if (entry.key == canonical) return &entry;
  return nullptr;
}

}  // namespace negotiateup::ingest
