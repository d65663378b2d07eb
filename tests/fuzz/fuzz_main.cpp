// The program around a fuzz target: runs it on each file named (a folder: each
// regular file in it, in name order), or on standard input when none is named.
// afl-fuzz runs it as `TARGET @@`; the test suite replays the kept inputs with it
// (tests/fuzz/CMakeLists.txt), in every build, with or without AFL.

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#include "fuzz_target.hpp"

namespace fs = std::filesystem;

namespace negotiateup::fuzz {

namespace {

struct Scratch {
  fs::path folder;
  ~Scratch() {
    std::error_code ignored;
    if (!folder.empty()) fs::remove_all(folder, ignored);
  }
};

Scratch& scratch() {
  static Scratch instance;
  return instance;
}

std::string read_all(std::istream& input) {
  return std::string(std::istreambuf_iterator<char>(input), std::istreambuf_iterator<char>());
}

}  // namespace

const fs::path& scratch_folder() {
  auto& folder = scratch().folder;
  if (folder.empty()) {
    // /dev/shm keeps a run's files off the disk: afl-fuzz runs a target
    // thousands of times a minute.
    const fs::path base =
        fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    folder = base / ("negotiateup-fuzz-" + std::to_string(::getpid()));
  }
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

fs::path repository() {
  return NEGOTIATEUP_REPOSITORY;
}

std::pair<std::string_view, std::string_view> first_line(std::string_view input) {
  const auto newline = input.find('\n');
  if (newline == std::string_view::npos) return {input, {}};
  return {input.substr(0, newline), input.substr(newline + 1)};
}

}  // namespace negotiateup::fuzz

int main(int argc, char** argv) {
  if (argc < 2) {
    negotiateup::fuzz::run_one(negotiateup::fuzz::read_all(std::cin));
    return 0;
  }
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const fs::path named = argv[i];
    if (!fs::is_directory(named)) {
      files.push_back(named);
      continue;
    }
    std::vector<fs::path> inside;
    for (const auto& entry : fs::directory_iterator(named)) {
      if (entry.is_regular_file()) inside.push_back(entry.path());
    }
    std::ranges::sort(inside);
    files.insert(files.end(), inside.begin(), inside.end());
  }
  for (const auto& file : files) {
    std::ifstream input(file, std::ios::binary);
    if (!input) {
      std::cerr << file.string() << ": cannot be read\n";
      return 2;
    }
    // Named before it runs, so that a crash names its input.
    std::cerr << file.string() << "\n";
    negotiateup::fuzz::run_one(negotiateup::fuzz::read_all(input));
  }
  return 0;
}
