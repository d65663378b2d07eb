#include "audit/asks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "audit/money_mentions.hpp"
#include "core/money.hpp"
#include "core/text.hpp"

namespace negotiateup::audit {
namespace {

struct MainRegion {
  const core::RegionCompensation* figures;
};

enum class Kind { base, equity };

struct Stated {
  std::size_t line;
  std::int64_t amount;
  bool floor;
};

bool contains_any(std::string_view text, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return text.find(w) != std::string_view::npos; });
}

std::optional<Kind> kind_after(std::string_view after) {
  // "€100K / $225K base", "€175K+ / $310K+ in pre-IPO equity", "€190K over 4 years".
  std::string_view rest = after;
  while (!rest.empty() && (rest.front() == '+' || rest.front() == ' ')) rest.remove_prefix(1);
  if (rest.starts_with("or more ")) rest.remove_prefix(8);
  if (rest.starts_with("base")) return Kind::base;
  if (rest.starts_with("in equity") || rest.starts_with("equity") ||
      rest.starts_with("in pre-ipo") || rest.starts_with("pre-ipo") || rest.starts_with("in rsu") ||
      rest.starts_with("rsu") || rest.starts_with("over ") || rest.starts_with("in stock")) {
    return Kind::equity;
  }
  return std::nullopt;
}

}  // namespace

void check_asks(const guide::ParsedGuide& guide, const std::string& file,
                std::vector<Finding>& findings) {
  // Every region with its own figures: a list of asks ("€100K / $225K") names
  // them in the table's order.
  std::vector<const core::RegionCompensation*> main;
  for (const auto& region : guide.record.compensation) {
    if (region.base_low && region.base_high && region.stock_low && region.stock_high &&
        region.currency) {
      main.push_back(&region);
    }
  }
  if (main.empty()) return;

  std::vector<guide::NumberedItem> items = guide.body.levers;
  if (guide.body.strategy) items.push_back(*guide.body.strategy);
  // Per region and kind, what was asked and what is the floor.
  std::map<std::pair<const core::RegionCompensation*, Kind>, std::vector<Stated>> stated;

  for (const auto& item : items) {
    const std::string lower = core::to_lower_ascii(item.text);
    // "**Competing Offer Framing (Paris):**": the lever's own region, if any.
    const core::RegionCompensation* titled = nullptr;
    if (const auto close = item.text.find(":**"); close != std::string::npos) {
      const auto title = std::string_view(item.text).substr(0, close);
      for (const auto* region : main) {
        if (title.find("(" + region->region + ")") != std::string_view::npos) titled = region;
      }
    }
    const auto mentions = find_money(item.text);
    for (const auto& [from, to] : split_sentences(item.text)) {
      const auto sentence = std::string_view(lower).substr(from, to - from);
      // Competing offers and their totals are the peer's figures; the signing bonus
      // and refreshes have no band.
      if (contains_any(sentence, {"offer", "that's", "that is", "competing", "signing", "bonus",
                                  "refresh", "premium argument"})) {
        continue;
      }
      // "accept-at floor", "the lowest I can accept"; not "willing to accept a lower base".
      const bool floor = contains_any(sentence, {"floor", "lowest", "at least", "minimum",
                                                 "can accept", "could accept", "would accept"});
      for (std::size_t i = 0; i < mentions.size();) {
        if (mentions[i].begin < from || mentions[i].end > to || mentions[i].in_range) {
          ++i;
          continue;
        }
        std::size_t last = i;
        while (last + 1 < mentions.size() && mentions[last + 1].end <= to && [&] {
          auto between = core::trim(std::string_view(item.text).substr(
              mentions[last].end, mentions[last + 1].begin - mentions[last].end));
          return between == "/" || between == "+ /";
        }()) {
          ++last;
        }
        const auto kind = kind_after(std::string_view(lower).substr(mentions[last].end));
        const std::size_t count = last - i + 1;
        if (kind) {
          for (std::size_t k = 0; k < count; ++k) {
            const auto& mention = mentions[i + k];
            const core::RegionCompensation* region = nullptr;
            if (count == main.size()) {
              region = main[k];
            } else if (count == 1) {
              std::vector<const core::RegionCompensation*> same_currency;
              for (const auto* r : main) {
                if (*r->currency == mention.money.currency) same_currency.push_back(r);
              }
              if (same_currency.size() == 1) region = same_currency.front();
              if (same_currency.size() > 1 && titled) region = titled;
            }
            if (!region || *region->currency != mention.money.currency) continue;
            stated[{region, *kind}].push_back(Stated{item.line, mention.money.amount, floor});
          }
        }
        i = last + 1;
      }
    }
  }

  for (const auto& [key, values] : stated) {
    const auto& [region, kind] = key;
    const auto low = kind == Kind::base ? *region->base_low : *region->stock_low;
    const auto high = kind == Kind::base ? *region->base_high : *region->stock_high;
    const auto currency = *region->currency;
    const auto show = [&](std::int64_t amount) {
      return core::format_compact(core::Money{amount, currency});
    };
    const std::string_view what = kind == Kind::base ? "base" : "equity";
    for (const auto& value : values) {
      if (value.amount < low || value.amount > high) {
        findings.push_back(Finding{
            file, value.line, rule::ask_outside_band, Severity::warning,
            fmt::format("{} {} {} for {} is outside its band {}", value.floor ? "floor" : "ask",
                        what, show(value.amount), region->region,
                        core::format_compact_range(core::Money{low, currency},
                                                   core::Money{high, currency}))});
      }
    }
    for (const auto& floor : values) {
      if (!floor.floor) continue;
      for (const auto& ask : values) {
        if (ask.floor || floor.amount <= ask.amount) continue;
        findings.push_back(
            Finding{file, floor.line, rule::ask_outside_band, Severity::warning,
                    fmt::format("floor {} {} for {} is above the ask {}", what, show(floor.amount),
                                region->region, show(ask.amount))});
      }
    }
  }
}

}  // namespace negotiateup::audit
