#include "guide/body.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "core/data_sources.hpp"
#include "core/money.hpp"
#include "core/region_names.hpp"
#include "core/text.hpp"

namespace negotiateup::guide {
namespace {

using core::Diagnostic;
using core::trim;

constexpr std::string_view kTitleSuffix = " Global Negotiation Guide";
constexpr std::string_view kDnaLinePrefix = "**Negotiation DNA:**";
constexpr std::string_view kTablePrefix = "| Region |";
constexpr std::string_view kDnaHeading = "**Negotiation DNA**";
constexpr std::string_view kLevelMappingPrefix = "**Level Mapping:**";
constexpr std::string_view kLeversHeading = "**Global Levers**";
constexpr std::string_view kStrategyPrefix = "> **Negotiate Up Strategy:**";
constexpr std::string_view kSourcesHeading = "**Evidence & Sources**";

constexpr std::array kOrder{Section::title,         Section::dna_line,      Section::band_table,
                            Section::dna,           Section::level_mapping, Section::leverage,
                            Section::global_levers, Section::strategy,      Section::sources};

constexpr std::array<std::string_view, 5> kColumns{"Region", "Base Salary", "Equity", "Bonus",
                                                   "Total Comp"};

std::string_view marker(Section section) {
  switch (section) {
    case Section::title:
      return "### ROLE | COMPANY Global Negotiation Guide";
    case Section::dna_line:
      return kDnaLinePrefix;
    case Section::band_table:
      return "| Region | Base Salary | Equity (KIND/4yr) | Bonus | Total Comp |";
    case Section::dna:
      return kDnaHeading;
    case Section::level_mapping:
      return kLevelMappingPrefix;
    case Section::leverage:
      return "**a bold title for the company's leverage**";
    case Section::global_levers:
      return kLeversHeading;
    case Section::strategy:
      return kStrategyPrefix;
    case Section::sources:
      return kSourcesHeading;
  }
  return "";
}

bool is_whole_bold_line(std::string_view line) {
  return line.size() > 4 && line.starts_with("**") && line.ends_with("**") &&
         line.substr(2, line.size() - 4).find("**") == std::string_view::npos;
}

std::optional<Section> classify(std::string_view line, bool after_level_mapping,
                                bool before_levers) {
  if (line.starts_with("### ") && line.ends_with(kTitleSuffix)) return Section::title;
  if (line.starts_with(kDnaLinePrefix)) return Section::dna_line;
  if (line.starts_with(kTablePrefix)) return Section::band_table;
  if (line == kDnaHeading) return Section::dna;
  if (line.starts_with(kLevelMappingPrefix)) return Section::level_mapping;
  if (line == kLeversHeading) return Section::global_levers;
  if (line.starts_with(kStrategyPrefix)) return Section::strategy;
  if (line == kSourcesHeading) return Section::sources;
  if (after_level_mapping && before_levers && is_whole_bold_line(line)) return Section::leverage;
  return std::nullopt;
}

std::vector<std::string_view> table_cells(std::string_view line) {
  line = trim(line);
  if (line.starts_with('|')) line.remove_prefix(1);
  if (line.ends_with('|')) line.remove_suffix(1);
  auto cells = core::split(line, "|");
  for (auto& cell : cells) cell = trim(cell);
  return cells;
}

bool is_separator_row(std::string_view line) {
  line = trim(line);
  return line.starts_with('|') && line.find_first_not_of("|-: ") == std::string_view::npos &&
         line.find('-') != std::string_view::npos;
}

bool is_empty_cell(std::string_view cell) {
  return cell.empty() || cell == "—" || cell == "–" || cell == "-" || cell == "N/A" ||
         cell == "n/a";
}

// A cell that begins like an amount must be one; anything else is a note.
bool looks_like_money(std::string_view cell) {
  if (cell.empty()) return false;
  const auto first = static_cast<unsigned char>(cell.front());
  if (std::isdigit(first) || cell.front() == '$') return true;
  if (first >= 0x80) return true;  // €, £, ₹ ...
  for (const auto currency : core::Currency::all()) {
    if (cell.starts_with(currency.display_prefix()) &&
        cell.size() > currency.display_prefix().size() &&
        std::isdigit(static_cast<unsigned char>(cell[currency.display_prefix().size()]))) {
      return true;  // C$78K, CHF 150K
    }
  }
  return cell.size() > 3 && std::isupper(first) &&
         std::isupper(static_cast<unsigned char>(cell[1])) &&
         std::isupper(static_cast<unsigned char>(cell[2])) &&
         (cell[3] == ' ' || std::isdigit(static_cast<unsigned char>(cell[3])));
}

class BodyParser {
 public:
  BodyParser(std::string_view text, std::size_t first_line, const std::string& file)
      : file_(file), first_line_(first_line) {
    std::size_t line = first_line;
    if (text.empty()) return;
    for (auto part : core::split(text, "\n")) {
      if (part.ends_with('\r')) part.remove_suffix(1);
      body_.lines.push_back(BodyLine{line++, std::string(part)});
    }
    // A file that ends with a newline has no line after it.
    if (!body_.lines.empty() && body_.lines.back().text.empty() && text.ends_with('\n')) {
      body_.lines.pop_back();
    }
  }

