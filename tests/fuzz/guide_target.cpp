// The guide reader: the checks on a guide's bytes, then its front matter and body
// (or the record recovered from a body alone), then the record written back as
// front matter and JSON, as `parse` prints it.

#include <string>

#include "fuzz_target.hpp"
#include "guide/front_matter.hpp"
#include "guide/guide_file.hpp"
#include "guide/guide_parser.hpp"
#include "guide/record_json.hpp"

namespace negotiateup::fuzz {

void run_one(std::string_view input) {
  const auto text = guide::check_guide_text(std::string(input), "fuzz.md");
  if (!text) return;
  const auto parsed = guide::parse_guide(*text, "fuzz.md");
  if (!parsed) return;
  (void)guide::emit_front_matter(parsed->record);
  (void)guide::record_json(parsed->record);
}

}  // namespace negotiateup::fuzz
