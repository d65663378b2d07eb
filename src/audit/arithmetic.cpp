#include "audit/arithmetic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "audit/money_mentions.hpp"
#include "core/text.hpp"

namespace negotiateup::audit {
namespace {

enum class Part { base, yearly, grant_or_yearly, other };

std::string lower_after(std::string_view text, std::size_t from, std::size_t length = 48) {
  return core::to_lower_ascii(text.substr(from, std::min(length, text.size() - from)));
}

bool starts_with_any(std::string_view text, std::initializer_list<std::string_view> prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](std::string_view p) { return text.starts_with(p); });
}

Part classify(std::string_view after) {
  if (starts_with_any(after, {"/year", "/yr", " per year", " a year", " yearly", " annually",
                              " each year", " every year", "/y "})) {
    return Part::yearly;
  }
  if (starts_with_any(after, {" base", " in base", " salary", " in salary"})) return Part::base;
  if (starts_with_any(after, {" rsu", " in rsu", " equity", " in equity", " stock", " in stock",
                              " of stock", " options", " in options", " grant"})) {
    return Part::grant_or_yearly;
  }
  return Part::other;
}

// "over four years", "guaranteed over 4 years", "over 4yr", "over the next 4 years".
std::optional<int> years_after(std::string_view after) {
  std::size_t i = 0;
  const auto skip = [&](std::string_view word) {
    if (after.substr(i).starts_with(word)) i += word.size();
  };
  skip(" ");
  skip("guaranteed ");
  skip("in total ");
  if (!after.substr(i).starts_with("over ")) return std::nullopt;
  i += 5;
  skip("the ");
  skip("next ");
  constexpr std::array<std::pair<std::string_view, int>, 9> kWords{{{"two", 2},
                                                                    {"three", 3},
                                                                    {"four", 4},
                                                                    {"five", 5},
                                                                    {"six", 6},
                                                                    {"seven", 7},
                                                                    {"eight", 8},
                                                                    {"nine", 9},
                                                                    {"ten", 10}}};
  int years = 0;
  for (const auto& [word, value] : kWords) {
    if (after.substr(i).starts_with(word)) {
      years = value;
      i += word.size();
      break;
    }
  }
  if (years == 0) {
    while (i < after.size() && std::isdigit(static_cast<unsigned char>(after[i]))) {
      years = years * 10 + (after[i] - '0');
      ++i;
    }
  }
  if (years <= 0 || years > 50) return std::nullopt;
  if (i < after.size() && (after[i] == ' ' || after[i] == '-')) ++i;
  if (starts_with_any(after.substr(i), {"year", "yr"})) return years;
  return std::nullopt;
}

std::string show(const core::Money& money) {
  return core::format_compact(money);
}

struct Parts {
  std::optional<core::Money> base;
  std::optional<core::Money> yearly;
  std::string yearly_label;  // " RSUs" in "€90K/year RSUs", for the message
  std::optional<core::Money> grant_or_yearly;
};

Parts parts_in(std::string_view text, const std::vector<MoneyMention>& mentions, std::size_t from,
               std::size_t to) {
  Parts parts;
  for (const auto& mention : mentions) {
    if (mention.begin < from || mention.end > to || mention.in_range) continue;
    switch (classify(lower_after(text, mention.end))) {
      case Part::base:
        if (!parts.base) parts.base = mention.money;
        break;
      case Part::yearly:
        if (!parts.yearly) {
          parts.yearly = mention.money;
          const auto after = lower_after(text, mention.end);
          const auto unit_end = after.find_first_of(" ,.;", 1);
          const auto rest = unit_end == std::string::npos ? std::string() : after.substr(unit_end);
          if (rest.starts_with(" rsu") || rest.starts_with(" in rsu")) parts.yearly_label = " RSUs";
          if (rest.starts_with(" equity") || rest.starts_with(" in equity"))
            parts.yearly_label = " equity";
        }
        break;
      case Part::grant_or_yearly:
        if (!parts.grant_or_yearly) parts.grant_or_yearly = mention.money;
        break;
      case Part::other:
        break;
    }
  }
  return parts;
}

bool same_currency(const Parts& parts, core::Currency currency) {
  for (const auto& part : {parts.base, parts.yearly, parts.grant_or_yearly}) {
    if (part && part->currency != currency) return false;
  }
  return true;
}

