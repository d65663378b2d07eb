#include "guide/guide_file.hpp"

#include <fmt/format.h>
#include <utf8.h>

#include <algorithm>
#include <fstream>
#include <system_error>

#include "io/input_file.hpp"

namespace negotiateup::guide {

std::expected<std::string, core::Diagnostic> check_guide_text(std::string text,
                                                              const std::string& name) {
  if (text.size() > kMaxGuideBytes) {
    return std::unexpected(
        core::Diagnostic{name, 0,
                         fmt::format("file is {} bytes; expected a guide of at most {} bytes",
                                     text.size(), kMaxGuideBytes)});
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return std::unexpected(core::Diagnostic{
        name, 0, "file is empty; expected a guide (front matter and/or a Markdown body)"});
  }
  if (const auto bad = utf8::find_invalid(text.begin(), text.end()); bad != text.end()) {
    const auto line = static_cast<std::size_t>(std::count(text.begin(), bad, '\n')) + 1;
    return std::unexpected(
        core::Diagnostic{name, line,
                         fmt::format("invalid UTF-8 byte 0x{:02X}; expected a UTF-8 text file",
                                     static_cast<unsigned char>(*bad))});
  }
  if (const auto nul = text.find('\0'); nul != std::string::npos) {
    const auto line = static_cast<std::size_t>(std::count(
                          text.begin(), text.begin() + static_cast<std::ptrdiff_t>(nul), '\n')) +
                      1;
    return std::unexpected(core::Diagnostic{name, line, "NUL byte; expected a text file"});
  }
  // Every reader after this one splits lines at "\n": a file of lone carriage
  // returns would be one line, quoted whole by the first error about it.
  for (auto cr = text.find('\r'); cr != std::string::npos; cr = text.find('\r', cr + 1)) {
    if (cr + 1 < text.size() && text[cr + 1] == '\n') continue;
    const auto line = static_cast<std::size_t>(std::count(
                          text.begin(), text.begin() + static_cast<std::ptrdiff_t>(cr), '\n')) +
                      1;
    return std::unexpected(core::Diagnostic{
        name, line,
        "a line ends in a carriage return alone (old Mac line endings); expected lines ending in "
        "\\n or \\r\\n"});
  }
  return text;
}

std::expected<std::string, core::Diagnostic> read_guide_file(const std::filesystem::path& path) {
  const std::string name = path.string();
  if (auto checked = io::check_input_file(path, io::InputKind::regular, "a guide"); !checked) {
    return std::unexpected(std::move(checked.error()));
  }
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) return std::unexpected(core::Diagnostic{name, 0, error.message()});
  if (size > kMaxGuideBytes) {
    return std::unexpected(
        core::Diagnostic{name, 0,
                         fmt::format("file is {} bytes; expected a guide of at most {} bytes", size,
                                     kMaxGuideBytes)});
  }
  // One read of the known size: an audit reads 100,000 guides.
  std::ifstream input(path, std::ios::binary);
  if (!input) return std::unexpected(core::Diagnostic{name, 0, "cannot be opened for reading"});
  std::string text(static_cast<std::size_t>(size), '\0');
  input.read(text.data(), static_cast<std::streamsize>(size));
  text.resize(static_cast<std::size_t>(input.gcount()));
  return check_guide_text(std::move(text), name);
}

}  // namespace negotiateup::guide
