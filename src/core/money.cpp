#include "core/money.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <array>
#include <cctype>
#include <iterator>
#include <limits>
#include <utility>

#include "core/text.hpp"

namespace negotiateup::core {
namespace {

void require_same_currency(const Money& a, const Money& b) {
  if (a.currency != b.currency) {
    throw CurrencyMismatch(
        fmt::format("cannot combine {} with {}", format_canonical(a), format_canonical(b)));
  }
}

// Appends "1065000" at scale 1000 as "1065", at scale 1000000 as "1.065": trailing
// zeros dropped. Written straight into `text`: a guide formats about a hundred
// amounts, and each temporary string was an allocation.
void append_scaled_decimal(std::string& text, std::int64_t magnitude, std::int64_t scale) {
  fmt::format_to(std::back_inserter(text), FMT_COMPILE("{}"), magnitude / scale);
  std::int64_t fraction = magnitude % scale;
  if (fraction == 0) return;
  int digits = 0;
  for (std::int64_t s = scale; s > 1; s /= 10) ++digits;
  while (fraction % 10 == 0) {
    fraction /= 10;
    --digits;
  }
  fmt::format_to(std::back_inserter(text), FMT_COMPILE(".{:0{}}"), fraction, digits);
}

struct ParsedNumber {
  std::int64_t value = 0;
  bool has_suffix = false;
};

// Parses "1,065,000", "78", "1.065" followed by an optional K/M/B suffix. The value
// must come out whole. `multiplier_if_none` lets a range's end borrow its partner's
// suffix.
std::expected<ParsedNumber, std::string> parse_number(std::string_view text,
                                                      std::int64_t multiplier_if_none) {
  std::string digits_before;
  std::string digits_after;
  bool seen_point = false;
  std::size_t i = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      (seen_point ? digits_after : digits_before).push_back(c);
    } else if (c == ',' && !seen_point) {
      // Thousands separators must group by three.
      const auto rest = text.substr(i + 1);
      if (digits_before.empty() || rest.size() < 3 ||
          !std::isdigit(static_cast<unsigned char>(rest[0])) ||
          !std::isdigit(static_cast<unsigned char>(rest[1])) ||
          !std::isdigit(static_cast<unsigned char>(rest[2])) ||
          (rest.size() > 3 && std::isdigit(static_cast<unsigned char>(rest[3])))) {
        return std::unexpected("three digits after each thousands separator ','");
      }
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (digits_before.empty() && digits_after.empty()) return std::unexpected("a number");
  if (seen_point && digits_after.empty()) return std::unexpected("digits after the decimal point");
  std::int64_t multiplier = 1;
  bool has_suffix = false;
  if (i < text.size()) {
    const char suffix = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
    if (suffix == 'K')
      multiplier = 1'000;
    else if (suffix == 'M')
      multiplier = 1'000'000;
    else if (suffix == 'B')
      multiplier = 1'000'000'000;
    else
      return std::unexpected(fmt::format("a K, M or B suffix, not '{}'", text.substr(i)));
    has_suffix = true;
    if (i + 1 != text.size()) {
      return std::unexpected(fmt::format("nothing after the suffix, found '{}'", text.substr(i)));
    }
  } else {
    multiplier = multiplier_if_none;
  }
  // Ten trillion is more than any pay figure; past it the arithmetic could overflow.
  static constexpr std::int64_t kLargest = 10'000'000'000'000;
  const auto too_large = [] {
    return std::unexpected(fmt::format("an amount of at most {}", kLargest));
  };
  if (digits_before.size() + digits_after.size() > 15) return too_large();
  std::int64_t scale = 1;
  for (std::size_t d = 0; d < digits_after.size(); ++d) scale *= 10;
  const std::int64_t mantissa =
      std::stoll((digits_before.empty() ? "0" : digits_before) + digits_after);
  std::int64_t product = 0;
  if (__builtin_mul_overflow(mantissa, multiplier, &product) || product / scale > kLargest) {
    return too_large();
  }
  if (product % scale != 0) {
    return std::unexpected("a whole amount (no fractions of a currency unit)");
  }
  return ParsedNumber{product / scale, has_suffix};
}

struct Split {
  std::optional<Currency> currency;
  std::string_view number;
  bool negative = false;
};

// Separates the currency (symbol or code, before or after) from the number.
std::expected<Split, std::string> split_currency(std::string_view text) {
  Split split;
  text = trim(text);
  if (!text.empty() && (text.front() == '-' || text.starts_with("−"))) {
    split.negative = true;
    text = trim(text.substr(text.front() == '-' ? 1 : std::string_view("−").size()));
  }
  // A code before or after: "EUR 78000", "78000 EUR".
  if (text.size() > 3 && std::isupper(static_cast<unsigned char>(text[0])) &&
      std::isupper(static_cast<unsigned char>(text[1])) &&
      std::isupper(static_cast<unsigned char>(text[2]))) {
    const auto code = text.substr(0, 3);
    const auto currency = Currency::from_code(code);
    if (!currency) return std::unexpected(fmt::format("a known ISO 4217 currency, not '{}'", code));
    split.currency = currency;
    text = trim(text.substr(3));
  } else if (text.size() > 3 && std::isupper(static_cast<unsigned char>(text.back()))) {
    const auto space = text.rfind(' ');
    if (space != std::string_view::npos) {
      const auto code = text.substr(space + 1);
      const auto currency = Currency::from_code(code);
      if (!currency) {
        return std::unexpected(fmt::format("a known ISO 4217 currency, not '{}'", code));
      }
      split.currency = currency;
      text = trim(text.substr(0, space));
    }
  }
  if (!split.currency && !text.empty() && !std::isdigit(static_cast<unsigned char>(text[0])) &&
      text[0] != '.') {
    // A symbol: everything up to the first digit.
    std::size_t digit = 0;
    while (digit < text.size() && !std::isdigit(static_cast<unsigned char>(text[digit]))) ++digit;
    const auto symbol = trim(text.substr(0, digit));
    const auto currency = Currency::from_symbol(symbol);
    if (!currency) {
      return std::unexpected(fmt::format("a currency symbol such as € or $, not '{}'", symbol));
    }
    split.currency = currency;
    text = text.substr(digit);
  }
  split.number = text;
  return split;
}

}  // namespace

Money operator+(Money a, Money b) {
  require_same_currency(a, b);
  return Money{a.amount + b.amount, a.currency};
}

Money operator-(Money a, Money b) {
  require_same_currency(a, b);
  return Money{a.amount - b.amount, a.currency};
}

std::int64_t divide(std::int64_t numerator, std::int64_t denominator, Rounding rounding) {
  if (denominator <= 0) throw std::invalid_argument("divide: denominator must be positive");
  std::int64_t quotient = numerator / denominator;
  const std::int64_t remainder = numerator % denominator;
  if (remainder == 0) return quotient;
  switch (rounding) {
    case Rounding::down:
      return remainder < 0 ? quotient - 1 : quotient;
    case Rounding::up:
      return remainder > 0 ? quotient + 1 : quotient;
    case Rounding::half_away_from_zero: {
      const std::int64_t twice = 2 * (remainder < 0 ? -remainder : remainder);
      if (twice >= denominator) quotient += remainder < 0 ? -1 : 1;
      return quotient;
    }
  }
  return quotient;
}

std::int64_t round_to_step(std::int64_t amount, std::int64_t step, Rounding rounding) {
  return divide(amount, step, rounding) * step;
}

Money round_to_step(Money money, std::int64_t step, Rounding rounding) {
  return Money{round_to_step(money.amount, step, rounding), money.currency};
}

std::string format_compact(Money money) {
  const std::int64_t magnitude = money.amount < 0 ? -money.amount : money.amount;
  std::string text(money.amount < 0 ? "-" : "");
  text += money.currency.display_prefix();
  if (magnitude >= 1'000'000 && magnitude % 1'000 == 0) {
    append_scaled_decimal(text, magnitude, 1'000'000);
    text += 'M';
  } else if (magnitude >= 1'000) {
    append_scaled_decimal(text, magnitude, 1'000);
    text += 'K';
  } else {
    fmt::format_to(std::back_inserter(text), FMT_COMPILE("{}"), magnitude);
  }
  return text;
}

std::string format_compact_rounded(Money money) {
  std::int64_t magnitude = money.amount < 0 ? -money.amount : money.amount;
  std::string text(money.amount < 0 ? "-" : "");
  text += money.currency.display_prefix();
  if (magnitude < 1'000) {
    fmt::format_to(std::back_inserter(text), FMT_COMPILE("{}"), magnitude);
    return text;
  }
  constexpr std::array<std::pair<std::int64_t, char>, 3> kUnits{
      {{1'000, 'K'}, {1'000'000, 'M'}, {1'000'000'000, 'B'}}};
  std::size_t unit = 0;
  while (unit + 1 < kUnits.size() && magnitude >= kUnits[unit + 1].first) ++unit;
  // Three digits in all: 1.23K keeps two decimals, 123K none.
  std::int64_t step = kUnits[unit].first;
  for (std::int64_t whole = magnitude / kUnits[unit].first; whole < 100; whole *= 10) step /= 10;
  magnitude = round_to_step(magnitude, step, Rounding::half_away_from_zero);
  // 999,950 rounds to 1,000K, which is 1M.
  if (unit + 1 < kUnits.size() && magnitude >= kUnits[unit + 1].first) ++unit;
  append_scaled_decimal(text, magnitude, kUnits[unit].first);
  text += kUnits[unit].second;
  return text;
}

std::string format_compact_range(Money low, Money high) {
  auto text = format_compact(low);
  text += "–";
  text += format_compact(high);
  return text;
}

std::string format_canonical(Money money) {
  return fmt::format("{} {}", money.amount, money.currency.code());
}

std::expected<Money, std::string> parse_money(std::string_view text,
                                              std::optional<Currency> default_currency) {
  const auto split = split_currency(text);
  if (!split) return std::unexpected(split.error());
  const auto currency = split->currency ? split->currency : default_currency;
  if (!currency) return std::unexpected(fmt::format("an amount with a currency, not '{}'", text));
  const auto number = parse_number(split->number, 1);
  if (!number) return std::unexpected(fmt::format("{} in '{}'", number.error(), trim(text)));
  return Money{split->negative ? -number->value : number->value, *currency};
}

std::expected<MoneyRange, std::string> parse_money_range(std::string_view text,
                                                         std::optional<Currency> default_currency) {
  // Accept an en dash, an em dash or a hyphen between the ends; a leading minus
  // sign is not a separator.
  std::size_t separator = std::string_view::npos;
  std::size_t separator_size = 0;
  for (const std::string_view dash : {"–", "—"}) {
    if (const auto at = text.find(dash); at != std::string_view::npos) {
      separator = at;
      separator_size = dash.size();
      break;
    }
  }
  if (separator == std::string_view::npos) {
    if (const auto at = text.find('-', 1); at != std::string_view::npos) {
      separator = at;
      separator_size = 1;
    }
  }
  if (separator == std::string_view::npos) {
    return std::unexpected(fmt::format("a range such as €78K–€105K, not '{}'", trim(text)));
  }
  const auto low_text = trim(text.substr(0, separator));
  const auto high_text = trim(text.substr(separator + separator_size));
  const auto low_split = split_currency(low_text);
  if (!low_split) return std::unexpected(low_split.error());
  const auto high_split = split_currency(high_text);
  if (!high_split) return std::unexpected(high_split.error());
  // "€78–105K": the symbol of one end and the suffix of the other apply to both.
  auto currency = low_split->currency ? low_split->currency : high_split->currency;
  if (!currency) currency = default_currency;
  if (!currency) return std::unexpected(fmt::format("a currency in '{}'", trim(text)));
  if (low_split->currency && high_split->currency && low_split->currency != high_split->currency) {
    return std::unexpected(fmt::format("one currency on both ends of '{}'", trim(text)));
  }
  auto high = parse_number(high_split->number, 1);
  if (!high) return std::unexpected(fmt::format("{} in '{}'", high.error(), high_text));
  std::int64_t borrowed = 1;
  if (high->has_suffix) {
    const char suffix =
        static_cast<char>(std::toupper(static_cast<unsigned char>(high_split->number.back())));
    borrowed = suffix == 'K' ? 1'000 : suffix == 'M' ? 1'000'000 : 1'000'000'000;
  }
  auto low = parse_number(low_split->number, borrowed);
  if (!low) return std::unexpected(fmt::format("{} in '{}'", low.error(), low_text));
  return MoneyRange{Money{low_split->negative ? -low->value : low->value, *currency},
                    Money{high_split->negative ? -high->value : high->value, *currency}};
}

}  // namespace negotiateup::core
