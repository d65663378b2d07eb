#include "cli/defaults.hpp"

#include <chrono>

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

std::expected<core::Date, std::string> parse_today(const std::string& text) {
  if (text.empty()) {
    return core::Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  }
  return core::parse_date(text);
}

}  // namespace negotiateup::cli
