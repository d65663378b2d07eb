#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "catalog/catalog_fields.hpp"
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

SourceLocation location(const Reader& reader, const yaml::Node& node) {
  return SourceLocation{reader.file(), reader.line_of(node)};
}

core::Percent percent_value(const Reader& reader, const yaml::Node& node, std::string_view key) {
  const auto value = reader.optional_percent(node, key);
  if (!value) reader.fail(node, fmt::format("expected '{}' to be a percentage", key));
  return *value;
}

// The keys each file and map accepts: those its struct's description names
// (catalog_fields.hpp).
struct Keys {
  using List = std::vector<std::string_view>;
  List policy, rounding, positions, audit, stages, stage, equity_risk, extra_ask, aggregation;
  List region, geo_rule, role, company, narrative, guide, level_mapping, equivalent, band;

  Keys() {
    using fields::keys_of;
    const core::Policy policy_sample;
    policy = keys_of(policy_sample);
    rounding = keys_of(policy_sample, "rounding");
    positions = keys_of(policy_sample, "positions");
    audit = keys_of(policy_sample, "audit");
    stages = keys_of(policy_sample, "stages");
    stage = keys_of(policy_sample.public_stage);
    equity_risk = keys_of(policy_sample.public_stage.equity_risk);
    extra_ask = keys_of(core::Policy::ExtraAsk{});
    aggregation = keys_of(policy_sample.aggregation);
    region = keys_of(Region{{}, {}, *core::Currency::from_code("EUR"), {}, {}, {}});
    geo_rule = keys_of(core::GeoRule{});
    role = keys_of(Role{});
    company = keys_of(Company{});
    narrative = keys_of(CompanyNarrative{});
    guide = keys_of(CompanyRole{});
    level_mapping = keys_of(LevelMapping{});
    equivalent = keys_of(LevelEquivalent{});
    band = keys_of(RegionBand{});
  }
};
// Built on first use: a namespace-scope object would be built before main, in no
// set order with the currency table it asks.
const Keys& keys() {
  static const Keys built;
  return built;
}

}  // namespace

