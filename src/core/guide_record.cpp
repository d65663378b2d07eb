#include "core/guide_record.hpp"

#include <array>

#include "core/text.hpp"

namespace negotiateup::core {

std::string_view to_string(RoleType type) {
  return type == RoleType::manager ? "manager" : "standard";
}

std::string_view to_string(DataQuality quality) {
  switch (quality) {
    case DataQuality::high:
      return "high";
    case DataQuality::medium:
      return "medium";
    case DataQuality::low:
      return "low";
    case DataQuality::illustrative:
      return "illustrative";
  }
  return "illustrative";
}

std::optional<RoleType> parse_role_type(std::string_view text) {
  if (text == "standard") return RoleType::standard;
  if (text == "manager") return RoleType::manager;
  return std::nullopt;
}

std::optional<DataQuality> parse_data_quality(std::string_view text) {
  for (const auto quality :
       {DataQuality::high, DataQuality::medium, DataQuality::low, DataQuality::illustrative}) {
    if (text == to_string(quality)) return quality;
  }
  return std::nullopt;
}

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
