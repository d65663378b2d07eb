#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace negotiateup::core {

// An ISO 4217 currency known to Negotiate Up. Only currencies in the table can be
// constructed, so a Currency value is always valid.
class Currency {
 public:
  static std::optional<Currency> from_code(std::string_view iso_code);
  // Matches a display symbol such as "€" or "C$", longest symbol first.
  static std::optional<Currency> from_symbol(std::string_view symbol);
  static std::span<const Currency> all();

  std::string_view code() const;
  // The prefix used in compact display: "€" for EUR, "CHF " for currencies
  // whose symbol is shared or not ASCII-safe to read.
  std::string_view display_prefix() const;

  friend bool operator==(const Currency&, const Currency&) = default;

 private:
  explicit constexpr Currency(unsigned char index) : index_(index) {}
  unsigned char index_;
};

}  // namespace negotiateup::core