  std::expected<Body, Diagnostic> parse() {
    if (auto error = find_sections()) return std::unexpected(*error);
    if (auto error = read_title()) return std::unexpected(*error);
    if (auto error = read_table()) return std::unexpected(*error);
    read_prose();
    return std::move(body_);
  }

 private:
  Diagnostic error(std::size_t line, std::string message) const {
    return Diagnostic{file_, line, std::move(message)};
  }

  std::optional<Diagnostic> find_sections() {
    bool after_level_mapping = false;
    bool before_levers = true;
    for (std::size_t i = 0; i < body_.lines.size(); ++i) {
      const auto text = trim(body_.lines[i].text);
      const auto section = classify(text, after_level_mapping, before_levers);
      if (!section) continue;
      if (const auto seen = find(*section)) {
        if (*section == Section::leverage) continue;  // further bold titles are prose
        return error(body_.lines[i].line,
                     fmt::format("second {} section (the first is at line {}); expected it once",
                                 to_string(*section), seen->line));
      }
      body_.sections.push_back(SectionStart{*section, body_.lines[i].line});
      index_[static_cast<std::size_t>(*section)] = i;
      if (*section == Section::level_mapping) after_level_mapping = true;
      if (*section == Section::global_levers) before_levers = false;
    }
    const auto first_text = std::find_if(body_.lines.begin(), body_.lines.end(),
                                         [](const BodyLine& l) { return !trim(l.text).empty(); });
    if (first_text == body_.lines.end()) {
      // A file that ends right after its front matter: name the closing '---'.
      return error(
          body_.lines.empty() ? first_line_ - (first_line_ > 1 ? 1 : 0) : body_.lines.front().line,
          fmt::format("the body is empty; expected a title '{}'", marker(Section::title)));
    }
    if (!find(Section::title) || find(Section::title)->line != first_text->line) {
      return error(first_text->line,
                   fmt::format("expected the guide to open with a title '{}', found '{}'",
                               marker(Section::title), trim(first_text->text)));
    }
    std::size_t previous_line = 0;
    Section previous = Section::title;
    for (const auto section : kOrder) {
      const auto start = find(section);
      if (!start) {
        return error(previous_line,
                     fmt::format("missing the {} section; expected a line '{}' after the {} "
                                 "section",
                                 to_string(section), marker(section), to_string(previous)));
      }
      if (start->line < previous_line) {
        return error(start->line,
                     fmt::format("the {} section comes before the {} section (line {}); "
                                 "expected the order: title, DNA line, band table, Negotiation "
                                 "DNA, Level Mapping, leverage, Global Levers, strategy, sources",
                                 to_string(section), to_string(previous), previous_line));
      }
      previous_line = start->line;
      previous = section;
    }
    return std::nullopt;
  }

  std::optional<SectionStart> find(Section section) const {
    for (const auto& start : body_.sections) {
      if (start.section == section) return start;
    }
    return std::nullopt;
  }

  std::size_t index_of(Section section) const { return index_[static_cast<std::size_t>(section)]; }

  std::optional<Diagnostic> read_title() {
    const auto& line = body_.lines[index_of(Section::title)];
    auto text = trim(line.text);
    const bool long_enough = text.size() > 4 + kTitleSuffix.size();
    if (long_enough) {
      text.remove_prefix(4);
      text.remove_suffix(kTitleSuffix.size());
    }
    const auto bar = text.find(" | ");
    if (!long_enough || bar == std::string_view::npos || trim(text.substr(0, bar)).empty() ||
        trim(text.substr(bar + 3)).empty()) {
      return error(line.line, fmt::format("expected a title '{}', found '{}'",
                                          marker(Section::title), trim(line.text)));
    }
    body_.role_display = std::string(trim(text.substr(0, bar)));
    body_.company_display = std::string(trim(text.substr(bar + 3)));
    const auto dna = trim(body_.lines[index_of(Section::dna_line)].text);
    const auto summary = trim(dna.substr(kDnaLinePrefix.size()));
    if (!summary.empty()) body_.dna_summary = std::string(summary);
    return std::nullopt;
  }

