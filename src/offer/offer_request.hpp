#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/currency.hpp"
#include "core/diagnostic.hpp"
#include "core/percent.hpp"

namespace negotiateup::offer {

enum class EquityType { public_rsu, private_rsu, private_options };
enum class VestingFrequency { yearly, quarterly, monthly };

struct Equity {
  EquityType type = EquityType::public_rsu;
  std::int64_t grant_value = 0;  // the whole grant, in the offer's currency
  int vesting_years = 4;
  int cliff_months = 12;
  std::vector<core::Percent> schedule;  // one share a year, summing to 100
  VestingFrequency frequency = VestingFrequency::monthly;
  // Options only.
  std::optional<std::int64_t> share_count;
  std::optional<std::int64_t> strike_price_cents;     // per share, in hundredths of a unit
  std::optional<std::int64_t> preferred_price_cents;  // the latest preferred price, per share
  // A grant given again each year from year 2, as a share of the first grant,
  // vesting on the same schedule.
  std::optional<core::Percent> yearly_refresh;
};

// One offer's figures, in whole units of its currency.
struct OfferTerms {
  core::Currency currency;
  std::int64_t base = 0;
  core::Percent bonus_pct;
  std::int64_t signing_bonus = 0;
  core::Percent yearly_raise;
  std::optional<Equity> equity;
};

struct CompetingOffer {
  std::string company;
  std::optional<std::string> role;
  std::string region;
  OfferTerms terms;
};

struct OfferRequest {
  std::string company;
  std::string role;
  std::string region;
  OfferTerms terms;
  std::vector<CompetingOffer> competing;
};

// Reads the JSON of docs/offer.md. Errors name the field ("offer.equity.schedule")
// and say what was expected; `name` is the file for the message.
// docs/offer.md nests four levels; anything deeper is not an offer, and is
// refused before it is parsed.
inline constexpr std::size_t kMaxOfferDepth = 16;
// Competing offers in one request: a candidate weighs a handful, and each is
// simulated as the offer is, so more are refused before any is read.
inline constexpr std::size_t kMaxCompetingOffers = 20;
// The JSON text of a request: an offer is a few hundred bytes, twenty competing
// ones a few kilobytes. The command line refuses a longer file, the web API a
// longer body (413).
inline constexpr std::size_t kMaxOfferBytes = 64 * 1024;

std::expected<OfferRequest, core::Diagnostic> parse_offer_request(std::string_view json,
                                                                  const std::string& name);

}  // namespace negotiateup::offer