namespace detail {

core::Policy read_policy(const fs::path& path) {
  core::Policy policy;
  if (!fs::exists(path)) return policy;
  const auto [reader, document, root] = open_document(path, "the negotiation policy");
  reader.check_keys(root, keys().policy, "the policy");
  const auto integer = [&](const yaml::Node& node, std::string_view key, auto& field,
                           std::int64_t min, std::int64_t max) {
    if (!yaml::is_null(node)) {
      field = static_cast<std::remove_reference_t<decltype(field)>>(
          reader.integer(node, key, min, max));
    }
  };
  integer(root["review_interval_months"], "review_interval_months", policy.review_interval_months,
          1, 60);
  integer(root["vesting_years"], "vesting_years", policy.vesting_years, 1, 10);
  if (const auto rounding = root["rounding"]; !yaml::is_null(rounding)) {
    reader.require_map(rounding, "'rounding'");
    reader.check_keys(rounding, keys().rounding, "'rounding'");
    integer(rounding["total_comp"], "total_comp", policy.total_comp_step, 1, 1'000'000);
    integer(rounding["ask"], "ask", policy.ask_step, 1, 1'000'000);
  }
  if (const auto positions = root["positions"]; !yaml::is_null(positions)) {
    reader.require_map(positions, "'positions'");
    reader.check_keys(positions, keys().positions, "'positions'");
    const auto position = [&](std::string_view key, core::Percent& field) {
      const auto node = positions[std::string(key)];
      if (yaml::is_null(node)) return;
      field = percent_value(reader, node, key);
      if (field > core::Percent::whole(100)) {
        reader.fail(node,
                    fmt::format("expected '{}' between 0 and 100 (percent of the band)", key));
      }
    };
    position("base_ask", policy.base_ask);
    position("equity_ask", policy.equity_ask);
    position("base_floor", policy.base_floor);
    position("equity_floor", policy.equity_floor);
    position("equity_target", policy.equity_target);
    position("equity_premium_ask", policy.equity_premium_ask);
    position("upper_equity_band_from", policy.upper_equity_band_from);
    position("competing_offer", policy.competing_offer);
  }
  if (const auto node = root["signing_bonus_of_base_ask"]; !yaml::is_null(node)) {
    policy.signing_bonus_of_base_ask = percent_value(reader, node, "signing_bonus_of_base_ask");
  }
  if (const auto stages = root["stages"]; !yaml::is_null(stages)) {
    reader.require_map(stages, "'stages'");
    reader.check_keys(stages, keys().stages, "'stages'");
    for (const auto stage_value :
         {core::CompanyStage::public_company, core::CompanyStage::late_stage,
          core::CompanyStage::early_stage}) {
      const auto name = std::string(core::to_string(stage_value));
      const auto node = stages[name];
      if (yaml::is_null(node)) continue;
      reader.require_map(node, "'" + name + "'");
      reader.check_keys(node, keys().stage, "a stage");
      auto& stage = policy.stage(stage_value);
      if (const auto risk = node["equity_risk"]; !yaml::is_null(risk)) {
        reader.require_map(risk, "'equity_risk'");
        reader.check_keys(risk, keys().equity_risk, "'equity_risk'");
        auto& r = stage.equity_risk;
        for (const auto& [key, field] : {std::pair{"liquidity", &r.liquidity},
                                         {"volatility", &r.volatility},
                                         {"drift", &r.drift},
                                         {"exit_multiple", &r.exit_multiple},
                                         {"dilution", &r.dilution}}) {
          if (const auto value = risk[key]; !yaml::is_null(value))
            *field = percent_value(reader, value, key);
        }
        if (r.liquidity > core::Percent::whole(100) || r.dilution >= core::Percent::whole(100)) {
          reader.fail(risk, "expected liquidity up to 100 and dilution below 100 (percent)");
        }
      }
      if (const auto asks = node["asks"]; !yaml::is_null(asks)) {
        reader.require_sequence(asks, "'asks'");
        stage.asks.clear();
        for (const auto& item : asks.items()) {
          reader.require_map(item, "an ask");
          reader.check_keys(item, keys().extra_ask, "an ask");
          stage.asks.push_back({reader.string(reader.required(item, "id", "an ask"), "id"),
                                reader.string(reader.required(item, "text", "an ask"), "text")});
        }
      }
    }
  }
  if (const auto aggregate = root["aggregate"]; !yaml::is_null(aggregate)) {
    reader.require_map(aggregate, "'aggregate'");
    reader.check_keys(aggregate, keys().aggregation, "'aggregate'");
    auto& a = policy.aggregation;
    for (const auto& [key, field] : {std::pair{"band_low", &a.band_low},
                                     {"band_high", &a.band_high},
                                     {"outlier_fence", &a.outlier_fence}}) {
      if (const auto node = aggregate[key]; !yaml::is_null(node))
        *field = percent_value(reader, node, key);
    }
    if (a.band_low >= a.band_high || a.band_high > core::Percent::whole(100)) {
      reader.fail(aggregate, "expected band_low below band_high, both percentiles from 0 to 100");
    }
    integer(aggregate["band_step"], "band_step", a.band_step, 1, 1'000'000);
    integer(aggregate["min_points"], "min_points", a.min_points, 1, 1'000'000);
    integer(aggregate["high_points"], "high_points", a.high_points, 1, 1'000'000);
    integer(aggregate["high_sources"], "high_sources", a.high_sources, 1, 1'000);
    integer(aggregate["recent_quarters"], "recent_quarters", a.recent_quarters, 1, 400);
    integer(aggregate["medium_points"], "medium_points", a.medium_points, 1, 1'000'000);
  }
  if (const auto audit = root["audit"]; !yaml::is_null(audit)) {
    reader.require_map(audit, "'audit'");
    reader.check_keys(audit, keys().audit, "'audit'");
    integer(audit["total_comp_tolerance"], "total_comp_tolerance", policy.total_comp_tolerance, 0,
            1'000'000);
  }
  return policy;
}

core::ExchangeRates read_rates(const fs::path& path) {
  core::ExchangeRates rates;
  if (!fs::exists(path)) return rates;
  const auto [reader, document, root] = open_document(path, "exchange rates");
  reader.check_keys(root, {"date", "base", "rates"}, "exchange rates");
  rates.date = reader.optional_date(root["date"], "date");
  const auto base_node = reader.required(root, "base", "exchange rates");
  rates.base = core::Currency::from_code(reader.string(base_node, "base"));
  if (!rates.base) reader.fail(base_node, "expected 'base' to be an ISO 4217 code such as USD");
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

Region read_region(const fs::path& path) {
  const auto [reader, document, root] = open_document(path, "a region");
  reader.check_keys(root, keys().region, "a region");
  const auto currency_node = reader.required(root, "currency", "a region");
  const auto code = reader.string(currency_node, "currency");
  const auto currency = core::Currency::from_code(code);
  if (!currency) {
    reader.fail(currency_node,
                fmt::format("expected an ISO 4217 currency code such as EUR, not '{}'", code));
  }
  Region region{slug_of(path), reader.string(reader.required(root, "name", "a region"), "name"),
                *currency,     reader.string_list(root["aliases"], "aliases"),
                std::nullopt,  location(reader, root)};
  if (const auto rule = root["geo_rule"]; !yaml::is_null(rule)) {
    reader.require_map(rule, "'geo_rule'");
    reader.check_keys(rule, keys().geo_rule, "'geo_rule'");
    const auto share = reader.required(rule, "share", "'geo_rule'");
    if (!share.IsSequence() || share.size() != 2) {
      reader.fail(share, "expected 'share' as [low, high] percent, e.g. [60, 100]");
    }
    core::GeoRule geo{reader.string(reader.required(rule, "of", "'geo_rule'"), "of"),
                      percent_value(reader, share[0], "share"),
                      percent_value(reader, share[1], "share"), true};
    if (const auto same = rule["same_equity"]; !yaml::is_null(same)) {
      if (same.Scalar() != "true" && same.Scalar() != "false") {
        reader.fail(same, "expected 'same_equity' to be true or false");
      }
      geo.same_equity = same.Scalar() == "true";
    }
    region.geo_rule = std::move(geo);
  }
  return region;
}

Role read_role(const fs::path& path) {
  const auto [reader, document, root] = open_document(path, "a role");
  reader.check_keys(root, keys().role, "a role");
  const auto family_node = reader.required(root, "family", "a role");
  const auto family_name = reader.string(family_node, "family");
  const auto family = core::parse_role_family(family_name);
  if (!family) {
    reader.fail(family_node, fmt::format("expected 'family' to be {}, not '{}'",
                                         core::role_family_names(), family_name));
  }
  return Role{slug_of(path), reader.string(reader.required(root, "name", "a role"), "name"),
              *family, location(reader, root)};
}

Company read_company(const fs::path& path) {
  const auto [reader, document, root] = open_document(path, "a company");
  reader.check_keys(root, keys().company, "a company");
  Company company;
  company.slug = slug_of(path);
  company.name = reader.string(reader.required(root, "name", "a company"), "name");
  const auto stage_node = reader.required(root, "stage", "a company");
  const auto stage = reader.string(stage_node, "stage");
  const auto parsed_stage = core::parse_company_stage(stage);
  if (!parsed_stage) {
    reader.fail(stage_node, fmt::format("expected 'stage' to be {}, not '{}'",
                                        core::company_stage_names(), stage));
  }
  company.stage = *parsed_stage;
  company.aliases = reader.string_list(root["aliases"], "aliases");
  company.dna_summary = reader.optional_string(root["dna_summary"], "dna_summary");
  company.peers = reader.string_list(root["peers"], "peers");
  company.anchor_region = reader.optional_string(root["anchor_region"], "anchor_region");
  if (const auto narrative = root["narrative"]; !yaml::is_null(narrative)) {
    reader.require_map(narrative, "'narrative'");
    reader.check_keys(narrative, keys().narrative, "'narrative'");
    // A literal block (|) keeps its last line break; prose is joined into
    // sentences, so it is trimmed.
    const auto prose = [&](std::string_view key) -> std::optional<std::string> {
      auto text = reader.optional_string(narrative[std::string(key)], key);
      if (text) text = std::string(core::trim(*text));
      return text;
    };
    company.narrative.dna = prose("dna");
    company.narrative.leverage_title = prose("leverage_title");
    company.narrative.leverage = prose("leverage");
    company.narrative.script = prose("script");
  }
  company.source = location(reader, root);
  return company;
}

std::optional<core::Band> read_range(const Reader& reader, const yaml::Node& node,
                                     std::string_view key) {
  if (yaml::is_null(node)) return std::nullopt;
  if (!node.IsSequence() || node.size() != 2) {
    reader.fail(node, fmt::format("expected '{}' as [low, high], e.g. [78000, 105000]", key));
  }
  return core::Band{reader.integer(node[0], key, 0, 1'000'000'000'000),
                    reader.integer(node[1], key, 0, 1'000'000'000'000)};
}

RegionBand read_band(const Reader& reader, const yaml::Node& node) {
  reader.require_map(node, "a band");
  reader.check_keys(node, keys().band, "a band");
  RegionBand band;
  band.region = reader.string(reader.required(node, "region", "a band"), "region");
  band.base = read_range(reader, node["base"], "base");
  band.stock = read_range(reader, node["stock"], "stock");
  band.bonus_pct = reader.optional_percent(node["bonus_pct"], "bonus_pct");
  if (const auto quarter = node["quarter"]; !yaml::is_null(quarter)) {
    const auto parsed = core::parse_quarter(reader.string(quarter, "quarter"));
    if (!parsed) reader.fail(quarter, fmt::format("expected 'quarter' to be {}", parsed.error()));
    band.quarter = *parsed;
  }
  if (const auto quality = node["quality"]; !yaml::is_null(quality)) {
    band.quality = core::parse_data_quality(reader.string(quality, "quality"));
    if (!band.quality) {
      reader.fail(quality, "expected 'quality' to be high, medium, low or illustrative");
    }
  }
  band.sources = reader.string_list(node["sources"], "sources");
  if (const auto points = node["points"]; !yaml::is_null(points)) {
    band.points = reader.integer(points, "points", 0, 1'000'000'000);
  }
  band.source = location(reader, node);
  return band;
}

CompanyRole read_guide(const fs::path& path, std::string company) {
  const auto [reader, document, root] = open_document(path, "a guide's bands and level mapping");
  reader.check_keys(root, keys().guide, "a guide entry");
  CompanyRole guide;
  guide.company = std::move(company);
  guide.role = slug_of(path);
  guide.last_updated = reader.optional_date(root["last_updated"], "last_updated");
  if (const auto mapping = root["level_mapping"]; !yaml::is_null(mapping)) {
    reader.require_map(mapping, "'level_mapping'");
    reader.check_keys(mapping, keys().level_mapping, "'level_mapping'");
    guide.level_mapping.internal = reader.optional_string(mapping["internal"], "internal");
    guide.level_mapping.raw = reader.optional_string(mapping["raw"], "raw");
    if (const auto equivalents = mapping["equivalents"]; !yaml::is_null(equivalents)) {
      reader.require_sequence(equivalents, "'equivalents'");
      for (const auto& item : equivalents.items()) {
        reader.require_map(item, "a level equivalent");
        reader.check_keys(item, keys().equivalent, "a level equivalent");
        guide.level_mapping.equivalents.push_back(LevelEquivalent{
            reader.string(reader.required(item, "company", "a level equivalent"), "company"),
            reader.string(reader.required(item, "level", "a level equivalent"), "level"),
            reader.string_list(item["regions"], "regions")});
      }
    }
  }
  const auto bands = reader.required(root, "bands", "a guide entry");
  reader.require_sequence(bands, "'bands' (one per region)");
  for (const auto& band : bands.items()) guide.bands.push_back(read_band(reader, band));
  guide.source = location(reader, root);
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
  return {};
}

}  // namespace negotiateup::catalog
