#pragma once

#include <cstddef>
#include <expected>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/data_point.hpp"

namespace negotiateup::store {

// Where data points are kept: SQLite embedded (the default) or PostgreSQL shared.
// Both have the same schema, upgraded by versioned migrations when opened.
class Store {
 public:
  virtual ~Store() = default;

  // One file's points, all or none: nothing is visible to others, or kept after a
  // crash, until commit().
  class Batch {
   public:
    virtual ~Batch() = default;
    // False when a point with the same content hash is already stored.
    virtual bool add(const core::DataPoint& point, std::string_view content_hash) = 0;
    virtual void commit() = 0;  // a batch not committed is rolled back when destroyed
  };

  virtual std::unique_ptr<Batch> begin() = 0;
  virtual std::size_t count() = 0;
  virtual void for_each(const std::function<void(const core::DataPoint&)>& visit) = 0;
  virtual int schema_version() = 0;
};

// "sqlite:PATH"; more backends to come ("postgresql://..."). Errors say what is
// wrong with the URL or the database.
std::expected<std::unique_ptr<Store>, std::string> open_store(std::string_view url);

}  // namespace negotiateup::store