  std::optional<Diagnostic> read_table() {
    const std::size_t header_index = index_of(Section::band_table);
    const auto& header = body_.lines[header_index];
    const auto columns = table_cells(header.text);
    const auto header_error = [&] {
      return error(header.line, fmt::format("expected the table header '{}', found '{}'",
                                            marker(Section::band_table), trim(header.text)));
    };
    if (columns.size() != kColumns.size()) return header_error();
    for (std::size_t c = 0; c < kColumns.size(); ++c) {
      if (c == 2) {
        const auto equity = columns[2];
        if (!equity.starts_with("Equity (") || !equity.ends_with("/4yr)")) return header_error();
        body_.equity_kind = std::string(equity.substr(8, equity.size() - 8 - 5));
      } else if (columns[c] != kColumns[c]) {
        return header_error();
      }
    }
    if (header_index + 1 >= body_.lines.size() ||
        !is_separator_row(body_.lines[header_index + 1].text)) {
      return error(header.line + 1,
                   "expected the table's separator row '|---|---|---|---|---|' after its header");
    }
    for (std::size_t i = header_index + 2; i < body_.lines.size(); ++i) {
      const auto& line = body_.lines[i];
      if (!trim(line.text).starts_with('|')) break;
      auto row = read_row(line);
      if (!row) return row.error();
      body_.table.push_back(std::move(*row));
    }
    if (body_.table.empty()) {
      return error(header.line + 2, "the band table has no rows; expected one row per region");
    }
    return resolve_currencies();
  }

  std::expected<TableRow, Diagnostic> read_row(const BodyLine& line) const {
    const auto cells = table_cells(line.text);
    if (cells.size() != kColumns.size()) {
      return std::unexpected(
          error(line.line, fmt::format("table row has {} cells; expected {} (Region, Base Salary, "
                                       "Equity, Bonus, Total Comp)",
                                       cells.size(), kColumns.size())));
    }
    TableRow row;
    row.line = line.line;
    if (cells[0].empty()) {
      return std::unexpected(error(line.line, "table row without a region name in its first cell"));
    }
    row.figures.region = std::string(cells[0]);
    const std::array<std::pair<std::optional<std::int64_t>*, std::optional<std::int64_t>*>, 3>
        targets{{{&row.figures.base_low, &row.figures.base_high},
                 {&row.figures.stock_low, &row.figures.stock_high},
                 {&row.figures.total_comp_low, &row.figures.total_comp_high}}};
    const std::array<std::size_t, 3> money_columns{1, 2, 4};
    for (std::size_t m = 0; m < money_columns.size(); ++m) {
      const auto cell = cells[money_columns[m]];
      if (is_empty_cell(cell)) continue;
      if (!looks_like_money(cell)) {
        row.notes.emplace_back(cell);
        continue;
      }
      const auto range = core::parse_money_range(cell);
      if (!range) {
        return std::unexpected(error(
            line.line,
            fmt::format("{} cell of region '{}' is '{}'; expected {}", kColumns[money_columns[m]],
                        row.figures.region, cell, range.error())));
      }
      if (row.figures.currency && *row.figures.currency != range->low.currency) {
        return std::unexpected(error(
            line.line, fmt::format("{} cell of region '{}' is in {} but the row is in {}; "
                                   "expected one currency per row",
                                   kColumns[money_columns[m]], row.figures.region,
                                   range->low.currency.code(), row.figures.currency->code())));
      }
      row.figures.currency = range->low.currency;
      *targets[m].first = range->low.amount;
      *targets[m].second = range->high.amount;
    }
    const auto bonus = cells[3];
    if (!is_empty_cell(bonus)) {
      if (bonus.ends_with('%')) {
        const auto percent = core::parse_percent(trim(bonus.substr(0, bonus.size() - 1)));
        if (!percent) {
          return std::unexpected(error(
              line.line, fmt::format("Bonus cell of region '{}' is '{}'; expected {} followed "
                                     "by '%'",
                                     row.figures.region, bonus, percent.error())));
        }
        row.figures.bonus_pct = *percent;
      } else if (std::isdigit(static_cast<unsigned char>(bonus.front()))) {
        return std::unexpected(error(
            line.line, fmt::format("Bonus cell of region '{}' is '{}'; expected a target such "
                                   "as '15%' or '—' for none",
                                   row.figures.region, bonus)));
      } else {
        row.notes.emplace_back(bonus);
      }
    }
    return row;
  }