void check_sums(std::string_view text, const std::vector<MoneyMention>& mentions, std::size_t line,
                const std::string& file, const core::Policy& policy, std::vector<Finding>& findings,
                ArithmeticCounts& counts) {
  // "€105K + €25K = €130K": amounts joined by '+', then '=' and the total.
  for (std::size_t first = 0; first < mentions.size(); ++first) {
    std::size_t last = first;
    while (last + 1 < mentions.size() &&
           core::trim(text.substr(mentions[last].end,
                                  mentions[last + 1].begin - mentions[last].end)) == "+") {
      ++last;
    }
    if (last == first || last + 1 >= mentions.size()) continue;
    const auto between =
        core::trim(text.substr(mentions[last].end, mentions[last + 1].begin - mentions[last].end));
    if (between != "=" && between != "is" && between != "totals" && between != "comes to") {
      first = last;
      continue;
    }
    const auto& total = mentions[last + 1];
    std::int64_t sum = 0;
    std::string parts;
    bool one_currency = true;
    for (std::size_t i = first; i <= last; ++i) {
      one_currency = one_currency && mentions[i].money.currency == total.money.currency;
      sum += mentions[i].money.amount;
      parts += (parts.empty() ? "" : " + ") + show(mentions[i].money);
    }
    ++counts.checked;
    const auto tolerance = std::max<std::int64_t>(total.precision, policy.total_comp_tolerance / 2);
    if (one_currency && std::llabs(total.money.amount - sum) > tolerance) {
      findings.push_back(Finding{file, line, rule::multi_year_arithmetic, Severity::error,
                                 fmt::format("stated {}; {} = {}", show(total.money), parts,
                                             show(core::Money{sum, total.money.currency}))});
    }
    first = last + 1;
  }
}

}  // namespace

void check_arithmetic(std::string_view text, std::size_t line, const std::string& file,
                      const core::Policy& policy, std::vector<Finding>& findings,
                      ArithmeticCounts& counts) {
  if (text.find_first_of("€$£¥₹") == std::string_view::npos &&
      text.find(" EUR") == std::string_view::npos) {
    // No currency symbol at all: the common case, decided without a scan.
    bool any_code = false;
    for (const auto currency : core::Currency::all()) {
      any_code = any_code || text.find(currency.code()) != std::string_view::npos;
    }
    if (!any_code) return;
  }
  const auto mentions = find_money(text);
  if (mentions.empty()) return;
  check_sums(text, mentions, line, file, policy, findings, counts);

  const auto spans = split_sentences(text);
  for (std::size_t s = 0; s < spans.size(); ++s) {
    const auto [from, to] = spans[s];
    for (const auto& total : mentions) {
      if (total.begin < from || total.end > to || total.in_range) continue;
      const auto years = years_after(lower_after(text, total.end));
      if (!years) continue;
      // The parts: before the total in its sentence, else in the sentence before.
      auto parts = parts_in(text, mentions, from, total.begin);
      if (!parts.base && !parts.yearly && !parts.grant_or_yearly && s > 0) {
        parts = parts_in(text, mentions, spans[s - 1].first, spans[s - 1].second);
      }
      if ((!parts.base && !parts.yearly && !parts.grant_or_yearly) ||
          !same_currency(parts, total.money.currency)) {
        continue;  // nothing stated beside it to recompute from
      }
      ++counts.checked;
      const std::int64_t n = *years;
      const std::int64_t base = parts.base ? parts.base->amount : 0;
      const std::int64_t yearly = parts.yearly ? parts.yearly->amount : 0;
      const auto currency = total.money.currency;
      const auto tolerance =
          std::max<std::int64_t>(total.precision, policy.total_comp_tolerance / 2);
      const auto matches = [&](std::int64_t expected) {
        return std::llabs(total.money.amount - expected) <= tolerance;
      };
      std::string how;
      if (parts.base) how += show(*parts.base) + " base";
      if (parts.yearly) {
        how += (how.empty() ? "" : " + ") + show(*parts.yearly) + "/year" + parts.yearly_label;
      }
      std::int64_t expected = n * (base + yearly);
      if (parts.grant_or_yearly) {
        const auto g = parts.grant_or_yearly->amount;
        // As a yearly figure, or as a grant over the whole period.
        const auto as_yearly = n * (base + yearly + g);
        const auto as_grant = n * (base + yearly) + g;
        if (matches(as_yearly) || matches(as_grant)) {
          if (!matches(as_yearly) || !matches(as_grant)) ++counts.ambiguous;
          continue;
        }
        findings.push_back(Finding{
            file, line, rule::multi_year_arithmetic, Severity::error,
            fmt::format("stated {}; {} x ({}{}{}/year) = {}, or with {} as a grant over the "
                        "period, {}",
                        show(total.money), n, how, how.empty() ? "" : " + ",
                        show(*parts.grant_or_yearly), show(core::Money{as_yearly, currency}),
                        show(*parts.grant_or_yearly), show(core::Money{as_grant, currency}))});
        continue;
      }
      if (matches(expected)) continue;
      findings.push_back(Finding{file, line, rule::multi_year_arithmetic, Severity::error,
                                 fmt::format("stated {}; {} x ({}) = {}", show(total.money), n, how,
                                             show(core::Money{expected, currency}))});
    }
  }
}

}  // namespace negotiateup::audit
