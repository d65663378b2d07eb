#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <string>

#include "core/error.hpp"

namespace negotiateup::core {
// For test messages: `<< result.error()`.
inline std::ostream& operator<<(std::ostream& out, const Error& error) {
  return out << error.to_string();
}
}  // namespace negotiateup::core

namespace negotiateup::test {

inline std::filesystem::path shared_dir() {
  return NEGOTIATEUP_SHARED_DIR;
}
inline std::filesystem::path tests_dir() {
  return NEGOTIATEUP_TESTS_DIR;
}
// The repository's root: its demo catalog and templates.
inline std::filesystem::path repository() {
  return tests_dir().parent_path();
}
inline std::filesystem::path reference_guide() {
  return shared_dir() / "reference" / "hugging-face-senior-software-engineer.md";
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream input(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(input)), std::istreambuf_iterator<char>());
}

inline void write_file(const std::filesystem::path& path, const std::string& content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

// The reference guide's body alone, as an older guide without front matter is.
inline std::string reference_body() {
  const std::string text = read_file(reference_guide());
  const auto close = text.find("\n---\n", 4);
  return text.substr(close + 5);
}

// A fresh, empty folder under the system's temporary folder.
inline std::filesystem::path fresh_folder(const std::string& name) {
  const auto folder = std::filesystem::temp_directory_path() /
                      ("negotiateup-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  return folder;
}

// The negotiateup program run as a user runs it: its exit status, and what it
// printed on stdout and stderr together.
struct Run {
  int status = -1;
  std::string out;
};

inline Run run(const std::string& arguments) {
  const std::string command = std::string(NEGOTIATEUP_BINARY) + " " + arguments + " 2>&1";
  Run result;
  FILE* pipe = ::popen(command.c_str(), "r");
  std::array<char, 4096> buffer{};
  while (const auto n = std::fread(buffer.data(), 1, buffer.size(), pipe)) {
    result.out.append(buffer.data(), n);
  }
  const int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace negotiateup::test
