#include "cli/defaults.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <system_error>

#include "cli/report.hpp"
#include "io/input_file.hpp"

namespace negotiateup::cli {

namespace fs = std::filesystem;

fs::path data_folder() {
  std::error_code error;
  const auto program = fs::read_symlink("/proc/self/exe", error);
  if (error) return "share/negotiateup";
  return program.parent_path().parent_path() / "share" / "negotiateup";
}

std::string default_catalog() {
  return (data_folder() / "catalog").string();
}
std::string default_templates() {
  return (data_folder() / "templates").string();
}
std::string default_profiles() {
  return (data_folder() / "profiles").string();
}

std::string default_store() {
  return "negotiateup.db";
}

fs::path default_rejects(const std::string& store, const fs::path& input) {
  const auto name = input.filename().string() + ".rejects.csv";
  if (store.starts_with("postgresql://") || store.starts_with("postgres://")) return name;
  const std::string_view file =
      store.starts_with("sqlite:") ? std::string_view(store).substr(7) : std::string_view(store);
  return fs::path(file).parent_path() / name;
}

core::Date parse_today(const std::string& text, std::string_view option) {
  if (text.empty()) {
    return core::Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  }
  const auto date = core::parse_date(text);
  if (!date) bad_option(option, "expected " + date.error());
  return *date;
}

void require_folder(const std::string& path, std::string_view option) {
  std::error_code error;
  if (fs::is_directory(path, error)) return;
  bad_option(option, fs::exists(path, error)
                         ? fmt::format("'{}' is not a folder; expected a catalog folder", path)
                         : fmt::format("no folder '{}'; expected a catalog folder", path));
}

void require_input_file(const std::string& path, std::string_view expected) {
  checked(io::check_input_file(path, io::InputKind::regular_or_pipe, expected));
  if (::access(path.c_str(), R_OK) != 0) {
    throw core::Exception(core::Error::bad_input(path, "cannot be read by this user"));
  }
}

}  // namespace negotiateup::cli
