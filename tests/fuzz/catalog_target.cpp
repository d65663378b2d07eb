// The YAML catalog reader: the input is one file of a catalog, the kind named on
// its first line (company, role, region, guide, policy, rates, market), read by
// load_catalog with the checks across files.

#include <array>
#include <fstream>
#include <string_view>
#include <utility>

#include "catalog/catalog_files.hpp"
#include "fuzz_target.hpp"

namespace negotiateup::fuzz {

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kFiles{{
    {"company", "companies/fuzz.yaml"},
    {"role", "roles/fuzz.yaml"},
    {"region", "regions/fuzz.yaml"},
    {"guide", "guides/fuzz/fuzz.yaml"},
    {"policy", "policy.yaml"},
    {"rates", "rates.yaml"},
    {"market", "market.yaml"},
}};

}  // namespace

void run_one(std::string_view input) {
  const auto [kind, text] = first_line(input);
  const auto file =
      std::ranges::find(kFiles, kind, &std::pair<std::string_view, std::string_view>::first);
  if (file == kFiles.end()) return;
  const auto& folder = scratch_folder();
  const auto path = folder / file->second;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
  (void)catalog::load_catalog(folder, core::Jobs(1));
}

}  // namespace negotiateup::fuzz
