#include "cli/defaults.hpp"

#include <chrono>
#include <filesystem>

namespace negotiateup::cli {

std::string default_catalog() {
  return std::string(NEGOTIATEUP_DATA_DIR) + "/catalog";
}
std::string default_templates() {
  return std::string(NEGOTIATEUP_DATA_DIR) + "/templates";
}
std::string default_profiles() {
  return std::string(NEGOTIATEUP_DATA_DIR) + "/profiles";
}

std::string default_store(const std::string& catalog) {
  const auto folder = std::filesystem::absolute(catalog).lexically_normal();
  // "catalog/" normalises to "catalog/" with an empty file name: step over it.
  const auto parent =
      folder.has_filename() ? folder.parent_path() : folder.parent_path().parent_path();
  return "sqlite:" + (parent / "negotiateup.db").string();
}

std::expected<core::Date, std::string> parse_today(const std::string& text) {
  if (text.empty()) {
    return core::Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  }
  return core::parse_date(text);
}

}  // namespace negotiateup::cli
