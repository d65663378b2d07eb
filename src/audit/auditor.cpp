#include "audit/auditor.hpp"

#include <algorithm>

namespace negotiateup::audit {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
      return "info";
  }
  return "error";
}

core::Result<std::vector<std::filesystem::path>> collect_guides(
    const std::vector<std::filesystem::path>& paths) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const auto& path : paths) {
    std::error_code error;
    if (fs::is_directory(path, error)) {
      for (auto it = fs::recursive_directory_iterator(path, error);
           !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        // An entry whose kind cannot be read (a symbolic link loop) is listed to be
        // reported as its own error; the walk goes on to the other guides.
        std::error_code kind_error;
        const bool regular = it->is_regular_file(kind_error);
        if (kind_error || (regular && it->path().extension() == ".md")) {
          files.push_back(it->path());
        }
      }
      if (error) {
        return std::unexpected(
            core::Error::bad_input(path.string(), "cannot walk the folder: " + error.message()));
      }
    } else if (fs::exists(path, error)) {
      files.push_back(path);
    } else {
      return std::unexpected(
          core::Error::bad_input(path.string(),
                                 "no such file or folder; expected a guide (.md) "
                                 "or a folder of guides"));
    }
  }
  if (files.empty()) {
    std::string named;
    for (const auto& path : paths) named += (named.empty() ? "" : ", ") + path.string();
    return std::unexpected(
        core::Error::bad_input(named, "no guide found; expected .md files in the folders given"));
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

AuditResult audit_files(const std::vector<std::filesystem::path>& files,
                        const AuditSettings& settings, core::Jobs jobs) {
  struct PerFile {
    std::vector<Finding> findings;
    ArithmeticCounts counts;
  };
  std::vector<PerFile> results(files.size());
  core::parallel_for(files.size(), jobs, [&](std::size_t i) {
    const auto name = files[i].string();
    const auto parsed = guide::parse_guide_file(files[i]);
    if (!parsed) {
      results[i].findings.push_back(Finding{name, parsed.error().line, rule::format,
                                            Severity::error, parsed.error().message});
      return;
    }
    audit_guide(*parsed, name, settings, results[i].findings, results[i].counts);
  });
  AuditResult result;
  result.files = files.size();
  for (auto& file : results) {
    std::stable_sort(file.findings.begin(), file.findings.end(),
                     [](const Finding& a, const Finding& b) {
                       return std::tie(a.line, a.rule) < std::tie(b.line, b.rule);
                     });
    result.arithmetic.checked += file.counts.checked;
    result.arithmetic.ambiguous += file.counts.ambiguous;
    std::move(file.findings.begin(), file.findings.end(), std::back_inserter(result.findings));
  }
  return result;
}

}  // namespace negotiateup::audit
