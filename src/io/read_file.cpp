#include "io/read_file.hpp"

#include <fstream>
#include <iterator>

namespace negotiateup::io {

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream input(path, std::ios::binary);
  if (!input) return std::nullopt;
  return std::string((std::istreambuf_iterator<char>(input)), std::istreambuf_iterator<char>());
}

}  // namespace negotiateup::io
