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

using OpenFunction = decltype(&negotiateup_open_postgres_store);

// The module's function, or why the module could not be loaded.
struct Module {
  OpenFunction open = nullptr;
  std::string error;
};

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
  const auto add_error = [&] {
    const char* error = ::dlerror();  // names the file
    errors += fmt::format("{}{}", errors.empty() ? "" : "; ", error ? error : "unknown error");
  };
  for (const auto& path : module_candidates()) {
    // Never closed: stores it made may live until the program ends.
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      add_error();
      continue;
    }
    void* open = ::dlsym(handle, "negotiateup_open_postgres_store");
    if (open == nullptr) {
      add_error();
      ::dlclose(handle);
      continue;
    }
    return {reinterpret_cast<OpenFunction>(open), {}};
  }
  return {nullptr, "cannot load the PostgreSQL backend: " + errors};
}

}  // namespace

std::expected<std::unique_ptr<Store>, std::string> open_postgres_store(std::string_view url) {
  static const Module module = load_module();
  if (module.open == nullptr) {
    return std::unexpected(fmt::format("{}: {}", redact_url(url), module.error));
  }
  auto store = module.open(url);
  if (!store) {
    // libpq quotes some parts of a URL it cannot read: never the password.
    return std::unexpected(
        fmt::format("{}: {}", redact_url(url), without_password(std::move(store.error()), url)));
  }
  return store;
}

}  // namespace negotiateup::store
