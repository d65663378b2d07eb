#include "catalog/catalog.hpp"

#include <algorithm>

namespace negotiateup::catalog {
namespace {

template <typename Range, typename Predicate>
auto find_in(Range& range, Predicate predicate) -> decltype(&*range.begin()) {
  const auto found = std::find_if(range.begin(), range.end(), predicate);
  return found == range.end() ? nullptr : &*found;
}

}  // namespace

const Region* Catalog::find_region(std::string_view slug) const {
  return find_in(regions, [&](const Region& r) { return r.slug == slug; });
}
const Role* Catalog::find_role(std::string_view slug) const {
  return find_in(roles, [&](const Role& r) { return r.slug == slug; });
}
const Company* Catalog::find_company(std::string_view slug) const {
  return find_in(companies, [&](const Company& c) { return c.slug == slug; });
}
const CompanyRole* Catalog::find_guide(std::string_view company, std::string_view role) const {
  return find_in(guides,
                 [&](const CompanyRole& g) { return g.company == company && g.role == role; });
}
Region* Catalog::find_region(std::string_view slug) {
  return find_in(regions, [&](const Region& r) { return r.slug == slug; });
}
Role* Catalog::find_role(std::string_view slug) {
  return find_in(roles, [&](const Role& r) { return r.slug == slug; });
}
Company* Catalog::find_company(std::string_view slug) {
  return find_in(companies, [&](const Company& c) { return c.slug == slug; });
}
CompanyRole* Catalog::find_guide(std::string_view company, std::string_view role) {
  return find_in(guides,
                 [&](const CompanyRole& g) { return g.company == company && g.role == role; });
}

std::string_view equity_kind(CompanyStage stage) {
  return stage == CompanyStage::public_company ? "RSU" : "Pre-IPO";
}

}  // namespace negotiateup::catalog
