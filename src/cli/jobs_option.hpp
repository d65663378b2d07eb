#pragma once

#include <CLI/CLI.hpp>

#include "core/parallel.hpp"

namespace negotiateup::cli {

// --jobs N, the same option on every command that runs parallel loops: it governs
// all of them (core/parallel.hpp). `jobs` must outlive the parsing.
inline void add_jobs_option(CLI::App& command, core::Jobs& jobs) {
  command
      .add_option_function<unsigned>(
          "--jobs", [&jobs](unsigned given) { jobs = core::Jobs{given}; },
          "Threads that share the work (default: one per core)")
      ->check(CLI::Range(1u, 256u));
}

}  // namespace negotiateup::cli
