#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "catalog/level_roles.hpp"
#include "catalog/name_resolver.hpp"
#include "core/currency.hpp"
#include "core/string_map.hpp"
#include "store/store.hpp"

namespace negotiateup::aggregate {

// One point of the window, converted to its region's currency, as the grouping
// keeps it: 40 bytes, so that ten million fit in 400 MB.
struct GroupedRow {
  std::uint64_t key;  // company, role and region ids (Grouping::key)
  std::int64_t base;
  std::int64_t stock_per_year;
  std::int64_t bonus;
  std::int32_t days;  // the date, in days since 1970-01-01
  std::uint32_t source;
};

// The rows in blocks of a million, so that growing never copies what is kept
// (a vector doubling its 400 MB would copy and fault in as much again).
class RowBlocks {
 public:
  void push_back(const GroupedRow& row) {
    if (size_ % kBlock == 0)
      blocks_.push_back(std::make_unique_for_overwrite<GroupedRow[]>(kBlock));
    blocks_.back()[size_ % kBlock] = row;
    ++size_;
  }
  const GroupedRow& operator[](std::size_t i) const {
    return blocks_[i >> kShift][i & (kBlock - 1)];
  }
  std::size_t size() const { return size_; }
  void clear() {
    blocks_.clear();
    size_ = 0;
  }

 private:
  static constexpr int kShift = 20;
  static constexpr std::size_t kBlock = std::size_t{1} << kShift;
  std::vector<std::unique_ptr<GroupedRow[]>> blocks_;
  std::size_t size_ = 0;
};

// The stored names of one dimension (companies, roles or regions) and what each
// means in the catalog: every spelling of a catalog entry gets the entry's id.
struct Dimension {
  core::StringMap<std::uint32_t> by_stored_name;
  core::StringMap<std::uint32_t> by_name;
  std::vector<std::string> names;  // by id: the catalog slug, or the name as stored
  std::vector<bool> in_catalog;    // by id
  std::string last_name;           // rows often repeat the previous row's name
  std::uint32_t last_id = ~0u;
};

// Reads the window's points into one flat array, with three small dictionaries
// instead of a string key per row, then orders them by group with a counting sort.
class Grouping {
 public:
  explicit Grouping(const catalog::Catalog& catalog);

  // Each call is one stored point. Points with a base of 0, or in a currency the
  // catalog cannot convert, are counted and left out.
  void add(const store::StoredFigures& row);

  // A point's company, role and region ids in the dimensions below, as add() gives
  // them (each distinct name resolved once), without adding the point: review
  // asks what a submission's names mean the way aggregate will read them.
  struct Ids {
    std::uint32_t company;
    std::uint32_t role;
    std::uint32_t region;
  };
  Ids resolve(const store::StoredFigures& row);

  // A group: the rows order()[begin, end) share company, role and region.
  struct Run {
    std::uint32_t company;
    std::uint32_t role;
    std::uint32_t region;
    std::size_t begin;
    std::size_t end;
  };
  // Orders the rows by group (stable: a group keeps the order of the scan) and
  // returns the groups sorted by company, role and region name.
  std::vector<Run> runs();

  const RowBlocks& rows() const { return rows_; }
  // Frees the rows once the groups' statistics are made.
  void release_rows() {
    rows_.clear();
    std::vector<std::uint32_t>().swap(order_);
  }
  const std::vector<std::uint32_t>& order() const { return order_; }
  const Dimension& companies() const { return companies_; }
  const Dimension& roles() const { return roles_; }
  const Dimension& regions() const { return regions_; }
  std::optional<core::Currency> region_currency(std::uint32_t region) const {
    return region_currency_[region];
  }
  // The name of a row's source: a data provider's, or the submissions' for a
  // submission's own id.
  std::string_view source_name(std::uint32_t id) const {
    return (id & kOwnSource) != 0 ? store::kSubmissionSource : std::string_view(source_names_[id]);
  }

  std::size_t points_read = 0;
  std::size_t zero_base = 0;
  std::map<std::string, std::size_t> no_rate;

 private:
  // A provider's id, by its name; each approved submission gets an id of its own
  // (kOwnSource set): a person's report, one source each for the policy's
  // max_source_share, where a provider's thousands of points are one.
  std::uint32_t source_id(std::string_view source);
  static constexpr std::uint32_t kOwnSource = 1u << 31;
  std::uint32_t next_own_source_ = 0;
  std::string_view family_role(std::uint32_t company, std::string_view level,
                               std::string_view family);
  bool convert(std::string_view code, core::Currency to, GroupedRow& row);

  const catalog::Catalog& catalog_;
  catalog::NameResolver names_;
  catalog::LevelRoles level_roles_;
  // "company\x1flevel\x1ffamily" -> the role the level mappings give, or the family.
  core::StringMap<std::string> family_roles_;
  std::string family_key_;
  Dimension companies_;
  Dimension roles_;
  Dimension regions_;
  // By region id: the catalog region's currency, or for a region the catalog does
  // not know, that of its first point with a valid one.
  std::vector<std::optional<core::Currency>> region_currency_;
  core::StringMap<std::uint32_t> source_ids_;
  std::vector<std::string> source_names_;
  std::uint32_t last_source_ = ~0u;
  RowBlocks rows_;
  std::vector<std::uint32_t> order_;
};

}  // namespace negotiateup::aggregate
