#include "core/guide_record.hpp"

#include <array>

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

}  // namespace negotiateup::core
