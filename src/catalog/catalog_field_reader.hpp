#pragma once

// Reads a described struct (catalog_fields.hpp) out of a YAML map: the reader's
// side of the descriptions, as the writer, the cache and the input hash are theirs.
// For each map: every key must be one the description names (checked first, so a
// misspelt key is reported as such, not as the required key it hides); then each
// field is read by its member's type; then the struct's cross_check. A key the
// description marks Required::yes must be present; any other key left out, or
// null, keeps the member's default. Errors are yaml::ReadError at the file and
// line of the value (the map's line for a missing key). Not for use outside the
// catalog module.

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "catalog/catalog_fields.hpp"
#include "yaml/yaml_reader.hpp"

namespace negotiateup::catalog::detail {

// The leaves, by type: a value that is present (it may still be null, for a
// required key), read or refused with what was expected.
void read_value(const yaml::Reader& reader, const yaml::Node& node, const Field& field,
                std::string& value);
void read_value(const yaml::Reader& reader, const yaml::Node& node, const Field& field,
                bool& value);
void read_value(const yaml::Reader& reader, const yaml::Node& node, const Field& field, int& value);
void read_value(const yaml::Reader& reader, const yaml::Node& node, const Field& field,
                std::int64_t& value);
void read_value(const yaml::Reader& reader, const yaml::Node& node, const Field& field,
                core::Percent& value);
void read_value(const yaml::Reader& reader, const yaml::Node& node, const Field& field,
                core::Band& value);
void read_value(const yaml::Reader& reader, const yaml::Node& node, const Field& field,
                core::Date& value);
void read_value(const yaml::Reader& reader, const yaml::Node& node, const Field& field,
                core::Quarter& value);
void read_value(const yaml::Reader& reader, const yaml::Node& node, const Field& field,
                core::Currency& value);
void read_value(const yaml::Reader& reader, const yaml::Node& node, const Field& field,
                std::vector<std::string>& value);
template <core::Named Enum>
void read_value(const yaml::Reader& reader, const yaml::Node& node, const Field& field,
                Enum& value) {
  value = reader.name<Enum>(node, field.key);
}

// A [low, high] pair's two nodes; `shape` shows one, e.g. "[60, 100] percent".
std::pair<yaml::Node, yaml::Node> read_pair(const yaml::Reader& reader, const yaml::Node& node,
                                            std::string_view key, std::string_view shape);

template <typename T>
inline constexpr bool is_struct_list = false;
template <fields::Described T>
inline constexpr bool is_struct_list<std::vector<T>> = true;

class FieldReader {
 public:
  // `path_parts` are the slugs the file's path gives, in the order the description
  // names them (v.path_part); they are moved into the struct.
  FieldReader(const yaml::Reader& reader, const yaml::Node& map, std::string_view what,
              std::span<std::string> path_parts = {})
      : reader_(reader), map_(map), what_(what), path_parts_(path_parts) {}

  template <fields::Described T>
  void read(T& value) {
    check_keys([&] { fields::visit(*this, value); });
    fields::visit(*this, value);
    if (const auto problem = catalog::cross_check(value)) reader_.fail(map_, *problem);
  }

  template <typename T>
  void operator()(const Field& field, T& member) {
    if (listing_keys_) return add_key(field.key);
    if (const auto node = present(field)) read_member(field, *node, member);
  }
  template <typename T>
  void range(const Field& field, T& low, T& high) {
    if (listing_keys_) return add_key(field.key);
    const auto node = present(field);
    if (!node) return;
    const auto [first, second] = read_pair(reader_, *node, field.key, pair_shape(low));
    read_value(reader_, first, field, low);
    read_value(reader_, second, field, high);
  }
  template <typename Fill>
  void group(const Field& field, Fill&& fill) {
    if (listing_keys_) return add_key(field.key);
    const auto node = present(field);
    if (!node) return;
    const auto what = quoted(field.key);
    reader_.require_map(*node, what);
    const auto outer = std::pair(map_, what_);
    map_ = *node;
    what_ = what;
    check_keys(fill);
    fill();
    std::tie(map_, what_) = outer;
  }
  void path_part(std::string& member) {
    if (listing_keys_) return;
    if (next_path_part_ == path_parts_.size()) {
      throw std::logic_error("a description names more path parts than its reader was given");
    }
    member = std::move(path_parts_[next_path_part_++]);
  }
  void location(SourceLocation& member) {
    if (!listing_keys_) member = SourceLocation{reader_.file(), reader_.line_of(map_)};
  }

 private:
  static std::string quoted(std::string_view key) { return "'" + std::string(key) + "'"; }
  static std::string_view pair_shape(const core::Percent&) { return "[60, 100] percent"; }
  static std::string_view pair_shape(const int&) { return "[2023, 2024]"; }

  // Lists the keys the visit names, and refuses any other key of the map.
  template <typename Visit>
  void check_keys(Visit&& visit) {
    key_count_ = 0;
    listing_keys_ = true;
    visit();
    listing_keys_ = false;
    reader_.check_keys(map_, std::span(keys_.data(), key_count_), what_);
  }
  void add_key(std::string_view key) {
    if (key_count_ == keys_.size()) throw std::logic_error("a described map has too many keys");
    keys_[key_count_++] = key;
  }

  // The field's value when the map gives one (it may be null for a required key).
  std::optional<yaml::Node> present(const Field& field) const {
    auto node = map_[field.key];
    if (field.required == fields::Required::yes) {
      if (!node.IsDefined()) {
        reader_.fail(map_, fmt::format("missing required key '{}' in {}", field.key, what_));
      }
      return node;
    }
    if (yaml::is_null(node)) return std::nullopt;
    return node;
  }

  template <typename T>
  void read_member(const Field& field, const yaml::Node& node, T& member) {
    if constexpr (fields::is_optional<T>) {
      read_member(field, node, member.emplace());
    } else if constexpr (is_struct_list<T>) {
      reader_.require_sequence(node, quoted(field.key));
      member.clear();
      member.reserve(node.size());
      for (const auto& item : node.items()) read_struct(item, field.item, member.emplace_back());
    } else if constexpr (fields::Described<T>) {
      read_struct(node, quoted(field.key), member);
    } else {
      read_value(reader_, node, field, member);
    }
  }

  template <typename T>
  void read_struct(const yaml::Node& node, std::string_view what, T& value) const {
    reader_.require_map(node, what);
    FieldReader(reader_, node, what).read(value);
  }

  const yaml::Reader& reader_;
  yaml::Node map_;
  std::string_view what_;
  std::span<std::string> path_parts_;
  std::size_t next_path_part_ = 0;
  bool listing_keys_ = false;
  // A map's keys, without an allocation per map: the most a description names
  // in one map is 9 (the policy's aggregation).
  std::array<std::string_view, 16> keys_;
  std::size_t key_count_ = 0;
};

}  // namespace negotiateup::catalog::detail
