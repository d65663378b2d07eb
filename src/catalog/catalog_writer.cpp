#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "catalog/catalog_files.hpp"
#include "yaml/yaml_writer.hpp"

namespace negotiateup::catalog {
namespace {

namespace fs = std::filesystem;

class Writer {
 public:
  Writer() {
    out_.SetNullFormat(YAML::LowerNull);
    out_ << YAML::BeginMap;
  }

  Writer& string(std::string_view key, const std::string& value) {
    out_ << YAML::Key << std::string(key) << YAML::Value;
    yaml::emit_string(out_, value);
    return *this;
  }
  Writer& optional_string(std::string_view key, const std::optional<std::string>& value) {
    if (value) return string(key, *value);
    out_ << YAML::Key << std::string(key) << YAML::Value << YAML::Null;
    return *this;
  }
  Writer& plain(std::string_view key, const std::string& value) {
    out_ << YAML::Key << std::string(key) << YAML::Value << value;
    return *this;
  }
  // Short lists on one line: "aliases: [NYC]".
  Writer& flow_list(std::string_view key, const std::vector<std::string>& values) {
    out_ << YAML::Key << std::string(key) << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto& value : values) yaml::emit_string(out_, value);
    out_ << YAML::EndSeq;
    return *this;
  }
  YAML::Emitter& emitter() { return out_; }

  std::string finish() {
    out_ << YAML::EndMap;
    return std::string(out_.c_str()) + "\n";
  }

