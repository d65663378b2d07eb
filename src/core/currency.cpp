#include "core/currency.hpp"

#include <array>
#include <vector>

namespace negotiateup::core {
namespace {

struct CurrencyInfo {
  std::string_view code;
  std::string_view symbol;  // empty when the code itself is displayed
};

// Symbols must be unambiguous: "kr" (SEK/NOK/DKK) and "¥" for CNY are left out on
// purpose, so those currencies display and parse by their code.
constexpr std::array kCurrencies{
    CurrencyInfo{"USD", "$"},  CurrencyInfo{"EUR", "€"},   CurrencyInfo{"GBP", "£"},
    CurrencyInfo{"CAD", "C$"}, CurrencyInfo{"AUD", "A$"},  CurrencyInfo{"NZD", "NZ$"},
    CurrencyInfo{"SGD", "S$"}, CurrencyInfo{"HKD", "HK$"}, CurrencyInfo{"MXN", "MX$"},
    CurrencyInfo{"BRL", "R$"}, CurrencyInfo{"INR", "₹"},   CurrencyInfo{"JPY", "¥"},
    CurrencyInfo{"KRW", "₩"},  CurrencyInfo{"ILS", "₪"},   CurrencyInfo{"TRY", "₺"},
    CurrencyInfo{"PHP", "₱"},  CurrencyInfo{"THB", "฿"},   CurrencyInfo{"CHF", ""},
    CurrencyInfo{"PLN", ""},   CurrencyInfo{"SEK", ""},    CurrencyInfo{"NOK", ""},
    CurrencyInfo{"DKK", ""},   CurrencyInfo{"CZK", ""},    CurrencyInfo{"HUF", ""},
    CurrencyInfo{"ZAR", ""},   CurrencyInfo{"CLP", ""},    CurrencyInfo{"CNY", ""},
    CurrencyInfo{"AED", ""},   CurrencyInfo{"RON", ""},    CurrencyInfo{"COP", ""},
};

}  // namespace

std::optional<Currency> Currency::from_code(std::string_view iso_code) {
  for (std::size_t i = 0; i < kCurrencies.size(); ++i) {
    if (kCurrencies[i].code == iso_code) return Currency(static_cast<unsigned char>(i));
  }
  return std::nullopt;
}

std::optional<Currency> Currency::from_symbol(std::string_view symbol) {
  for (std::size_t i = 0; i < kCurrencies.size(); ++i) {
    if (!kCurrencies[i].symbol.empty() && kCurrencies[i].symbol == symbol) {
      return Currency(static_cast<unsigned char>(i));
    }
  }
  return std::nullopt;
}

std::span<const Currency> Currency::all() {
  static const std::vector<Currency> currencies = [] {
    std::vector<Currency> result;
    for (std::size_t i = 0; i < kCurrencies.size(); ++i) {
      result.push_back(Currency(static_cast<unsigned char>(i)));
    }
    return result;
  }();
  return currencies;
}

std::string_view Currency::code() const {
  return kCurrencies[index_].code;
}

std::string_view Currency::display_prefix() const {
  const auto& info = kCurrencies[index_];
  if (!info.symbol.empty()) return info.symbol;
  // Codes are displayed followed by a space: "CHF 150K".
  static const auto prefixes = [] {
    std::array<std::string, kCurrencies.size()> result;
    for (std::size_t i = 0; i < kCurrencies.size(); ++i) {
      result[i] = std::string(kCurrencies[i].code) + " ";
    }
    return result;
  }();
  return prefixes[index_];
}

}  // namespace negotiateup::core
