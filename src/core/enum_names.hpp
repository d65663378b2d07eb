#pragma once

// The names of an enum's values as files write them, listed once beside the enum:
// writing (name_of), reading (parse_name), the message that lists what a file may
// write (names_choice) and the catalog cache's check of a stored value all use the
// list, so a value added to an enum is one line added to its list.
//
// Beside `enum class E`, in its namespace (found by argument-dependent lookup):
//   inline constexpr EnumName<E> kENames[] = {{E::a, "a"}, {E::b, "b"}};
//   constexpr std::span<const EnumName<E>> names_of(E) { return kENames; }
// The list holds every value in declaration order, from 0 (static_assert with
// names_in_order).

#include <concepts>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace negotiateup::core {

template <typename Enum>
struct EnumName {
  Enum value;
  std::string_view name;
};

template <typename Enum>
concept Named = std::is_enum_v<Enum> && requires(Enum value) {
  { names_of(value) } -> std::convertible_to<std::span<const EnumName<Enum>>>;
};

template <Named Enum>
constexpr std::span<const EnumName<Enum>> names_of_enum() {
  return names_of(Enum{});
}

// Whether the i-th name is that of the value i, for every i: what lets a stored
// number be checked against the list's size.
template <Named Enum>
constexpr bool names_in_order() {
  std::size_t i = 0;
  for (const auto& entry : names_of_enum<Enum>()) {
    if (static_cast<std::size_t>(entry.value) != i++) return false;
  }
  return true;
}

template <Named Enum>
constexpr std::string_view name_of(Enum value) {
  for (const auto& entry : names_of_enum<Enum>()) {
    if (entry.value == value) return entry.name;
  }
  return "?";  // a value missing from its list; names_in_order rules it out
}

template <Named Enum>
constexpr std::optional<Enum> parse_name(std::string_view text) {
  for (const auto& entry : names_of_enum<Enum>()) {
    if (entry.name == text) return entry.value;
  }
  return std::nullopt;
}

// "high, medium, low or illustrative": what a file may write.
template <Named Enum>
std::string names_choice() {
  const auto names = names_of_enum<Enum>();
  std::string choice;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) choice += i + 1 == names.size() ? " or " : ", ";
    choice += names[i].name;
  }
  return choice;
}

}  // namespace negotiateup::core
