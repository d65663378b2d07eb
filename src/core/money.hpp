#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/currency.hpp"

namespace negotiateup::core {

// Adding euros to dollars is a programming error: convert first.
class CurrencyMismatch : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// A whole amount of a named currency. Amounts are whole units (euros, not cents):
// every figure in a guide is a whole number of its currency.
struct Money {
  std::int64_t amount = 0;
  Currency currency;

  friend bool operator==(const Money&, const Money&) = default;
};

Money operator+(Money a, Money b);
Money operator-(Money a, Money b);

enum class Rounding { half_away_from_zero, down, up };

// numerator / denominator rounded as asked; denominator must be positive.
std::int64_t divide(std::int64_t numerator, std::int64_t denominator, Rounding rounding);

// The multiple of `step` nearest to `amount` (or below / above it).
std::int64_t round_to_step(std::int64_t amount, std::int64_t step, Rounding rounding);
Money round_to_step(Money money, std::int64_t step, Rounding rounding);

// "€78K", "$1.065M", "CHF 950": exact, never rounded. Millions are used only when
// three decimals suffice, thousands otherwise (with decimals when needed).
std::string format_compact(Money money);
// "$1.38M", "€92.5K", "€950": at most three significant digits, rounded half away
// from zero (999,950 is "€1M"), K, M or B. For figures a simulation or a formula
// computed, where the exact form would read "$1380.398K"; stated and negotiated
// figures keep format_compact.
std::string format_compact_rounded(Money money);
// "€78K–€105K" with an en dash.
std::string format_compact_range(Money low, Money high);
// "78000 EUR": the canonical, lossless text form.
std::string format_canonical(Money money);

// Reads "€78K", "$1.065M", "€1,065,000", "78000 EUR", "EUR 78,000", "CHF 150k".
// A bare number takes `default_currency` when given. The error says what was
// expected.
std::expected<Money, std::string> parse_money(
    std::string_view text, std::optional<Currency> default_currency = std::nullopt);

struct MoneyRange {
  Money low;
  Money high;
};
// "€78K–€105K", "€78K - €105K", "€78–105K" (a suffix or symbol on one end applies
// to both when the other end has none).
std::expected<MoneyRange, std::string> parse_money_range(
    std::string_view text, std::optional<Currency> default_currency = std::nullopt);

}  // namespace negotiateup::core
