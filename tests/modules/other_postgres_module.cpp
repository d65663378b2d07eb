// A PostgreSQL backend module as another build of the program would make it: the
// same two functions, but another store interface (or, built with
// OLD_MODULE_WITHOUT_INTERFACE, none, as modules from before the check). The
// loader must refuse it before calling anything else in it.
#include "store/postgres_module.hpp"

#ifndef OLD_MODULE_WITHOUT_INTERFACE
const char* negotiateup_postgres_module_interface() {
  return "0123456789abcdef";
}
#endif

negotiateup::store::OpenedStore negotiateup_open_postgres_store(std::string_view) {
  return std::unexpected("the module of another build was called");
}
