#include "core/exchange_rates.hpp"

#include <fmt/format.h>

namespace negotiateup::core {
namespace {
// GCC's 128-bit integer: an amount times a rate in millionths needs more than 64.
__extension__ using Wide = __int128;
}  // namespace

bool ExchangeRates::has(Currency currency) const {
  return (base && *base == currency) || per_base_millionths.contains(currency.code());
}

std::expected<Money, std::string> ExchangeRates::convert(Money money, Currency to) const {
  if (money.currency == to) return money;
  const auto rate = [&](Currency currency) -> std::optional<std::int64_t> {
    if (base && *base == currency) return 1'000'000;
    const auto found = per_base_millionths.find(currency.code());
    if (found == per_base_millionths.end()) return std::nullopt;
    return found->second;
  };
  const auto from_rate = rate(money.currency);
  const auto to_rate = rate(to);
  if (!from_rate || !to_rate) {
    return std::unexpected(fmt::format("no exchange rate for {} in the catalog's rates.yaml",
                                       from_rate ? to.code() : money.currency.code()));
  }
  // amount / from x to, in 128 bits so that nothing overflows before the rounding.
  const Wide numerator = static_cast<Wide>(money.amount) * *to_rate;
  Wide quotient = numerator / *from_rate;
  const Wide remainder = numerator % *from_rate;
  if (2 * (remainder < 0 ? -remainder : remainder) >= *from_rate)
    quotient += numerator < 0 ? -1 : 1;
  return Money{static_cast<std::int64_t>(quotient), to};
}

std::expected<std::int64_t, std::string> parse_millionths(std::string_view text) {
  std::int64_t whole = 0;
  std::int64_t fraction = 0;
  int digits = 0;
  bool point = false;
  bool any = false;
  for (const char c : text) {
    if (c == '.' && !point) {
      point = true;
    } else if (c >= '0' && c <= '9') {
      any = true;
      if (point) {
        if (++digits > 6)
          return std::unexpected(fmt::format("at most six decimals, not '{}'", text));
        fraction = fraction * 10 + (c - '0');
      } else {
        whole = whole * 10 + (c - '0');
        if (whole > 1'000'000'000)
          return std::unexpected(fmt::format("a smaller rate than '{}'", text));
      }
    } else {
      return std::unexpected(fmt::format("a decimal rate such as 0.92, not '{}'", text));
    }
  }
  while (digits++ < 6) fraction *= 10;
  const auto value = whole * 1'000'000 + fraction;
  if (!any || value <= 0) return std::unexpected(fmt::format("a rate above zero, not '{}'", text));
  return value;
}

}  // namespace negotiateup::core
