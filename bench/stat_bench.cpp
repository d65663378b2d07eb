// Stating every guide file of a catalog, as a rebuild does: io::stat_entries in
// batches through io_uring against one fstatat per file (docs/benchmarks.md).
//   negotiateup-bench-stat CATALOG_FOLDER [google benchmark options]
// Both run on every core, a group of 16 company folders per batch, as the listing.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include "core/parallel.hpp"
#include "io/stat_batch.hpp"

namespace {

namespace fs = std::filesystem;
using negotiateup::io::FolderEntry;
using negotiateup::io::StatMethod;

struct CompanyFolder {
  int fd = -1;
  std::vector<std::string> names;
};

std::vector<CompanyFolder>& folders() {
  static std::vector<CompanyFolder> all;
  return all;
}

void StatEveryGuideFile(benchmark::State& state, StatMethod method) {
  constexpr std::size_t kFoldersPerGroup = 16;
  const auto& all = folders();
  const std::size_t groups = (all.size() + kFoldersPerGroup - 1) / kFoldersPerGroup;
  std::atomic<std::size_t> found{0};
  for (auto _ : state) {
    negotiateup::core::parallel_for(groups, negotiateup::core::Jobs{}, [&](std::size_t g) {
      std::vector<FolderEntry> entries;
      for (std::size_t f = g * kFoldersPerGroup;
           f < std::min(all.size(), (g + 1) * kFoldersPerGroup); ++f) {
        for (const auto& name : all[f].names) entries.push_back({all[f].fd, name});
      }
      for (const auto& answer : negotiateup::io::stat_entries(entries, method)) {
        if (answer) ++found;
      }
    });
  }
  state.counters["files"] =
      static_cast<double>(found.load()) / static_cast<double>(state.iterations());
}
BENCHMARK_CAPTURE(StatEveryGuideFile, io_uring_batches, StatMethod::batched)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(StatEveryGuideFile, fstatat_each, StatMethod::one_by_one)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !fs::is_directory(fs::path(argv[1]) / "guides")) {
    fprintf(stderr, "usage: negotiateup-bench-stat CATALOG_FOLDER [benchmark options]\n");
    return 2;
  }
  for (const auto& entry : fs::directory_iterator(fs::path(argv[1]) / "guides")) {
    if (!entry.is_directory()) continue;
    CompanyFolder folder{::open(entry.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC), {}};
    for (const auto& file : fs::directory_iterator(entry.path())) {
      folder.names.push_back(file.path().filename().string());
    }
    folders().push_back(std::move(folder));
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
