#include <fmt/format.h>

#include <cstdio>
#include <string>

#include "cli/commands.hpp"
#include "guide/guide_parser.hpp"
#include "guide/record_json.hpp"

namespace negotiateup::cli {

void add_parse_command(CLI::App& app, int& status) {
  auto* command = app.add_subcommand(
      "parse", "Print a guide's structured record (front matter, or what its body tells)");
  struct Options {
    std::string guide;
    std::string format = "yaml";
  };
  auto options = std::make_shared<Options>();
  command->add_option("GUIDE", options->guide, "Guide file (Markdown)")->required();
  command->add_option("--format", options->format, "Output: yaml (front matter) or json")
      ->check(CLI::IsMember({"yaml", "json"}))
      ->capture_default_str();
  command->callback([options, &status] {
    const auto parsed = checked(guide::parse_guide_file(options->guide));
    if (options->format == "json") {
      fmt::print("{}", guide::record_json(parsed.record));
    } else {
      fmt::print("{}", guide::emit_front_matter(parsed.record));
    }
    status = kExitOk;
  });
}

}  // namespace negotiateup::cli
