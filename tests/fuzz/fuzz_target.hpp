#pragma once

// A fuzz target: one function that takes any bytes. It returns normally for every
// input, refused or not; only a crash, a sanitizer's report or a hang is a finding
// (docs/hardening.md). fuzz_main.cpp is the program around it.

#include <filesystem>
#include <string_view>
#include <utility>

namespace negotiateup::fuzz {

// Runs the code under test on `input`.
void run_one(std::string_view input);

// A folder of this process's own for the files a target must write (the input as
// a file, a store); emptied by each run_one that uses it, removed at exit.
const std::filesystem::path& scratch_folder();

// The repository's root: its demo catalog, templates and profiles.
std::filesystem::path repository();

// The first line of `input` (without its '\n') and the rest: targets with more
// than one mode name the mode on the first line, so seeds stay readable.
std::pair<std::string_view, std::string_view> first_line(std::string_view input);

}  // namespace negotiateup::fuzz
