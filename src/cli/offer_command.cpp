#include <fmt/format.h>

#include <charconv>
#include <limits>
#include <string>

#include "catalog/catalog_files.hpp"
#include "catalog/thin_bands.hpp"
#include "cli/commands.hpp"
#include "cli/defaults.hpp"
#include "cli/jobs_option.hpp"
#include "core/text.hpp"
#include "io/read_file.hpp"
#include "offer/evaluation.hpp"
#include "offer/offer_report.hpp"

namespace negotiateup::cli {
namespace {

struct Options {
  std::string file;
  std::string catalog = default_catalog();
  std::string format = "text";
  std::uint64_t seed = 42;
  std::size_t paths = 100'000;
  core::Jobs jobs;
};

int run_offer(const Options& options) {
  require_input_file(options.file, "an offer as JSON (docs/offer.md)");
  const auto text = io::read_file(options.file, offer::kMaxOfferBytes);
  if (!text) throw core::Exception(core::Error::bad_input(options.file, "cannot be read"));
  if (text->size() > offer::kMaxOfferBytes) {
    throw core::Exception(core::Error::bad_input(
        options.file, fmt::format("longer than {} bytes; expected an offer of at most {} bytes",
                                  offer::kMaxOfferBytes, offer::kMaxOfferBytes)));
  }
  const auto request = checked(offer::parse_offer_request(*text, options.file));
  require_folder(options.catalog, "--catalog");
  auto catalog = checked(catalog::load_catalog(options.catalog, options.jobs));
  // As on the site: no band that rests on too few data points.
  catalog::withhold_thin_bands(catalog);
  const offer::SimulationSettings settings{options.seed, options.paths, options.jobs};
  const auto evaluation = checked(offer::evaluate_offer(request, catalog, settings, options.file));
  if (options.format == "json") {
    fmt::print("{}", offer::evaluation_json(evaluation));
  } else {
    fmt::print("{}", offer::evaluation_text(evaluation));
  }
  return kExitOk;
}

}  // namespace

void add_offer_command(CLI::App& app, int& status) {
  auto* command = app.add_subcommand(
      "offer",
      "Evaluate an offer: where it sits in its bands, its worth over four years, what to ask");
  auto options = std::make_shared<Options>();
  command->add_option("OFFER", options->file, "The offer, as JSON (docs/offer.md)")->required();
  command->add_option("--catalog", options->catalog, "Catalog folder")->capture_default_str();
  command->add_option("--format", options->format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  // CLI11 reads "-1" into an unsigned number as its largest value, and a number
  // past it as something else: the text is checked first.
  command->add_option("--seed", options->seed, "Seed of the simulation")
      ->check(CLI::Validator(
          [](const std::string& text) -> std::string {
            std::uint64_t seed = 0;
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
            if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
              return fmt::format("expected a whole number from 0 to {}, not '{}'",
                                 std::numeric_limits<std::uint64_t>::max(), core::printable(text));
            }
            return {};
          },
          "0..2^64-1"))
      ->capture_default_str();
  command->add_option("--paths", options->paths, "Simulated paths")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}))
      ->capture_default_str();
  add_jobs_option(*command, options->jobs);
  command->callback([options, &status] { status = run_offer(*options); });
}

}  // namespace negotiateup::cli
