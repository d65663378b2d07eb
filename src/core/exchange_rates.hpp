#pragma once

#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/money.hpp"

namespace negotiateup::core {

// A dated table of exchange rates: how many units of each currency one unit of
// the base currency buys, kept in millionths (0.92 is 920000), never as floats.
struct ExchangeRates {
  std::optional<Date> date;
  std::optional<Currency> base;
  std::map<std::string, std::int64_t, std::less<>> per_base_millionths;  // by ISO code

  bool has(Currency currency) const;
  // The amount in `to`, rounded to whole units (half away from zero); an error
  // names the currency the table has no rate for.
  std::expected<Money, std::string> convert(Money money, Currency to) const;
};

// "0.92", "1", "157.3": a positive decimal with at most six decimals.
std::expected<std::int64_t, std::string> parse_millionths(std::string_view text);

}  // namespace negotiateup::core
