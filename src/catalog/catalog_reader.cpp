#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <unordered_set>

#include "catalog/catalog_field_reader.hpp"
#include "catalog/catalog_files.hpp"
#include "catalog/catalog_reading.hpp"
#include "catalog/lookup.hpp"
#include "core/text.hpp"
#include "io/read_file.hpp"
#include "yaml/yaml_reader.hpp"

namespace negotiateup::catalog {
namespace {

namespace fs = std::filesystem;
using yaml::Reader;

// Catalog files are small; a larger one is a mistake, not a catalog file.
constexpr std::uintmax_t kMaxCatalogFileBytes = 1024 * 1024;

std::string read_text(const fs::path& path) {
  std::error_code error;
  const auto size = fs::file_size(path, error);
  if (error) throw yaml::ReadError({path.string(), 0, "cannot be read: " + error.message()});
  if (size > kMaxCatalogFileBytes) {
    throw yaml::ReadError({path.string(), 0,
                           fmt::format("file is {} bytes; expected a catalog file of at most {}",
                                       size, kMaxCatalogFileBytes)});
  }
  auto text = io::read_file(path);
  if (!text) throw yaml::ReadError({path.string(), 0, "cannot be opened for reading"});
  return std::move(*text);
}

std::string slug_of(const fs::path& path) {
  auto slug = path.stem().string();
  if (!core::is_slug(slug)) {
    throw yaml::ReadError({path.string(), 0,
                           fmt::format("file name '{}' is not a slug; expected lower-case a-z, "
                                       "0-9 and '-', then .yaml",
                                       path.filename().string())});
  }
  return slug;
}

struct OpenDocument {
  Reader reader;
  std::unique_ptr<yaml::Document> document;  // owns what `root` points into
  yaml::Node root;
};

OpenDocument open_document(const fs::path& path, std::string_view what) {
  Reader reader(path.string(), 1);
  auto document = std::make_unique<yaml::Document>(reader.load(read_text(path)));
  const auto root = document->root();
  if (yaml::is_null(root)) reader.fail_at(1, fmt::format("file is empty; expected {}", what));
  reader.require_map(root, what);
  return OpenDocument{std::move(reader), std::move(document), root};
}

}  // namespace

namespace detail {

core::Policy read_policy(const fs::path& path) {
  core::Policy policy;
  if (!fs::exists(path)) return policy;
  const auto [reader, document, root] = open_document(path, "the negotiation policy");
  FieldReader(reader, root, "the policy").read(policy);
  return policy;
}

// Read by hand, not from a description: the keys of its table are data (any ISO
// 4217 code), not a struct's fields, and its values are millionths kept as plain
// integers, whose text only core::parse_millionths knows. The writer writes it by
// hand too, and neither the cache nor the input hash holds rates.
core::ExchangeRates read_rates(const fs::path& path) {
  core::ExchangeRates rates;
  if (!fs::exists(path)) return rates;
  const auto [reader, document, root] = open_document(path, "exchange rates");
  reader.check_keys(root, {"date", "base", "rates"}, "exchange rates");
  rates.date = reader.optional_date(root["date"], "date");
  auto base = *core::Currency::from_code("USD");  // until the file's, which is required
  read_value(reader, reader.required(root, "base", "exchange rates"), Field{.key = "base"}, base);
  rates.base = base;
  const auto table = reader.required(root, "rates", "exchange rates");
  reader.require_map(table, "'rates' (units of each currency for one unit of the base)");
  for (const auto& [code, value] : table.entries()) {
    if (!core::Currency::from_code(code.Scalar())) {
      reader.fail(code,
                  fmt::format("expected an ISO 4217 code such as EUR, not '{}'", code.Scalar()));
    }
    const auto rate = core::parse_millionths(value.Scalar());
    if (!rate) reader.fail(value, fmt::format("expected {}", rate.error()));
    rates.per_base_millionths[code.Scalar()] = *rate;
  }
  return rates;
}

MarketBands read_market(const fs::path& path) {
  const auto [reader, document, root] = open_document(path, "market reference bands");
  MarketBands market;
  FieldReader(reader, root, "the market bands").read(market);
  return market;
}

Region read_region(const fs::path& path) {
  std::string parts[] = {slug_of(path)};
  const auto [reader, document, root] = open_document(path, "a region");
  // A Currency is always one; the file's, which is required, replaces this one.
  Region region{{}, {}, *core::Currency::from_code("USD"), {}, {}, {}};
  FieldReader(reader, root, "a region", parts).read(region);
  return region;
}

Role read_role(const fs::path& path) {
  std::string parts[] = {slug_of(path)};
  const auto [reader, document, root] = open_document(path, "a role");
  Role role;
  FieldReader(reader, root, "a role", parts).read(role);
  return role;
}

Company read_company(const fs::path& path) {
  std::string parts[] = {slug_of(path)};
  const auto [reader, document, root] = open_document(path, "a company");
  Company company;
  FieldReader(reader, root, "a company", parts).read(company);
  return company;
}

CompanyRole read_guide(const fs::path& path, std::string company) {
  std::string parts[] = {std::move(company), slug_of(path)};
  const auto [reader, document, root] = open_document(path, "a guide's bands and level mapping");
  CompanyRole guide;
  FieldReader(reader, root, "a guide entry", parts).read(guide);
  return guide;
}

}  // namespace detail

namespace {

core::Diagnostic at(const SourceLocation& source, std::string message) {
  return core::Diagnostic{source.file, source.line, std::move(message)};
}

// Guide files are most of a catalog (100,000 in a large one): read in parallel.
std::vector<CompanyRole> read_guides(const std::vector<detail::GuideFile>& files, core::Jobs jobs) {
  return detail::read_guides(
      files.size(), jobs, [&](std::size_t i) { return files[i].path; },
      [&](std::size_t i) { return detail::read_guide(files[i].path, files[i].company); });
}

// A market band names a role and a region of the catalog, in the region's
// currency, once per role and region.
std::expected<void, core::Diagnostic> validate_market(const Lookup& lookup,
                                                      const MarketBands& market) {
  std::unordered_set<std::string> seen;  // "role/region"
  for (const auto& band : market.bands) {
    if (!lookup.role(band.role)) {
      return std::unexpected(at(band.source, fmt::format("unknown role '{}'; expected a file "
                                                         "roles/{}.yaml",
                                                         band.role, band.role)));
    }
    const auto* region = lookup.region(band.region);
    if (!region) {
      return std::unexpected(at(band.source, fmt::format("unknown region '{}'; expected a file "
                                                         "regions/{}.yaml",
                                                         band.region, band.region)));
    }
    if (band.currency != region->currency) {
      return std::unexpected(at(
          band.source, fmt::format("market band in {} for region '{}'; expected its currency, {}",
                                   band.currency.code(), band.region, region->currency.code())));
    }
    for (const auto& [name, range] :
         {std::pair{"base", std::optional(band.base)}, {"total", band.total}}) {
      if (range && range->low > range->high) {
        return std::unexpected(
            at(band.source, fmt::format("market {} band of role '{}' in '{}' has low {} above "
                                        "high {}; expected low <= high",
                                        name, band.role, band.region, range->low, range->high)));
      }
    }
    if (!seen.insert(band.role + '/' + band.region).second) {
      return std::unexpected(at(band.source, fmt::format("second market band for role '{}' in "
                                                         "'{}'; expected one per role and region",
                                                         band.role, band.region)));
    }
  }
  return {};
}

}  // namespace

std::expected<Catalog, core::Diagnostic> load_catalog(const std::filesystem::path& folder,
                                                      core::Jobs jobs) {
  Catalog catalog;
  if (!fs::exists(folder)) return catalog;
  if (!fs::is_directory(folder)) {
    return std::unexpected(core::Diagnostic{folder.string(), 0, "expected a catalog folder"});
  }
  try {
    const auto listing = detail::list_catalog(folder, jobs);
    if (listing.policy) catalog.policy = detail::read_policy(*listing.policy);
    if (listing.rates) catalog.rates = detail::read_rates(*listing.rates);
    if (listing.market) catalog.market = detail::read_market(*listing.market);
    for (const auto& path : listing.regions) catalog.regions.push_back(detail::read_region(path));
    for (const auto& path : listing.roles) catalog.roles.push_back(detail::read_role(path));
    for (const auto& path : listing.companies) {
      catalog.companies.push_back(detail::read_company(path));
    }
    catalog.guides = read_guides(listing.guides, jobs);
  } catch (const yaml::ReadError& error) {
    return std::unexpected(error.diagnostic());
  } catch (const fs::filesystem_error& error) {
    return std::unexpected(core::Diagnostic{error.path1().string(), 0, error.what()});
  }
  if (auto valid = validate_catalog(catalog); !valid) return std::unexpected(valid.error());
  return catalog;
}

std::expected<void, core::Diagnostic> validate_catalog(const Catalog& catalog) {
  const Lookup lookup(catalog);
  for (const auto& clash : lookup.names().clashes()) {
    const auto kind = to_string(clash.kind);
    return std::unexpected(
        at(clash.source, fmt::format("{} '{}' is named '{}', and so is {} '{}'; expected each "
                                     "slug, name and alias to mean one {} (names are compared "
                                     "ignoring case, accents and punctuation)",
                                     kind, clash.second, clash.name, kind, clash.first, kind)));
  }
  for (const auto& region : catalog.regions) {
    if (!region.geo_rule) continue;
    const auto* reference = lookup.region(region.geo_rule->reference_region);
    if (!reference) {
      return std::unexpected(
          at(region.source, fmt::format("geo rule of region '{}' refers to "
                                        "unknown region '{}'; expected a file "
                                        "regions/{}.yaml",
                                        region.slug, region.geo_rule->reference_region,
                                        region.geo_rule->reference_region)));
    }
    if (reference->geo_rule) {
      return std::unexpected(
          at(region.source, fmt::format("geo rule of region '{}' refers to '{}', which has a "
                                        "geo rule itself; expected a region with figures",
                                        region.slug, reference->slug)));
    }
    if (region.geo_rule->low_share > region.geo_rule->high_share) {
      return std::unexpected(at(region.source, "geo rule share: expected low <= high"));
    }
  }
  for (const auto& company : catalog.companies) {
    if (company.anchor_region && !lookup.region(*company.anchor_region)) {
      return std::unexpected(
          at(company.source,
             fmt::format("anchor_region '{}' of company '{}' is not a region of the "
                         "catalog; expected a file regions/{}.yaml",
                         *company.anchor_region, company.slug, *company.anchor_region)));
    }
    for (const auto& peer : company.peers) {
      if (!lookup.company(peer) || peer == company.slug) {
        return std::unexpected(
            at(company.source, fmt::format("peer '{}' of company '{}' is not another company "
                                           "of the catalog; expected a file companies/{}.yaml",
                                           peer, company.slug, peer)));
      }
    }
  }
  for (const auto& guide : catalog.guides) {
    if (!lookup.company(guide.company)) {
      return std::unexpected(at(guide.source, fmt::format("unknown company '{}'; expected a file "
                                                          "companies/{}.yaml",
                                                          guide.company, guide.company)));
    }
    if (!lookup.role(guide.role)) {
      return std::unexpected(at(guide.source, fmt::format("unknown role '{}'; expected a file "
                                                          "roles/{}.yaml",
                                                          guide.role, guide.role)));
    }
    for (const auto& equivalent : guide.level_mapping.equivalents) {
      if (!lookup.company(equivalent.company)) {
        return std::unexpected(
            at(guide.source,
               fmt::format("level equivalent names unknown company '{}'", equivalent.company)));
      }
      for (const auto& region : equivalent.regions) {
        if (!lookup.region(region)) {
          return std::unexpected(
              at(guide.source, fmt::format("level equivalent names unknown region '{}'", region)));
        }
      }
    }
    for (std::size_t i = 0; i < guide.bands.size(); ++i) {
      const auto& band = guide.bands[i];
      if (!lookup.region(band.region)) {
        return std::unexpected(at(band.source, fmt::format("unknown region '{}'; expected a file "
                                                           "regions/{}.yaml",
                                                           band.region, band.region)));
      }
      for (std::size_t j = 0; j < i; ++j) {
        if (guide.bands[j].region == band.region) {
          return std::unexpected(at(band.source, fmt::format("second band for region '{}'; "
                                                             "expected one band per region",
                                                             band.region)));
        }
      }
      for (const auto& [name, range] : {std::pair{"base", band.base}, {"stock", band.stock}}) {
        if (range && range->low > range->high) {
          return std::unexpected(
              at(band.source, fmt::format("{} band of region '{}' has low {} above high {}; "
                                          "expected low <= high",
                                          name, band.region, range->low, range->high)));
        }
      }
    }
  }
  return validate_market(lookup, catalog.market);
}

}  // namespace negotiateup::catalog
