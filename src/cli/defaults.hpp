#pragma once

#include <filesystem>
#include <string>

#include "core/date.hpp"

namespace negotiateup::cli {

// What negotiateup ships beside itself: PREFIX/bin/negotiateup finds its demo
// catalog, templates and profiles in PREFIX/share/negotiateup/. The build tree
// has the same layout (bin/ and share/negotiateup/, linked to the sources), so
// there is one rule wherever the program runs.
std::filesystem::path data_folder();
std::string default_catalog();
std::string default_templates();
std::string default_profiles();

// The store when --db is not given: negotiateup.db in the current folder.
std::string default_store();

// Where ingest writes the quarantine report of `input` when --rejects is not
// given: beside the store's file (a SQLite store), or in the current folder.
std::filesystem::path default_rejects(const std::string& store, const std::filesystem::path& input);

// "" is the real date today (UTC); otherwise YYYY-MM-DD, or a bad-input error
// that names `option`.
core::Date parse_today(const std::string& text, std::string_view option = "--today");

// A folder given as an input that must exist ("--catalog nosuch" is bad input,
// not an empty catalog).
void require_folder(const std::string& path, std::string_view option);

// An input file that must be a readable regular file or a pipe
// (io::check_input_file); `expected` says what it should hold.
void require_input_file(const std::string& path, std::string_view expected);

}  // namespace negotiateup::cli
