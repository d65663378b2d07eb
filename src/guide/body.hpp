#pragma once

#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/geo_rule.hpp"
#include "core/guide_record.hpp"

namespace negotiateup::guide {

// The body's sections, in the order the format requires.
enum class Section {
  title,
  dna_line,
  band_table,
  dna,
  level_mapping,
  leverage,
  global_levers,
  strategy,
  sources,
};
std::string_view to_string(Section section);

struct SectionStart {
  Section section;
  std::size_t line;
};

// One line of body text with its file line, for checks that read the prose.
struct BodyLine {
  std::size_t line;
  std::string text;
};

struct TableRow {
  std::size_t line = 0;
  core::RegionCompensation figures;  // currency empty until resolved
  // Cells that state a rule or a note instead of figures ("Same equity grant").
  std::vector<std::string> notes;
  std::optional<core::GeoRule> geo_rule;  // reference_region resolved to a table region
};

struct NumberedItem {
  std::size_t line = 0;
  std::string text;
};

struct Body {
  std::vector<SectionStart> sections;  // in file order, each once
  std::string role_display;
  std::string company_display;
  std::optional<std::string> dna_summary;
  std::string equity_kind;  // "Pre-IPO" or "RSU", from the table header
  std::vector<TableRow> table;
  std::optional<std::string> level_mapping;
  std::string leverage_title;
  std::vector<NumberedItem> levers;
  std::optional<NumberedItem> strategy;
  std::vector<NumberedItem> source_bullets;
  std::vector<BodyLine> lines;  // every line of the body

  std::size_t line_of(Section section) const;
};

// Parses a body whose first line is file line `first_line`. Every section of the
// format must be there, once, in order; the table's figures must read as money.
std::expected<Body, core::Diagnostic> parse_body(std::string_view text, std::size_t first_line,
                                                 const std::string& file);

// What an older guide without front matter tells of its record: names from the
// title (slugs derived), the table's figures, the DNA line, the level-mapping
// paragraph and the sources named in its list. Dates and data quality stay empty.
core::GuideRecord record_from_body(const Body& body);

}  // namespace negotiateup::guide
