// The CSV and JSON Lines readers, with or without a profile: the first line says
// the format and the profile ("csv", "jsonl levels-fyi", "csv aijobs"), the rest is
// the file, ingested into a fresh SQLite store as `negotiateup ingest` does.

#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include "catalog/catalog_files.hpp"
#include "fuzz_target.hpp"
#include "ingest/ingest.hpp"
#include "ingest/profile.hpp"
#include "store/store.hpp"

namespace negotiateup::fuzz {

void run_one(std::string_view input) {
  const auto [mode, text] = first_line(input);
  const auto space = mode.find(' ');
  const auto format = mode.substr(0, space);
  const auto profile_name =
      space == std::string_view::npos ? std::string_view() : mode.substr(space + 1);
  if (format != "csv" && format != "jsonl") return;
  if (!profile_name.empty() && profile_name != "levels-fyi" && profile_name != "aijobs") return;

  const auto& folder = scratch_folder();
  const auto file = folder / ("points." + std::string(format));
  std::ofstream(file, std::ios::binary) << text;

  ingest::IngestOptions options;
  options.rejects = folder / "rejects.csv";
  std::unique_ptr<ingest::RowMapper> mapper;
  std::optional<catalog::Catalog> catalog;
  if (!profile_name.empty()) {
    const auto profile = ingest::find_profile(profile_name, repository() / "profiles");
    auto loaded = catalog::load_catalog(repository() / "catalog", core::Jobs(1));
    if (!profile || !loaded) std::abort();  // shipped files: a broken checkout
    catalog = std::move(*loaded);
    auto made = ingest::make_row_mapper(*profile, *catalog);
    if (!made) std::abort();
    mapper = std::move(*made);
    options.mapper = mapper.get();
  }
  auto store = store::open_store((folder / "points.db").string(), core::Jobs(1));
  if (!store) std::abort();  // a fresh file in our own folder
  (void)ingest::ingest_file(file, **store, options);
}

}  // namespace negotiateup::fuzz
