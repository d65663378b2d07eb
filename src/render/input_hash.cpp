#include "render/input_hash.hpp"

#include <xxhash.h>

#include <string>
#include <string_view>

#include "catalog/catalog_fields.hpp"
#include "catalog/guide_inputs.hpp"

namespace negotiateup::render {
namespace {

using catalog::fields::Field;
using catalog::fields::Rendered;

// Feeds values with their length, so that ("ab", "c") and ("a", "bc") differ.
// The bytes are gathered and hashed at once: the same hash as feeding XXH3's
// streaming state value by value, without its cost per call (hundreds per guide).
// Catalog structs are fed through their descriptions (catalog/catalog_fields.hpp):
// every field but those marked Rendered::no, and no read locations.
class Hasher {
 public:
  Hasher() { bytes_.reserve(4096); }
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  void add(std::string_view text) {
    add(static_cast<std::int64_t>(text.size()));
    bytes_.append(text);
  }
  void add(const std::string& text) { add(std::string_view(text)); }
  void add(std::int64_t value) {
    bytes_.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  void add(int value) { add(std::int64_t{value}); }
  void add(bool value) { add(std::int64_t{value}); }
  template <typename Enum>
  requires std::is_enum_v<Enum>
  void add(Enum value) { add(static_cast<std::int64_t>(value)); }
  template <typename T>
  void add(const std::optional<T>& value) {
    add(value.has_value());
    if (value) add(*value);
  }
  template <typename T>
  void add(const std::vector<T>& values) {
    add(static_cast<std::int64_t>(values.size()));
    for (const auto& value : values) add(value);
  }
  void add(const core::Band& band) {
    add(band.low);
    add(band.high);
  }
  void add(core::Percent percent) { add(percent.hundredths); }
  void add(core::Date date) {
    add(static_cast<std::int64_t>(std::chrono::sys_days(date).time_since_epoch().count()));
  }
  void add(core::Quarter quarter) {
    add(quarter.year);
    add(quarter.number);
  }
  void add(core::Currency currency) { add(currency.code()); }
  template <catalog::fields::Described T>
  void add(const T& value) {
    catalog::fields::visit(*this, value);
  }

  // The description's calls.
  template <typename T>
  void operator()(const Field& field, const T& value) {
    if (field.rendered == Rendered::yes) add(value);
  }
  template <typename T>
  void range(const Field& field, const T& low, const T& high) {
    if (field.rendered == Rendered::no) return;
    add(low);
    add(high);
  }
  template <typename Fill>
  void group(const Field& field, Fill&& fill) {
    if (field.rendered == Rendered::yes) fill();
  }
  void path_part(const std::string& slug) { add(slug); }
  void location(const catalog::SourceLocation&) {}  // where it was read changes no page

  std::uint64_t digest() const { return XXH3_64bits(bytes_.data(), bytes_.size()); }

  // An entry the catalog does not have (the checks let no build reach one).
  template <typename T>
  void add_entry(const T* entry) {
    entry ? add(*entry) : add(std::string_view("?"));
  }

 private:
  std::string bytes_;
};

// Hashes what catalog::for_each_input lists, in its order.
struct InputsHashed {
  Hasher& hash;
  core::Date today;

  void policy(const core::Policy& policy) { hash.add(policy); }
  void guide(const catalog::CompanyRole& guide) {
    if (!guide.last_updated) hash.add(today);  // it stands in for the missing date
    hash.add(guide);
  }
  void company(const catalog::Company* company) { hash.add_entry(company); }
  void role(const catalog::Role* role) { hash.add_entry(role); }
  void region(const catalog::Region* region) { hash.add_entry(region); }
  void peer_guide(const catalog::CompanyRole& guide) { hash.add(guide); }
  void market_band(const catalog::MarketBand& band) { hash.add(band); }
  void rates(const core::ExchangeRates& rates) {
    hash.add(rates.date);
    hash.add(rates.base);
    for (const auto& [code, rate] : rates.per_base_millionths) {
      hash.add(code);
      hash.add(rate);
    }
  }
};

}  // namespace

std::uint64_t guide_input_hash(const catalog::Lookup& lookup, const catalog::CompanyRole& entry,
                               std::uint64_t templates_digest, core::Date today) {
  Hasher hash;
  hash.add(static_cast<std::int64_t>(templates_digest));
  InputsHashed inputs{hash, today};
  catalog::for_each_input(lookup, entry, inputs);
  return hash.digest();
}

}  // namespace negotiateup::render
