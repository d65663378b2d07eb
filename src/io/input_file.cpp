#include "io/input_file.hpp"

#include <string>
#include <system_error>

namespace negotiateup::io {

std::expected<void, core::Diagnostic> check_input_file(const std::filesystem::path& path,
                                                       InputKind kind, std::string_view expected) {
  const auto refuse = [&](std::string_view found) {
    return std::unexpected(core::Diagnostic{
        path.string(), 0, std::string(found) + "; expected " + std::string(expected)});
  };
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error == std::errc::too_many_symbolic_link_levels) return refuse("a loop of symbolic links");
  if (error || !std::filesystem::exists(status)) return refuse("no such file");
  if (std::filesystem::is_regular_file(status)) return {};
  if (kind == InputKind::regular_or_pipe) {
    if (std::filesystem::is_fifo(status)) return {};
    return refuse("not a regular file or a pipe");
  }
  return refuse("not a regular file");
}

}  // namespace negotiateup::io
