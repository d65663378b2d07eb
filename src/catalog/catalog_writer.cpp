#include <fmt/format.h>

#include <stdexcept>

#include "catalog/catalog_fields.hpp"
#include "catalog/catalog_files.hpp"
#include "yaml/yaml_writer.hpp"

namespace negotiateup::catalog {
namespace {

namespace fs = std::filesystem;

// Writes a described struct (catalog_fields.hpp) as one YAML file: its fields in
// their order, each as its description says.
class Writer {
 public:
  template <typename T>
  std::string file(const T& value) {
    map(value, Shape::full);
    return out_.document();
  }

  template <typename T>
  void operator()(const Field& field, const T& value) {
    if (field.when_empty == WhenEmpty::omit && fields::is_empty(value)) return;
    out_.key(field.key);
    write(field, value);
  }
  template <typename T>
  void range(const Field& field, const T& low, const T& high) {
    out_.key(field.key);
    out_.begin_flow_list();
    write(field, low);
    write(field, high);
    out_.end_list();
  }
  template <typename Fill>
  void group(const Field& field, Fill&& fill) {
    out_.key(field.key);
    out_.begin_map();
    fill();
    out_.end_map();
  }
  void path_part(const std::string&) {}  // the file's path says it
  void location(const SourceLocation&) {}

 private:
  // Writes the first field of a struct, and nothing after it.
  class FirstField {
   public:
    explicit FirstField(Writer& writer) : writer_(writer) {}
    template <typename T>
    void operator()(const Field& field, const T& value) {
      if (!done_) writer_(field, value);
      done_ = true;
    }
    template <typename T>
    void range(const Field& field, const T& low, const T& high) {
      if (!done_) writer_.range(field, low, high);
      done_ = true;
    }
    template <typename Fill>
    void group(const Field&, Fill&&) {
      throw std::logic_error("a struct written bare starts with a field, not a group");
    }
    void path_part(const std::string&) {}
    void location(const SourceLocation&) {}

   private:
    Writer& writer_;
    bool done_ = false;
  };

  // Whether every field after the first is empty.
  class RestEmpty {
   public:
    template <typename T>
    void operator()(const Field&, const T& value) {
      if (seen_++ > 0) empty_ = empty_ && fields::is_empty(value);
    }
    template <typename T>
    void range(const Field&, const T&, const T&) {
      if (seen_++ > 0) empty_ = false;
    }
    template <typename Fill>
    void group(const Field&, Fill&& fill) {
      fill();
    }
    void path_part(const std::string&) {}
    void location(const SourceLocation&) {}
    bool empty() const { return empty_; }

   private:
    int seen_ = 0;
    bool empty_ = true;
  };

  template <typename T>
  void map(const T& value, Shape shape) {
    out_.begin_map();
    RestEmpty rest;
    if (shape == Shape::bare_when_empty) fields::visit(rest, value);
    if (shape == Shape::bare_when_empty && rest.empty()) {
      FirstField first(*this);
      fields::visit(first, value);
    } else {
      fields::visit(*this, value);
    }
    out_.end_map();
  }

  void write(const Field& field, const std::string& text) {
    switch (field.style) {
      case Style::house:
        return out_.text(text, yaml::Quoting::house);
      case Style::prose:
        return out_.text(
            text, text.size() > 80 ? yaml::Quoting::literal : yaml::Quoting::plain_when_valid);
      case Style::plain:
        return out_.text(text);
    }
  }
  void write(const Field&, bool value) { out_.boolean(value); }
  void write(const Field&, int value) { out_.number(value); }
  void write(const Field&, std::int64_t value) { out_.number(value); }
  void write(const Field&, core::Percent value) { out_.text(core::format_percent(value)); }
  void write(const Field&, const core::Band& band) {
    out_.begin_flow_list();
    out_.number(band.low);
    out_.number(band.high);
    out_.end_list();
  }
  void write(const Field&, core::Date date) { out_.text(core::format_date(date)); }
  void write(const Field&, core::Quarter quarter) { out_.text(core::format_quarter(quarter)); }
  void write(const Field&, core::Currency currency) { out_.text(currency.code()); }
  template <core::Named Enum>
  void write(const Field&, Enum value) {
    out_.text(core::name_of(value));
  }
  template <typename T>
  void write(const Field& field, const std::optional<T>& value) {
    if (!value) {
      out_.null();
    } else {
      write(field, *value);
    }
  }
  // Short lists on one line: "aliases: [NYC]"; lists of maps as blocks.
  template <typename T>
  void write(const Field& field, const std::vector<T>& values) {
    if constexpr (fields::Described<T>) {
      out_.begin_list();
      for (const auto& value : values) map(value, field.shape);
    } else {
      out_.begin_flow_list();
      for (const auto& value : values) write(field, value);
    }
    out_.end_list();
  }
  template <fields::Described T>
  void write(const Field& field, const T& value) {
    map(value, field.shape);
  }

  yaml::Writer out_;
};

std::string policy_file(const core::Policy& policy) {
  return "# Where asks, floors and targets sit in a band (percent from its low to its high)\n"
         "# and how figures are rounded. See docs/policy.md.\n" +
         Writer().file(policy);
}

std::string rates_file(const core::ExchangeRates& rates) {
  yaml::Writer out;
  out.begin_map();
  out.key("date");
  rates.date ? out.text(core::format_date(*rates.date)) : out.null();
  out.key("base");
  out.text(rates.base->code());
  out.key("rates");
  out.begin_map();
  for (const auto& [code, millionths] : rates.per_base_millionths) {
    auto text = fmt::format("{}.{:06}", millionths / 1'000'000, millionths % 1'000'000);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    out.key(code);
    out.text(text);
  }
  out.end_map();
  out.end_map();
  return "# Units of each currency for one unit of the base, on that date.\n" + out.document();
}

std::string market_file(const MarketBands& market) {
  return "# Market reference bands: what employers across the market pay a role in a\n"
         "# region, from market-wide data points. Written by aggregate; see docs/catalog.md.\n" +
         Writer().file(market);
}

}  // namespace

std::vector<io::FileContent> catalog_files(const Catalog& catalog, const fs::path& folder) {
  std::vector<io::FileContent> files;
  files.push_back({folder / "policy.yaml", policy_file(catalog.policy)});
  if (catalog.rates.base) files.push_back({folder / "rates.yaml", rates_file(catalog.rates)});
  if (!catalog.market.bands.empty()) {
    files.push_back({folder / "market.yaml", market_file(catalog.market)});
  }
  for (const auto& region : catalog.regions) {
    files.push_back({folder / "regions" / (region.slug + ".yaml"), Writer().file(region)});
  }
  for (const auto& role : catalog.roles) {
    files.push_back({folder / "roles" / (role.slug + ".yaml"), Writer().file(role)});
  }
  for (const auto& company : catalog.companies) {
    files.push_back({folder / "companies" / (company.slug + ".yaml"), Writer().file(company)});
  }
  for (const auto& guide : catalog.guides) {
    files.push_back(
        {folder / "guides" / guide.company / (guide.role + ".yaml"), Writer().file(guide)});
  }
  return files;
}

core::Result<SaveSummary> save_catalog(const Catalog& catalog, const fs::path& folder) {
  const auto files = catalog_files(catalog, folder);
  const auto written =
      io::write_files_atomically(folder, files, io::Durability::flushed, /*only_changed=*/true);
  if (!written) return std::unexpected(written.error());
  SaveSummary summary;
  summary.written = *written;
  summary.unchanged = files.size() - *written;
  return summary;
}

}  // namespace negotiateup::catalog
