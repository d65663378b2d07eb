#include "aggregate/grouping.hpp"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <stdexcept>

#include "core/money.hpp"
#include "core/text.hpp"

namespace negotiateup::aggregate {
namespace {

// A group's key: 24 bits of company id, 20 of role id, 20 of region id.
constexpr int kRoleShift = 20;
constexpr int kCompanyShift = 40;
constexpr std::uint64_t kIdMask = (std::uint64_t{1} << 20) - 1;

std::uint64_t key_of(std::uint32_t company, std::uint32_t role, std::uint32_t region) {
  if (company >= (1u << 24) || role > kIdMask || region > kIdMask) {
    throw std::length_error("more than 16 million companies or a million roles or regions");
  }
  return (std::uint64_t{company} << kCompanyShift) | (std::uint64_t{role} << kRoleShift) | region;
}

// The id of `name` in `dimension`; `resolve` gives a new name's catalog entry
// (its slug, and whether the catalog has it) the first time it is seen.
template <typename Resolve>
std::uint32_t id_of(Dimension& dimension, std::string_view name, Resolve resolve,
                    bool& added_entry) {
  added_entry = false;
  if (dimension.last_id != ~0u && name == dimension.last_name) return dimension.last_id;
  std::uint32_t id = 0;
  if (const auto found = dimension.by_stored_name.find(name);
      found != dimension.by_stored_name.end()) {
    id = found->second;
  } else {
    const auto [canonical, known] = resolve(name);
    const auto [entry, added] = dimension.by_name.try_emplace(
        canonical, static_cast<std::uint32_t>(dimension.names.size()));
    if (added) {
      dimension.names.push_back(canonical);
      dimension.in_catalog.push_back(known);
      added_entry = true;
    }
    id = entry->second;
    dimension.by_stored_name.emplace(std::string(name), id);
  }
  dimension.last_name.assign(name);
  dimension.last_id = id;
  return id;
}

// The rank of each id when the names are sorted.
std::vector<std::uint32_t> ranks(const Dimension& dimension) {
  std::vector<std::uint32_t> ids(dimension.names.size());
  std::iota(ids.begin(), ids.end(), 0u);
  std::sort(ids.begin(), ids.end(), [&](std::uint32_t a, std::uint32_t b) {
    return dimension.names[a] < dimension.names[b];
  });
  std::vector<std::uint32_t> rank(ids.size());
  for (std::uint32_t r = 0; r < ids.size(); ++r) rank[ids[r]] = r;
  return rank;
}

}  // namespace

Grouping::Grouping(const catalog::Catalog& catalog)
    : catalog_(catalog), names_(catalog), level_roles_(catalog) {}

void Grouping::add(const store::StoredFigures& row) {
  ++points_read;
  if (row.base == 0) {
    ++zero_base;
    return;
  }
  const auto [company, role, region] = resolve(row);
  auto& currency = region_currency_[region];
  if (!currency) currency = core::Currency::from_code(row.currency);
  GroupedRow grouped{
      key_of(company, role, region),
      row.base,
      row.stock_per_year,
      row.bonus,
      static_cast<std::int32_t>(std::chrono::sys_days(row.date).time_since_epoch().count()),
      source_id(row.source)};
  if (!currency || (row.currency != currency->code() && !convert(row.currency, *currency, grouped)))
    return;
  rows_.push_back(grouped);
}

Grouping::Ids Grouping::resolve(const store::StoredFigures& row) {
  // Ingest may have kept a name as the file spelled it: any spelling the catalog's
  // resolver knows means that entry. Each distinct name is resolved once (id_of).
  const auto resolved = [](const auto* entry, std::string_view name) {
    return entry ? std::pair{entry->slug, true} : std::pair{std::string(name), false};
  };
  bool added = false;
  const auto company = id_of(
      companies_, row.company,
      [&](std::string_view name) { return resolved(names_.company(name), name); }, added);
  // A profile's ingest stores a family of roles ("a|b|c") when the catalog did not
  // know the company or its level yet: the level mappings choose now, if they can.
  const auto role_name = row.role.find('|') == std::string_view::npos
                             ? row.role
                             : family_role(company, row.level, row.role);
  const auto role = id_of(
      roles_, role_name, [&](std::string_view name) { return resolved(names_.role(name), name); },
      added);
  const catalog::Region* region_entry = nullptr;
  const auto region = id_of(
      regions_, row.region,
      [&](std::string_view name) {
        region_entry = names_.region(name);
        return resolved(region_entry, name);
      },
      added);
  if (added) {
    region_currency_.push_back(region_entry ? std::optional(region_entry->currency) : std::nullopt);
  }
  return {company, role, region};
}

bool Grouping::convert(std::string_view code, core::Currency to, GroupedRow& row) {
  const auto from = core::Currency::from_code(code);
  if (!from || !catalog_.rates.has(*from) || !catalog_.rates.has(to)) {
    ++no_rate[std::string(code)];
    return false;
  }
  for (auto* amount : {&row.base, &row.stock_per_year, &row.bonus}) {
    *amount = catalog_.rates.convert(core::Money{*amount, *from}, to)->amount;
  }
  return true;
}

std::string_view Grouping::family_role(std::uint32_t company, std::string_view level,
                                       std::string_view family) {
  if (!companies_.in_catalog[company]) return family;
  catalog::LevelRoles::level_key(companies_.names[company], level, family_key_);
  family_key_.push_back('\x1f');
  family_key_ += family;
  if (const auto found = family_roles_.find(std::string_view(family_key_));
      found != family_roles_.end())
    return found->second;
  std::vector<std::uint32_t> ids;
  for (const auto slug : core::split(family, "|")) {
    if (const auto id = level_roles_.role_id(slug)) ids.push_back(*id);
  }
  const auto level_key =
      std::string_view(family_key_).substr(0, family_key_.size() - family.size() - 1);
  const auto role = level_roles_.role(level_key, ids);
  return family_roles_
      .emplace(family_key_, role ? level_roles_.role_slug(*role) : std::string(family))
      .first->second;
}

std::uint32_t Grouping::source_id(std::string_view source) {
  if (source == store::kSubmissionSource) return kOwnSource | next_own_source_++;
  if (last_source_ < source_names_.size() && source_names_[last_source_] == source)
    return last_source_;
  const auto [found, added] = source_ids_.try_emplace(
      std::string(source), static_cast<std::uint32_t>(source_names_.size()));
  if (added) source_names_.emplace_back(source);
  last_source_ = found->second;
  return last_source_;
}

std::vector<Grouping::Run> Grouping::runs() {
  const std::uint64_t roles = roles_.names.size();
  const std::uint64_t regions = regions_.names.size();
  const std::uint64_t cells = companies_.names.size() * roles * regions;
  const auto decode = [](std::uint64_t key) {
    return std::tuple{static_cast<std::uint32_t>(key >> kCompanyShift),
                      static_cast<std::uint32_t>((key >> kRoleShift) & kIdMask),
                      static_cast<std::uint32_t>(key & kIdMask)};
  };
  std::vector<Run> found;
  order_.resize(rows_.size());
  if (cells <= std::max<std::uint64_t>(rows_.size(), 1 << 16) * 4) {
    // Few enough groups for a counting sort over every company x role x region.
    const auto cell = [&](const GroupedRow& row) {
      const auto [company, role, region] = decode(row.key);
      return (company * roles + role) * regions + region;
    };
    std::vector<std::size_t> starts(cells + 1, 0);
    for (std::size_t i = 0; i < rows_.size(); ++i) ++starts[cell(rows_[i]) + 1];
    std::partial_sum(starts.begin(), starts.end(), starts.begin());
    std::vector<std::size_t> next(starts.begin(), starts.end() - 1);
    for (std::uint32_t i = 0; i < rows_.size(); ++i) order_[next[cell(rows_[i])]++] = i;
    for (std::uint64_t c = 0; c < cells; ++c) {
      if (starts[c] == starts[c + 1]) continue;
      found.push_back({static_cast<std::uint32_t>(c / (roles * regions)),
                       static_cast<std::uint32_t>(c / regions % roles),
                       static_cast<std::uint32_t>(c % regions), starts[c], starts[c + 1]});
    }
  } else {
    std::iota(order_.begin(), order_.end(), 0u);
    std::stable_sort(order_.begin(), order_.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return rows_[a].key < rows_[b].key; });
    for (std::size_t begin = 0; begin < order_.size();) {
      auto end = begin + 1;
      while (end < order_.size() && rows_[order_[end]].key == rows_[order_[begin]].key) ++end;
      const auto [company, role, region] = decode(rows_[order_[begin]].key);
      found.push_back({company, role, region, begin, end});
      begin = end;
    }
  }
  const auto company_rank = ranks(companies_);
  const auto role_rank = ranks(roles_);
  const auto region_rank = ranks(regions_);
  std::sort(found.begin(), found.end(), [&](const Run& a, const Run& b) {
    return std::tuple{company_rank[a.company], role_rank[a.role], region_rank[a.region]} <
           std::tuple{company_rank[b.company], role_rank[b.role], region_rank[b.region]};
  });
  return found;
}

}  // namespace negotiateup::aggregate
