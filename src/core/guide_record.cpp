#include "core/guide_record.hpp"

#include <array>
#include <utility>

#include "core/text.hpp"

namespace negotiateup::core {

RoleType classify_role_type(std::string_view role_display) {
  std::string title(1, ' ');
  title.append(to_lower_ascii(role_display)).push_back(' ');
  constexpr std::array kIndividualContributor{"product manager", "program manager",
                                              "project manager", "account manager",
                                              "product marketing manager"};
  for (const std::string_view phrase : kIndividualContributor) {
    if (title.find(phrase) != std::string::npos) return RoleType::standard;
  }
  constexpr std::array kPeopleManager{" manager ", " director ",         " head of ",
                                      " vp ",      " vice president ",   " chief ",
                                      " cto ",     " tech lead manager "};
  for (const std::string_view phrase : kPeopleManager) {
    if (title.find(phrase) != std::string::npos) return RoleType::manager;
  }
  return RoleType::standard;
}

RoleType role_type_of(RoleFamily family) {
  return family == RoleFamily::management ? RoleType::manager : RoleType::standard;
}

RoleFamily classify_role_family(std::string_view role_display) {
  if (classify_role_type(role_display) == RoleType::manager) return RoleFamily::management;
  std::string title(1, ' ');
  title.append(to_lower_ascii(role_display)).push_back(' ');
  if (title.find(" product ") != std::string::npos) return RoleFamily::product;
  constexpr std::array kMachineLearning{" machine learning ", " ml ", " ai ",
                                        " research scientist ", " data scientist "};
  for (const std::string_view phrase : kMachineLearning) {
    if (title.find(phrase) != std::string::npos) return RoleFamily::machine_learning;
  }
  return RoleFamily::engineering;
}

}  // namespace negotiateup::core
