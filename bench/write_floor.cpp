// The least a build of a site can take on this machine: writes the guide files
// of a site that `negotiateup build` made (OUT/guides/COMPANY/*) into a new
// folder, with the build's own code for it (io::Folder, io::write_new_files) and
// its way of sharing the work (a company folder at a time, on --jobs threads),
// but with nothing to read or render. The files are read into memory first; only
// the writing is timed. The build's time less this is what reading the catalog
// and rendering cost on top of the file system's own work.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "core/parallel.hpp"
#include "io/atomic_files.hpp"
#include "io/folder.hpp"
#include "io/read_file.hpp"

namespace {

namespace fs = std::filesystem;
using namespace negotiateup;

struct CompanyFiles {
  std::string company;
  std::vector<io::NamedContent> files;
};

std::vector<CompanyFiles> read_guides(const fs::path& site) {
  std::vector<CompanyFiles> companies;
  for (const auto& folder : fs::directory_iterator(site / "guides")) {
    if (!folder.is_directory()) continue;
    CompanyFiles company{folder.path().filename().string(), {}};
    for (const auto& file : fs::directory_iterator(folder.path())) {
      auto content = io::read_file(file.path());
      if (!content) throw std::runtime_error(fmt::format("cannot read {}", file.path().string()));
      company.files.push_back({file.path().filename().string(), std::move(*content)});
    }
    std::sort(company.files.begin(), company.files.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    companies.push_back(std::move(company));
  }
  return companies;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Time writing a built site's guide files again, without building them"};
  std::string site;
  std::string out;
  core::Jobs jobs;
  app.add_option("--site", site, "A site written by negotiateup build")->required();
  app.add_option("--out", out, "A folder that does not exist yet")->required();
  app.add_option_function<unsigned>(
      "--jobs", [&jobs](unsigned given) { jobs = core::Jobs{given}; },
      "Threads (default: one per core)");
  CLI11_PARSE(app, argc, argv);
  if (fs::exists(out)) {
    fmt::print(stderr, "{} exists: the files must be new, as in a first build\n", out);
    return 2;
  }
  const auto companies = read_guides(site);
  std::size_t files = 0;
  std::size_t bytes = 0;
  for (const auto& company : companies) {
    files += company.files.size();
    for (const auto& file : company.files) bytes += file.content.size();
  }

  const auto started = std::chrono::steady_clock::now();
  std::atomic<bool> failed{false};
  core::parallel_for(companies.size(), jobs, [&](std::size_t c) {
    auto folder = io::Folder::open(fs::path(out) / "guides" / companies[c].company);
    if (!folder || !io::write_new_files(*folder, companies[c].files)) failed = true;
  });
  const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - started;
  if (failed) {
    fmt::print(stderr, "writing into {} failed\n", out);
    return 1;
  }
  fmt::print("wrote {} files ({} MB) of {} company folders in {:.2f} s\n", files, bytes / 1'000'000,
             companies.size(), seconds.count());
  return 0;
}
