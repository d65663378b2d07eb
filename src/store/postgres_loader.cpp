// open_postgres_store: the PostgreSQL backend is loaded, with libpq, the first
// time a PostgreSQL store is opened (store/postgres_module.hpp says why).

#include <dlfcn.h>
#include <fmt/format.h>

#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "store/backends.hpp"
#include "store/postgres_module.hpp"

namespace negotiateup::store {
namespace {

// The module's function, or why no module could be loaded.
using Module = std::expected<PostgresOpenFunction, std::string>;

// Where the module is looked for: beside the running program (where the build
// puts it), then where this build made it (the tests' executables live elsewhere).
std::vector<std::filesystem::path> module_candidates() {
  std::vector<std::filesystem::path> candidates;
  std::error_code error;
  const auto program = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) candidates.push_back(program.parent_path() / NEGOTIATEUP_POSTGRES_MODULE_NAME);
  const std::filesystem::path built(NEGOTIATEUP_POSTGRES_MODULE);
  if (candidates.empty() || candidates.front() != built) candidates.push_back(built);
  return candidates;
}

Module load_module() {
  std::string errors;
  for (const auto& path : module_candidates()) {
    auto loaded = load_postgres_module(path);
    if (loaded) return loaded;
    errors += fmt::format("{}{}", errors.empty() ? "" : "; ", loaded.error());
  }
  return std::unexpected("cannot load the PostgreSQL backend: " + errors);
}

}  // namespace

std::expected<PostgresOpenFunction, std::string> load_postgres_module(
    const std::filesystem::path& path) {
  const auto dl_error = [] {
    const char* error = ::dlerror();  // names the file
    return std::string(error ? error : "unknown error");
  };
  // Never closed once taken: stores it made may live until the program ends.
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) return std::unexpected(dl_error());
  void* interface = ::dlsym(handle, "negotiateup_postgres_module_interface");
  if (interface == nullptr) {
    auto error = dl_error();
    ::dlclose(handle);
    return std::unexpected(error + " (a module older than this program: build them together)");
  }
  // Copied: the text lives in the module, which is closed before it is shown.
  const std::string theirs =
      reinterpret_cast<decltype(&negotiateup_postgres_module_interface)>(interface)();
  if (theirs != NEGOTIATEUP_STORE_INTERFACE) {
    ::dlclose(handle);
    return std::unexpected(fmt::format(
        "{}: built from other sources than this program (store interface {}, expected {}): "
        "build them together",
        path.string(), theirs, NEGOTIATEUP_STORE_INTERFACE));
  }
  void* open = ::dlsym(handle, "negotiateup_open_postgres_store");
  if (open == nullptr) {
    auto error = dl_error();
    ::dlclose(handle);
    return std::unexpected(error);
  }
  return reinterpret_cast<PostgresOpenFunction>(open);
}

std::expected<std::unique_ptr<Store>, std::string> open_postgres_store(std::string_view url) {
  static const Module module = load_module();
  if (!module) return std::unexpected(fmt::format("{}: {}", redact_url(url), module.error()));
  auto store = (*module)(url);
  if (!store) {
    // libpq quotes some parts of a URL it cannot read: never the password.
    return std::unexpected(
        fmt::format("{}: {}", redact_url(url), without_password(std::move(store.error()), url)));
  }
  return store;
}

}  // namespace negotiateup::store
