#pragma once

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/guide_record.hpp"

namespace negotiateup::guide {

// Where a guide's front matter and body are, in file lines (1-based).
struct GuideLayout {
  bool has_front_matter = false;
  std::string_view front_matter;  // the YAML between the '---' lines
  std::size_t front_matter_first_line = 0;
  std::string_view body;
  std::size_t body_first_line = 1;
};

// A guide with front matter opens with a line '---' and closes it with another.
std::expected<GuideLayout, core::Diagnostic> split_guide(std::string_view text,
                                                         const std::string& file);

// The file line of each front-matter key, for findings that point at a figure:
// "next_review_due", "compensation.0.total_comp_low", "compensation.0" (the
// record's first line), "level_mapping.raw".
class FrontMatterLines {
 public:
  void set(std::string key, std::size_t line) { lines_.emplace_back(std::move(key), line); }
  // 0 when the key is not in the front matter.
  std::size_t of(std::string_view key) const {
    for (const auto& [name, line] : lines_) {
      if (name == key) return line;
    }
    return 0;
  }

 private:
  std::vector<std::pair<std::string, std::size_t>> lines_;
};

// The front-matter keys (see ../shared/spec/guide-format.md). Required: company,
// company_display, role, role_display, role_type, compensation, and in each region
// `region` and `currency`; every other key may be missing or null.
std::expected<core::GuideRecord, core::Diagnostic> parse_front_matter(
    const GuideLayout& layout, const std::string& file, FrontMatterLines* lines = nullptr);

// The front matter in the reference's style, '---' lines included: keys in the
// spec's order, `null` for missing values, double quotes for strings that hold
// quotes, colons or '|'. Parsing the result gives `record` back.
std::string emit_front_matter(const core::GuideRecord& record);

}  // namespace negotiateup::guide