 private:
  YAML::Emitter out_;
};

std::string policy_file(const core::Policy& policy) {
  Writer writer;
  auto& out = writer.emitter();
  out << YAML::Key << "review_interval_months" << YAML::Value << policy.review_interval_months;
  out << YAML::Key << "vesting_years" << YAML::Value << policy.vesting_years;
  out << YAML::Key << "rounding" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "total_comp" << YAML::Value << policy.total_comp_step;
  out << YAML::Key << "ask" << YAML::Value << policy.ask_step;
  out << YAML::EndMap;
  out << YAML::Key << "positions" << YAML::Value << YAML::BeginMap;
  for (const auto& [key, value] : {std::pair{"base_ask", policy.base_ask},
                                   {"equity_ask", policy.equity_ask},
                                   {"base_floor", policy.base_floor},
                                   {"equity_floor", policy.equity_floor},
                                   {"equity_target", policy.equity_target},
                                   {"equity_premium_ask", policy.equity_premium_ask},
                                   {"upper_equity_band_from", policy.upper_equity_band_from},
                                   {"competing_offer", policy.competing_offer}}) {
    out << YAML::Key << key << YAML::Value << core::format_percent(value);
  }
  out << YAML::EndMap;
  out << YAML::Key << "signing_bonus_of_base_ask" << YAML::Value
      << core::format_percent(policy.signing_bonus_of_base_ask);
  out << YAML::Key << "equity_risk" << YAML::Value << YAML::BeginMap;
  const auto& risk = policy.equity_risk;
  for (const auto& [key, value] : {std::pair{"public_volatility", risk.public_volatility},
                                   {"public_drift", risk.public_drift},
                                   {"private_liquidity", risk.private_liquidity},
                                   {"private_exit_multiple", risk.private_exit_multiple},
                                   {"private_exit_volatility", risk.private_exit_volatility},
                                   {"private_dilution", risk.private_dilution}}) {
    out << YAML::Key << key << YAML::Value << core::format_percent(value);
  }
  out << YAML::EndMap;
  const auto& aggregation = policy.aggregation;
  out << YAML::Key << "aggregate" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "band_low" << YAML::Value << core::format_percent(aggregation.band_low);
  out << YAML::Key << "band_high" << YAML::Value << core::format_percent(aggregation.band_high);
  out << YAML::Key << "band_step" << YAML::Value << aggregation.band_step;
  out << YAML::Key << "outlier_fence" << YAML::Value
      << core::format_percent(aggregation.outlier_fence);
  for (const auto& [key, value] : {std::pair{"min_points", aggregation.min_points},
                                   {"high_points", aggregation.high_points},
                                   {"high_sources", aggregation.high_sources},
                                   {"recent_quarters", aggregation.recent_quarters},
                                   {"medium_points", aggregation.medium_points}}) {
    out << YAML::Key << key << YAML::Value << value;
  }
  out << YAML::EndMap;
  out << YAML::Key << "audit" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "total_comp_tolerance" << YAML::Value << policy.total_comp_tolerance;
  out << YAML::EndMap;
  return "# Where asks, floors and targets sit in a band (percent from its low to its high)\n"
         "# and how figures are rounded. See docs/policy.md.\n" +
         writer.finish();
}

std::string rates_file(const core::ExchangeRates& rates) {
  Writer writer;
  auto& out = writer.emitter();
  out << YAML::Key << "date" << YAML::Value;
  rates.date ? void(out << core::format_date(*rates.date)) : void(out << YAML::Null);
  out << YAML::Key << "base" << YAML::Value << std::string(rates.base->code());
  out << YAML::Key << "rates" << YAML::Value << YAML::BeginMap;
  for (const auto& [code, millionths] : rates.per_base_millionths) {
    auto text = fmt::format("{}.{:06}", millionths / 1'000'000, millionths % 1'000'000);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    out << YAML::Key << code << YAML::Value << text;
  }
  out << YAML::EndMap;
  return "# Units of each currency for one unit of the base, on that date.\n" + writer.finish();
}

std::string region_file(const Region& region) {
  Writer writer;
  writer.string("name", region.name).plain("currency", std::string(region.currency.code()));
  if (!region.aliases.empty()) writer.flow_list("aliases", region.aliases);
  if (region.geo_rule) {
    auto& out = writer.emitter();
    out << YAML::Key << "geo_rule" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "of" << YAML::Value << region.geo_rule->reference_region;
    out << YAML::Key << "share" << YAML::Value << YAML::Flow << YAML::BeginSeq
        << core::format_percent(region.geo_rule->low_share)
        << core::format_percent(region.geo_rule->high_share) << YAML::EndSeq;
    out << YAML::Key << "same_equity" << YAML::Value << region.geo_rule->same_equity;
    out << YAML::EndMap;
  }
  return writer.finish();
}

std::string role_file(const Role& role) {
  Writer writer;
  writer.string("name", role.name).plain("role_type", std::string(core::to_string(role.type)));
  return writer.finish();
}

std::string company_file(const Company& company) {
  Writer writer;
  writer.string("name", company.name).plain("stage", std::string(to_string(company.stage)));
  if (!company.aliases.empty()) writer.flow_list("aliases", company.aliases);
  if (company.dna_summary) writer.string("dna_summary", *company.dna_summary);
  if (!company.peers.empty()) writer.flow_list("peers", company.peers);
  const auto& narrative = company.narrative;
  if (narrative.dna || narrative.leverage_title || narrative.leverage || narrative.script) {
    auto& out = writer.emitter();
    out << YAML::Key << "narrative" << YAML::Value << YAML::BeginMap;
    for (const auto& [key, value] : {std::pair{"dna", &narrative.dna},
                                     {"leverage_title", &narrative.leverage_title},
                                     {"leverage", &narrative.leverage},
                                     {"script", &narrative.script}}) {
      if (!*value) continue;
      out << YAML::Key << key << YAML::Value;
      // Paragraphs read best as literal blocks in a diff.
      if ((*value)->size() > 80) out << YAML::Literal;
      out << **value;
    }
    out << YAML::EndMap;
  }
  return writer.finish();
}

void emit_range(YAML::Emitter& out, std::string_view key, const std::optional<core::Band>& range) {
  out << YAML::Key << std::string(key) << YAML::Value;
  if (range) {
    out << YAML::Flow << YAML::BeginSeq << range->low << range->high << YAML::EndSeq;
  } else {
    out << YAML::Null;
  }
}

std::string guide_file(const CompanyRole& guide) {
  Writer writer;
  auto& out = writer.emitter();
  out << YAML::Key << "last_updated" << YAML::Value;
  if (guide.last_updated) {
    out << core::format_date(*guide.last_updated);
  } else {
    out << YAML::Null;
  }
  out << YAML::Key << "level_mapping" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "internal" << YAML::Value;
  guide.level_mapping.internal ? yaml::emit_string(out, *guide.level_mapping.internal)
                               : void(out << YAML::Null);
  out << YAML::Key << "raw" << YAML::Value;
  guide.level_mapping.raw ? yaml::emit_string(out, *guide.level_mapping.raw)
                          : void(out << YAML::Null);
  if (!guide.level_mapping.equivalents.empty()) {
    out << YAML::Key << "equivalents" << YAML::Value << YAML::BeginSeq;
    for (const auto& equivalent : guide.level_mapping.equivalents) {
      out << YAML::BeginMap << YAML::Key << "company" << YAML::Value << equivalent.company
          << YAML::Key << "level" << YAML::Value;
      yaml::emit_string(out, equivalent.level);
      if (!equivalent.regions.empty()) {
        out << YAML::Key << "regions" << YAML::Value << YAML::Flow << equivalent.regions;
      }
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  out << YAML::EndMap;
  out << YAML::Key << "bands" << YAML::Value << YAML::BeginSeq;
  for (const auto& band : guide.bands) {
    out << YAML::BeginMap << YAML::Key << "region" << YAML::Value << band.region;
    if (band.has_figures() || band.quarter || band.quality || !band.sources.empty()) {
      emit_range(out, "base", band.base);
      emit_range(out, "stock", band.stock);
      out << YAML::Key << "bonus_pct" << YAML::Value;
      band.bonus_pct ? void(out << core::format_percent(*band.bonus_pct)) : void(out << YAML::Null);
      out << YAML::Key << "quarter" << YAML::Value;
      band.quarter ? void(out << core::format_quarter(*band.quarter)) : void(out << YAML::Null);
      out << YAML::Key << "quality" << YAML::Value;
      band.quality ? void(out << std::string(core::to_string(*band.quality)))
                   : void(out << YAML::Null);
      out << YAML::Key << "sources" << YAML::Value << YAML::Flow << YAML::BeginSeq;
      for (const auto& source : band.sources) yaml::emit_string(out, source);
      out << YAML::EndSeq;
    }
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  return writer.finish();
}

}  // namespace

std::vector<io::FileContent> catalog_files(const Catalog& catalog, const fs::path& folder) {
  std::vector<io::FileContent> files;
  files.push_back({folder / "policy.yaml", policy_file(catalog.policy)});
  if (catalog.rates.base) files.push_back({folder / "rates.yaml", rates_file(catalog.rates)});
  for (const auto& region : catalog.regions) {
    files.push_back({folder / "regions" / (region.slug + ".yaml"), region_file(region)});
  }
  for (const auto& role : catalog.roles) {
    files.push_back({folder / "roles" / (role.slug + ".yaml"), role_file(role)});
  }
  for (const auto& company : catalog.companies) {
    files.push_back({folder / "companies" / (company.slug + ".yaml"), company_file(company)});
  }
  for (const auto& guide : catalog.guides) {
    files.push_back(
        {folder / "guides" / guide.company / (guide.role + ".yaml"), guide_file(guide)});
  }
  return files;
}

core::Result<SaveSummary> save_catalog(const Catalog& catalog, const fs::path& folder) {
  const auto files = catalog_files(catalog, folder);
  const auto written = io::write_changed_files_atomically(files);
  if (!written) return std::unexpected(written.error());
  SaveSummary summary;
  summary.written = *written;
  summary.unchanged = files.size() - *written;
  return summary;
}

}  // namespace negotiateup::catalog
