#include "audit/guide_rules.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "audit/asks.hpp"
#include "audit/money_mentions.hpp"
#include "core/compensation.hpp"
#include "core/money.hpp"
#include "core/text.hpp"

namespace negotiateup::audit {
namespace {

using core::Money;

struct Context {
  const guide::ParsedGuide& guide;
  const std::string& file;
  const AuditSettings& settings;
  std::vector<Finding>& findings;

  void add(std::size_t line, std::string_view rule, Severity severity, std::string message) {
    findings.push_back(Finding{file, line, rule, severity, std::move(message)});
  }
  // The line of a front-matter key, else of the region's table row.
  std::size_t line_of(std::size_t region, std::string_view field) const {
    if (guide.has_front_matter) {
      if (const auto line =
              guide.front_matter_lines.of(fmt::format("compensation.{}.{}", region, field))) {
        return line;
      }
      return guide.front_matter_lines.of(fmt::format("compensation.{}", region));
    }
    return region < guide.body.table.size() ? guide.body.table[region].line : 0;
  }
};

std::string money(std::int64_t amount, const core::RegionCompensation& region) {
  if (!region.currency) return fmt::format("{}", amount);
  return core::format_compact(Money{amount, *region.currency});
}

void check_band_order(Context& c) {
  const auto& regions = c.guide.record.compensation;
  for (std::size_t i = 0; i < regions.size(); ++i) {
    const auto& r = regions[i];
    struct Pair {
      std::string_view name, low_field, high_field;
      const std::optional<std::int64_t>& low;
      const std::optional<std::int64_t>& high;
    };
    for (const auto& [name, low_field, high_field, low, high] :
         {Pair{"base", "base_low", "base_high", r.base_low, r.base_high},
          Pair{"stock", "stock_low", "stock_high", r.stock_low, r.stock_high},
          Pair{"total comp", "total_comp_low", "total_comp_high", r.total_comp_low,
               r.total_comp_high}}) {
      for (const auto& [value, field] :
           {std::pair{&low, low_field}, std::pair{&high, high_field}}) {
        if (*value && **value <= 0) {
          c.add(c.line_of(i, field), rule::band_order, Severity::error,
                fmt::format("{} of {} is {}; expected a figure above zero", name, r.region,
                            money(**value, r)));
        }
      }
      if (low && high && *low > *high) {
        c.add(c.line_of(i, low_field), rule::band_order, Severity::error,
              fmt::format("{} band of {} runs from {} down to {}; expected low <= high", name,
                          r.region, money(*low, r), money(*high, r)));
      }
    }
  }
}

void check_totals(Context& c) {
  const auto& policy = c.settings.policy;
  const auto& regions = c.guide.record.compensation;
  for (std::size_t i = 0; i < regions.size(); ++i) {
    const auto& r = regions[i];
    if (!r.base_low || !r.base_high || !r.stock_low || !r.stock_high) continue;
    const auto check = [&](const std::optional<std::int64_t>& stated, std::int64_t base,
                           std::int64_t stock, std::string_view field) {
      if (!stated) return;
      // Exact total, kept in hundredths of a unit to compare without rounding.
      const core::Policy exact_policy = [&] {
        auto p = policy;
        p.total_comp_step = 1;
        return p;
      }();
      const auto exact = core::total_comp(base, stock, r.bonus_pct, exact_policy);
      if (std::llabs(*stated - exact) < policy.total_comp_tolerance) return;
      const auto bonus =
          r.bonus_pct ? fmt::format(" + {}% bonus", core::format_percent(*r.bonus_pct)) : "";
      c.add(c.line_of(i, field), rule::total_comp_mismatch, Severity::error,
            fmt::format("{} total comp stated {}; {} base + {} stock / {} years{} = {}", r.region,
                        money(*stated, r), money(base, r), money(stock, r), policy.vesting_years,
                        bonus, money(exact, r)));
    };
    check(r.total_comp_low, *r.base_low, *r.stock_low, "total_comp_low");
    check(r.total_comp_high, *r.base_high, *r.stock_high, "total_comp_high");
  }
}

std::string expected_range(const std::optional<std::int64_t>& low,
                           const std::optional<std::int64_t>& high,
                           const std::optional<core::Currency>& currency) {
  if (!low || !high || !currency) return {};
  return core::format_compact_range(Money{*low, *currency}, Money{*high, *currency});
}

void check_table(Context& c) {
  if (!c.guide.has_front_matter) return;  // a body-only guide's table is its record
  const auto& regions = c.guide.record.compensation;
  const auto& rows = c.guide.body.table;
  const auto header = c.guide.body.line_of(guide::Section::band_table);
  for (std::size_t i = 0; i < regions.size(); ++i) {
    const auto& r = regions[i];
    const auto row = std::find_if(rows.begin(), rows.end(), [&](const guide::TableRow& t) {
      return t.figures.region == r.region;
    });
    if (row == rows.end()) {
      c.add(header, rule::table_mismatch, Severity::error,
            fmt::format("region {} of the front matter has no row in the table", r.region));
      continue;
    }
    const auto& t = row->figures;
    const auto compare = [&](std::string_view column, const std::optional<std::int64_t>& low,
                             const std::optional<std::int64_t>& high,
                             const std::optional<std::int64_t>& cell_low,
                             const std::optional<std::int64_t>& cell_high) {
      const auto want = expected_range(low, high, r.currency);
      const auto have = expected_range(cell_low, cell_high, t.currency);
      if (want == have) return;
      c.add(row->line, rule::table_mismatch, Severity::error,
            fmt::format("{} cell of {} is {}; the front matter gives {}", column, r.region,
                        have.empty() ? "no figures" : have, want.empty() ? "no figures" : want));
    };
    compare("Base Salary", r.base_low, r.base_high, t.base_low, t.base_high);
    compare("Equity", r.stock_low, r.stock_high, t.stock_low, t.stock_high);
    compare("Total Comp", r.total_comp_low, r.total_comp_high, t.total_comp_low, t.total_comp_high);
    if (r.bonus_pct != t.bonus_pct) {
      c.add(row->line, rule::table_mismatch, Severity::error,
            fmt::format("Bonus cell of {} is {}; the front matter gives {}", r.region,
                        t.bonus_pct ? core::format_percent(*t.bonus_pct) + "%" : "—",
                        r.bonus_pct ? core::format_percent(*r.bonus_pct) + "%" : "—"));
    }
  }
  for (const auto& row : rows) {
    const bool known = std::any_of(regions.begin(), regions.end(),
                                   [&](const auto& r) { return r.region == row.figures.region; });
    if (!known) {
      c.add(row.line, rule::table_mismatch, Severity::error,
            fmt::format("table row {} has no region in the front matter", row.figures.region));
    }
  }
  const auto kind = c.guide.body.equity_kind;
  if (kind != "Pre-IPO" && kind != "RSU") {
    c.add(header, rule::table_mismatch, Severity::error,
          fmt::format("equity column says {}; expected Pre-IPO or RSU", kind));
  }
}

void check_missing_data(Context& c) {
  const auto& regions = c.guide.record.compensation;
  for (std::size_t i = 0; i < regions.size(); ++i) {
    const auto& r = regions[i];
    if (r.base_low || r.base_high || r.stock_low || r.stock_high || r.total_comp_low) continue;
    const auto row = std::find_if(c.guide.body.table.begin(), c.guide.body.table.end(),
                                  [&](const auto& t) { return t.figures.region == r.region; });
    if (row != c.guide.body.table.end() && row->geo_rule) continue;
    c.add(c.line_of(i, "base_low"), rule::missing_data, Severity::info,
          fmt::format("{} has no figures and states no geo rule (such as 60–100% of another "
                      "region)",
                      r.region));
  }
}

void check_review(Context& c) {
  const auto& record = c.guide.record;
  const auto& lines = c.guide.front_matter_lines;
  const auto& policy = c.settings.policy;
  if (record.next_review_due && *record.next_review_due < c.settings.today) {
    c.add(lines.of("next_review_due"), rule::review_overdue, Severity::warning,
          fmt::format("next review was due {}; today is {}",
                      core::format_date(*record.next_review_due),
                      core::format_date(c.settings.today)));
  }
  if (record.last_updated && record.next_review_due) {
    const auto expected = core::add_months(*record.last_updated, policy.review_interval_months);
    if (*record.next_review_due != expected) {
      c.add(lines.of("next_review_due"), rule::review_date, Severity::warning,
            fmt::format("next_review_due is {}; last_updated {} + {} months = {}",
                        core::format_date(*record.next_review_due),
                        core::format_date(*record.last_updated), policy.review_interval_months,
                        core::format_date(expected)));
    }
  }
  if (record.last_updated && record.salary_data_quarter &&
      *record.salary_data_quarter > core::quarter_of(*record.last_updated)) {
    c.add(lines.of("salary_data_quarter"), rule::review_date, Severity::warning,
          fmt::format("salary_data_quarter {} is later than last_updated {}",
                      core::format_quarter(*record.salary_data_quarter),
                      core::format_date(*record.last_updated)));
  }
}

}  // namespace

void audit_guide(const guide::ParsedGuide& guide, const std::string& file,
                 const AuditSettings& settings, std::vector<Finding>& findings,
                 ArithmeticCounts& counts) {
  Context context{guide, file, settings, findings};
  check_band_order(context);
  check_totals(context);
  check_table(context);
  check_missing_data(context);
  check_review(context);
  check_asks(guide, file, findings);
  const auto table_line = guide.body.line_of(guide::Section::band_table);
  for (const auto& line : guide.body.lines) {
    // The table states bands, not arithmetic.
    if (line.line >= table_line && line.line < table_line + 2 + guide.body.table.size()) continue;
    check_arithmetic(line.text, line.line, file, settings.policy, findings, counts);
  }
}

}  // namespace negotiateup::audit
