#include "core/guide_record.hpp"

#include <array>
#include <utility>

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

namespace {

constexpr std::array kFamilyNames{
    std::pair{RoleFamily::engineering, std::string_view("engineering")},
    std::pair{RoleFamily::management, std::string_view("management")},
    std::pair{RoleFamily::product, std::string_view("product")},
    std::pair{RoleFamily::machine_learning, std::string_view("machine-learning")}};
static_assert(kFamilyNames.size() == std::size(kRoleFamilies));

}  // namespace

std::string_view to_string(RoleFamily family) {
  for (const auto& [value, name] : kFamilyNames) {
    if (value == family) return name;
  }
  return "engineering";
}

std::optional<RoleFamily> parse_role_family(std::string_view text) {
  for (const auto& [value, name] : kFamilyNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

std::string role_family_names() {
  std::string names;
  for (std::size_t i = 0; i < kFamilyNames.size(); ++i) {
    if (i > 0) names += i + 1 == kFamilyNames.size() ? " or " : ", ";
    names += kFamilyNames[i].second;
  }
  return names;
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