  // A region without figures takes the currency of the region its geo rule names.
  std::optional<Diagnostic> resolve_currencies() {
    std::vector<std::string> regions;
    for (const auto& row : body_.table) regions.push_back(row.figures.region);
    for (auto& row : body_.table) {
      for (const auto& note : row.notes) {
        if (auto rule = core::find_geo_rule(note)) {
          if (auto resolved = core::resolve_region_name(rule->reference_region, regions)) {
            rule->reference_region = *resolved;
          }
          // "Same equity grant" in another cell: the rule shares the equity band too.
          rule->same_equity = std::any_of(row.notes.begin(), row.notes.end(), [](const auto& n) {
            return core::to_lower_ascii(n).find("same equity") != std::string::npos;
          });
          row.geo_rule = std::move(rule);
          break;
        }
      }
      if (row.figures.currency || !row.geo_rule) continue;
      for (const auto& other : body_.table) {
        if (other.figures.region == row.geo_rule->reference_region) {
          row.figures.currency = other.figures.currency;
        }
      }
    }
    return std::nullopt;
  }

  // The text from a section's first line up to the next blank line.
  std::string paragraph(std::size_t index, std::string_view prefix) const {
    std::string text(trim(trim(body_.lines[index].text).substr(prefix.size())));
    for (std::size_t i = index + 1; i < body_.lines.size(); ++i) {
      const auto next = trim(body_.lines[i].text);
      if (next.empty()) break;
      text += " ";
      text += next;
    }
    return text;
  }

  void read_prose() {
    const auto mapping = paragraph(index_of(Section::level_mapping), kLevelMappingPrefix);
    if (!mapping.empty()) body_.level_mapping = mapping;
    const auto leverage = trim(body_.lines[index_of(Section::leverage)].text);
    body_.leverage_title = std::string(leverage.substr(2, leverage.size() - 4));

    for (std::size_t i = index_of(Section::global_levers) + 1; i < index_of(Section::strategy);
         ++i) {
      const auto text = trim(body_.lines[i].text);
      std::size_t digits = 0;
      while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) {
        ++digits;
      }
      if (digits > 0 && text.substr(digits).starts_with(". ")) {
        body_.levers.push_back(
            NumberedItem{body_.lines[i].line, std::string(trim(text.substr(digits + 2)))});
      } else if (!text.empty() && !body_.levers.empty()) {
        body_.levers.back().text.append(" ").append(text);
      }
    }
    const std::size_t strategy = index_of(Section::strategy);
    std::string strategy_text(trim(trim(body_.lines[strategy].text).substr(1)));
    for (std::size_t i = strategy + 1; i < index_of(Section::sources); ++i) {
      const auto text = trim(body_.lines[i].text);
      if (!text.starts_with('>')) break;
      strategy_text.append(" ").append(trim(text.substr(1)));
    }
    body_.strategy = NumberedItem{body_.lines[strategy].line, strategy_text};

    for (std::size_t i = index_of(Section::sources) + 1; i < body_.lines.size(); ++i) {
      const auto text = trim(body_.lines[i].text);
      if (text.starts_with("- ") || text.starts_with("* ")) {
        body_.source_bullets.push_back(
            NumberedItem{body_.lines[i].line, std::string(trim(text.substr(2)))});
      }
    }
  }

  Body body_;
  std::array<std::size_t, kOrder.size()> index_{};
  const std::string& file_;
  std::size_t first_line_;
};

}  // namespace

std::string_view to_string(Section section) {
  switch (section) {
    case Section::title:
      return "title";
    case Section::dna_line:
      return "Negotiation DNA line";
    case Section::band_table:
      return "band table";
    case Section::dna:
      return "Negotiation DNA";
    case Section::level_mapping:
      return "Level Mapping";
    case Section::leverage:
      return "company leverage";
    case Section::global_levers:
      return "Global Levers";
    case Section::strategy:
      return "Negotiate Up Strategy";
    case Section::sources:
      return "Evidence & Sources";
  }
  return "";
}

std::size_t Body::line_of(Section section) const {
  for (const auto& start : sections) {
    if (start.section == section) return start.line;
  }
  return 0;
}

std::expected<Body, core::Diagnostic> parse_body(std::string_view text, std::size_t first_line,
                                                 const std::string& file) {
  return BodyParser(text, first_line, file).parse();
}

core::GuideRecord record_from_body(const Body& body) {
  core::GuideRecord record;
  record.company = core::slugify(body.company_display);
  record.company_display = body.company_display;
  record.role = core::slugify(body.role_display);
  record.role_display = body.role_display;
  record.role_type = core::classify_role_type(body.role_display);
  for (const auto& row : body.table) record.compensation.push_back(row.figures);
  if (body.level_mapping)
    record.level_mapping = core::LevelMapping{std::nullopt, body.level_mapping};
  std::string sources_text;
  for (const auto& bullet : body.source_bullets) sources_text += bullet.text + "\n";
  if (auto sources = core::known_sources_in(sources_text); !sources.empty()) {
    record.data_sources = std::move(sources);
  }
  record.negotiation_dna_summary = body.dna_summary;
  return record;
}

}  // namespace negotiateup::guide
