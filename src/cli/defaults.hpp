#pragma once

#include <expected>
#include <string>

#include "core/date.hpp"

namespace negotiateup::cli {

// The demo catalog, the templates and the ingest profiles shipped with negotiateup.
std::string default_catalog();
std::string default_templates();
std::string default_profiles();

// The store when --db is not given: negotiateup.db beside the catalog folder.
std::string default_store(const std::string& catalog);

// "" is the real date today (UTC); otherwise YYYY-MM-DD.
std::expected<core::Date, std::string> parse_today(const std::string& text);

}  // namespace negotiateup::cli
