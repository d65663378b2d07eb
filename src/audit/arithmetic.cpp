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

// `lower` is the line in lower case (ASCII only, so offsets are the line's).
std::string_view lower_after(std::string_view lower, std::size_t from, std::size_t length = 48) {
  return lower.substr(from, std::min(length, lower.size() - from));
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

// "four years", "4 years", "4yr", "four-year": the number of years, and where the
// phrase ends.
std::optional<std::pair<int, std::size_t>> years_at(std::string_view after, std::size_t i) {
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
  if (!starts_with_any(after.substr(i), {"year", "yr"})) return std::nullopt;
  while (i < after.size() && std::isalpha(static_cast<unsigned char>(after[i]))) ++i;
  return std::pair{years, i};
}

// After a total: "over four years", "guaranteed over 4 years", "over 4yr", "over the
// next 4 years", "across four years", "over a four-year period".
std::optional<int> years_after(std::string_view after) {
  std::size_t i = 0;
  const auto skip = [&](std::string_view word) {
    if (after.substr(i).starts_with(word)) i += word.size();
  };
  skip(" ");
  skip("guaranteed ");
  skip("in total ");
  if (after.substr(i).starts_with("over ")) {
    i += 5;
  } else if (after.substr(i).starts_with("across ")) {
    i += 7;
  } else {
    return std::nullopt;
  }
  skip("the ");
  skip("next ");
  skip("a ");
  const auto years = years_at(after, i);
  if (!years) return std::nullopt;
  return years->first;
}

// Before a total, in its sentence: "Over four years, that comes to €250K", "a
// four-year total of €250K".
std::optional<int> years_before(std::string_view before) {
  for (const std::string_view lead : {"over ", "across ", "a ", "the "}) {
    for (auto at = before.find(lead); at != std::string_view::npos;
         at = before.find(lead, at + 1)) {
      if (at > 0 && std::isalpha(static_cast<unsigned char>(before[at - 1]))) continue;
      auto i = at + lead.size();
      if (before.substr(i).starts_with("the next ")) i += 9;
      const auto years = years_at(before, i);
      if (!years) continue;
      auto rest = core::trim(before.substr(years->second));
      // "over four years, that comes to" / "a four-year total of": the phrase must
      // lead straight to the total ("over four years, on top of a €90K base" does not).
      if (lead == "over " || lead == "across ") {
        if (rest.starts_with(",")) rest = core::trim(rest.substr(1));
        if (starts_with_any(rest, {"that", "it ", "it's", "this", "you get", "comes to", "totals",
                                   "adds up to"}) &&
            rest.size() < 32) {
          return years->first;
        }
      } else if (starts_with_any(rest, {"total of", "value of", "sum of"}) && rest.size() < 16) {
        return years->first;
      }
    }
  }
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

Parts parts_in(std::string_view lower, const std::vector<MoneyMention>& mentions, std::size_t from,
               std::size_t to) {
  Parts parts;
  for (const auto& mention : mentions) {
    if (mention.begin < from || mention.end > to || mention.in_range) continue;
    switch (classify(lower_after(lower, mention.end))) {
      case Part::base:
        if (!parts.base) parts.base = mention.money;
        break;
      case Part::yearly:
        if (!parts.yearly) {
          parts.yearly = mention.money;
          const auto after = lower_after(lower, mention.end);
          const auto unit_end = after.find_first_of(" ,.;", 1);
          const auto rest =
              unit_end == std::string_view::npos ? std::string_view() : after.substr(unit_end);
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

// Checks every sum and returns the totals it checked, so that a multi-year total
// may rest on one: "€100K + €15K + €40K = €155K a year. That's €620K over 4 years".
std::vector<MoneyMention> check_sums(std::string_view text,
                                     const std::vector<MoneyMention>& mentions, std::size_t line,
                                     const std::string& file, const core::Policy& policy,
                                     std::vector<Finding>& findings, ArithmeticCounts& counts) {
  std::vector<MoneyMention> totals;
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
    totals.push_back(total);
    first = last + 1;
  }
  return totals;
}

}  // namespace

void check_arithmetic(std::string_view text, std::size_t line, const std::string& file,
                      const core::Policy& policy, std::vector<Finding>& findings,
                      ArithmeticCounts& counts) {
  const auto mentions = find_money(text);
  if (mentions.empty()) return;
  const auto sums = check_sums(text, mentions, line, file, policy, findings, counts);

  const std::string lower = core::to_lower_ascii(text);
  const auto spans = split_sentences(text);
  for (std::size_t s = 0; s < spans.size(); ++s) {
    const auto [from, to] = spans[s];
    for (const auto& total : mentions) {
      if (total.begin < from || total.end > to || total.in_range) continue;
      auto years = years_after(lower_after(lower, total.end));
      if (!years) {
        years = years_before(std::string_view(lower).substr(from, total.begin - from));
      }
      if (!years) continue;
      // The parts: before the total in its sentence; what is missing there may be
      // stated in the sentence before ("€90K base. With €40K/year on top, that's...").
      auto parts = parts_in(lower, mentions, from, total.begin);
      if (s > 0) {
        const auto previous = parts_in(lower, mentions, spans[s - 1].first, spans[s - 1].second);
        if (!parts.base) parts.base = previous.base;
        if (!parts.yearly && !parts.grant_or_yearly) {
          parts.yearly = previous.yearly;
          parts.yearly_label = previous.yearly_label;
          parts.grant_or_yearly = previous.grant_or_yearly;
        }
      }
      if ((!parts.base && !parts.yearly && !parts.grant_or_yearly) ||
          !same_currency(parts, total.money.currency)) {
        continue;  // nothing stated beside it to recompute from
      }
      ++counts.checked;
      const auto stated = std::string(text.substr(total.begin, total.end - total.begin));
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
                        stated, n, how, how.empty() ? "" : " + ", show(*parts.grant_or_yearly),
                        show(core::Money{as_yearly, currency}), show(*parts.grant_or_yearly),
                        show(core::Money{as_grant, currency}))});
        continue;
      }
      if (matches(expected)) continue;
      // A year's figure that a checked sum states, in this sentence or the one
      // before: "... = €155K a year. That's €620K over 4 years".
      const auto parts_from = s > 0 ? spans[s - 1].first : from;
      if (std::any_of(sums.begin(), sums.end(), [&](const MoneyMention& sum) {
            return sum.begin >= parts_from && sum.end <= total.begin &&
                   sum.money.currency == currency &&
                   classify(lower_after(lower, sum.end)) == Part::yearly &&
                   matches(n * sum.money.amount);
          })) {
        continue;
      }
      // "€90K base with €40K/year in equity, €160K over four years": the total may be
      // the yearly figure's alone.
      if (parts.base && parts.yearly && matches(n * yearly)) {
        ++counts.ambiguous;
        continue;
      }
      findings.push_back(Finding{file, line, rule::multi_year_arithmetic, Severity::error,
                                 fmt::format("stated {}; {} x ({}) = {}", stated, n, how,
                                             show(core::Money{expected, currency}))});
    }
  }
}

}  // namespace negotiateup::audit
