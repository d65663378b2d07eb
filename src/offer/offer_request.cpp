#include "offer/offer_request.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <unordered_set>
#include <vector>

#include "core/text.hpp"
#include "json/depth.hpp"

namespace negotiateup::offer {
namespace {

using nlohmann::json;

// Thrown from the parser's callback: nlohmann/json would keep the last of two
// equal keys of an object, and the request would say two things at once.
struct DuplicateKey {
  std::string key;
};

// Raised inside the reader, turned into a Diagnostic at its boundary.
struct FieldError {
  std::string field;
  std::string message;
};

class Fields {
 public:
  Fields(const json& object, std::string path) : object_(object), path_(std::move(path)) {
    if (!object_.is_object()) fail(path_, "expected an object { ... }");
  }

  [[noreturn]] static void fail(const std::string& field, std::string message) {
    throw FieldError{field, std::move(message)};
  }
  std::string at(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }
  bool has(std::string_view key) const {
    const auto found = object_.find(std::string(key));
    return found != object_.end() && !found->is_null();
  }
  const json& value(std::string_view key) const { return object_.at(std::string(key)); }

  void only(std::initializer_list<std::string_view> keys) const {
    for (const auto& [key, ignored] : object_.items()) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        std::string allowed;
        for (const auto k : keys) allowed += (allowed.empty() ? "" : ", ") + std::string(k);
        fail(at(key), fmt::format("unknown field; expected one of: {}", allowed));
      }
    }
  }
  std::string text(std::string_view key) const {
    if (!has(key)) fail(at(key), "missing; expected a text value");
    if (!value(key).is_string() || value(key).get<std::string>().empty()) {
      fail(at(key), "expected a non-empty text value");
    }
    return value(key).get<std::string>();
  }
  std::optional<std::string> optional_text(std::string_view key) const {
    if (!has(key)) return std::nullopt;
    return text(key);
  }
  // A whole, non-negative amount of money: never a float.
  std::int64_t amount(std::string_view key, bool required) const {
    if (!has(key)) {
      if (required) fail(at(key), "missing; expected a whole amount such as 90000");
      return 0;
    }
    const auto& v = value(key);
    if (!v.is_number_integer()) {
      fail(at(key), fmt::format("expected a whole amount such as 90000, not {}", v.dump()));
    }
    const auto amount = v.get<std::int64_t>();
    if (amount < 0) fail(at(key), fmt::format("is {}; expected an amount of 0 or more", amount));
    if (amount > 10'000'000'000'000) fail(at(key), "expected an amount of at most 10^13");
    return amount;
  }
  core::Percent percent(std::string_view key, core::Percent fallback, core::Percent max) const {
    if (!has(key)) return fallback;
    const auto& v = value(key);
    if (!v.is_number())
      fail(at(key), fmt::format("expected a percentage such as 15, not {}", v.dump()));
    const auto hundredths = std::llround(v.get<double>() * 100.0);
    if (hundredths < 0 || hundredths > max.hundredths) {
      fail(at(key), fmt::format("is {}; expected a percentage from 0 to {}", v.dump(),
                                core::format_percent(max)));
    }
    return core::Percent{hundredths};
  }
  // A price per share, kept in hundredths: "strike_price": 1.25 is 125.
  std::optional<std::int64_t> price(std::string_view key) const {
    if (!has(key)) return std::nullopt;
    const auto& v = value(key);
    if (!v.is_number() || v.get<double>() < 0) {
      fail(at(key),
           fmt::format("expected a price per share of 0 or more, such as 1.25, not {}", v.dump()));
    }
    return std::llround(v.get<double>() * 100.0);
  }
  int integer(std::string_view key, int fallback, int min, int max) const {
    if (!has(key)) return fallback;
    const auto& v = value(key);
    if (!v.is_number_integer() || v.get<std::int64_t>() < min || v.get<std::int64_t>() > max) {
      fail(at(key),
           fmt::format("expected a whole number from {} to {}, not {}", min, max, v.dump()));
    }
    return static_cast<int>(v.get<std::int64_t>());
  }

 private:
  const json& object_;
  std::string path_;
};

Equity read_equity(const json& object, const std::string& path) {
  const Fields fields(object, path);
  fields.only({"type", "grant_value", "vesting_years", "cliff_months", "schedule", "frequency",
               "share_count", "strike_price", "preferred_price", "yearly_refresh_pct"});
  Equity equity;
  const auto type = fields.text("type");
  if (type == "public-rsu") {
    equity.type = EquityType::public_rsu;
  } else if (type == "private-rsu") {
    equity.type = EquityType::private_rsu;
  } else if (type == "private-options") {
    equity.type = EquityType::private_options;
  } else {
    Fields::fail(fields.at("type"), fmt::format("is '{}'; expected public-rsu, private-rsu or "
                                                "private-options",
                                                type));
  }
  equity.grant_value = fields.amount("grant_value", true);
  equity.vesting_years = fields.integer("vesting_years", 4, 1, 10);
  equity.cliff_months = fields.integer("cliff_months", 12, 0, 60);
  if (fields.has("schedule")) {
    const auto& schedule = fields.value("schedule");
    if (!schedule.is_array() || schedule.empty()) {
      Fields::fail(fields.at("schedule"),
                   "expected a list of yearly percentages such as [25, 25, 25, 25]");
    }
    std::int64_t total = 0;
    for (std::size_t i = 0; i < schedule.size(); ++i) {
      if (!schedule[i].is_number() || schedule[i].get<double>() < 0) {
        Fields::fail(fmt::format("{}[{}]", fields.at("schedule"), i),
                     fmt::format("expected a percentage of 0 or more, not {}", schedule[i].dump()));
      }
      equity.schedule.push_back(core::Percent{std::llround(schedule[i].get<double>() * 100.0)});
      total += equity.schedule.back().hundredths;
    }
    if (total != 10'000) {
      Fields::fail(fields.at("schedule"), fmt::format("adds up to {}%; expected 100%",
                                                      core::format_percent(core::Percent{total})));
    }
    equity.vesting_years = static_cast<int>(equity.schedule.size());
  } else {
    for (int y = 0; y < equity.vesting_years; ++y) {
      equity.schedule.push_back(core::Percent{10'000 / equity.vesting_years +
                                              (y < 10'000 % equity.vesting_years ? 1 : 0)});
    }
  }
  if (fields.has("frequency")) {
    const auto frequency = fields.text("frequency");
    if (frequency == "yearly") {
      equity.frequency = VestingFrequency::yearly;
    } else if (frequency == "quarterly") {
      equity.frequency = VestingFrequency::quarterly;
    } else if (frequency == "monthly") {
      equity.frequency = VestingFrequency::monthly;
    } else {
      Fields::fail(fields.at("frequency"),
                   fmt::format("is '{}'; expected yearly, quarterly or monthly", frequency));
    }
  }
  if (fields.has("share_count")) equity.share_count = fields.amount("share_count", true);
  equity.strike_price_cents = fields.price("strike_price");
  equity.preferred_price_cents = fields.price("preferred_price");
  if (equity.type == EquityType::private_options &&
      (!equity.share_count || !equity.strike_price_cents)) {
    Fields::fail(
        path, "private-options needs share_count and strike_price (and preferred_price if known)");
  }
  if (fields.has("yearly_refresh_pct")) {
    equity.yearly_refresh =
        fields.percent("yearly_refresh_pct", core::Percent{}, core::Percent::whole(100));
  }
  return equity;
}

OfferTerms read_terms(const json& object, const std::string& path) {
  const Fields fields(object, path);
  fields.only({"currency", "base", "bonus_pct", "signing_bonus", "yearly_raise_pct", "equity"});
  const auto code = fields.text("currency");
  const auto currency = core::Currency::from_code(code);
  if (!currency) {
    Fields::fail(fields.at("currency"),
                 fmt::format("is '{}'; expected an ISO 4217 code such as EUR", code));
  }
  OfferTerms terms{*currency, 0, {}, 0, {}, std::nullopt};
  terms.base = fields.amount("base", true);
  if (terms.base == 0) Fields::fail(fields.at("base"), "is 0; expected the yearly base salary");
  terms.bonus_pct = fields.percent("bonus_pct", core::Percent{}, core::Percent::whole(200));
  terms.signing_bonus = fields.amount("signing_bonus", false);
  terms.yearly_raise =
      fields.percent("yearly_raise_pct", core::Percent{}, core::Percent::whole(50));
  if (fields.has("equity")) terms.equity = read_equity(fields.value("equity"), fields.at("equity"));
  return terms;
}

}  // namespace

std::expected<OfferRequest, core::Diagnostic> parse_offer_request(std::string_view text,
                                                                  const std::string& name) {
  if (negotiateup::json::nests_deeper_than(text, kMaxOfferDepth)) {
    return std::unexpected(core::Diagnostic{
        name, 0,
        fmt::format("nested deeper than {} levels; expected an offer (docs/offer.md)",
                    kMaxOfferDepth)});
  }
  std::vector<std::unordered_set<std::string>> keys;  // of each object open, innermost last
  const json::parser_callback_t check_key = [&keys](int, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::object_start) {
      keys.emplace_back();
    } else if (event == json::parse_event_t::object_end) {
      keys.pop_back();
    } else if (event == json::parse_event_t::key) {
      const auto& key = parsed.get_ref<const std::string&>();
      if (!keys.back().insert(key).second) throw DuplicateKey{key};
    }
    return true;
  };
  json document;
  try {
    document = json::parse(text, check_key);
  } catch (const DuplicateKey& duplicate) {
    return std::unexpected(core::Diagnostic{
        name, 0,
        fmt::format("the key '{}' is given twice in one object; expected each key once",
                    core::printable(duplicate.key))});
  } catch (const json::parse_error& error) {
    // nlohmann counts bytes; the line is what a person looks for.
    const auto offset = std::min<std::size_t>(error.byte, text.size());
    const auto line = static_cast<std::size_t>(std::count(
                          text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n')) +
                      1;
    return std::unexpected(
        core::Diagnostic{name, line, fmt::format("malformed JSON: {}", error.what())});
  } catch (const json::out_of_range& error) {
    // A number past a double's range (1e400); nlohmann gives no position here.
    return std::unexpected(core::Diagnostic{
        name, 0, fmt::format("{}; expected numbers within a double's range", error.what())});
  }
  try {
    const Fields fields(document, "");
    fields.only({"company", "role", "region", "offer", "competing"});
    auto company = fields.text("company");
    auto role = fields.text("role");
    auto region = fields.text("region");
    if (!fields.has("offer")) Fields::fail("offer", "missing; expected the offer's figures");
    OfferRequest request{std::move(company),
                         std::move(role),
                         std::move(region),
                         read_terms(fields.value("offer"), "offer"),
                         {}};
    if (fields.has("competing")) {
      const auto& competing = fields.value("competing");
      if (!competing.is_array()) Fields::fail("competing", "expected a list of offers");
      if (competing.size() > kMaxCompetingOffers) {
        Fields::fail("competing", fmt::format("{} offers; expected at most {}", competing.size(),
                                              kMaxCompetingOffers));
      }
      for (std::size_t i = 0; i < competing.size(); ++i) {
        const auto path = fmt::format("competing[{}]", i);
        const Fields item(competing[i], path);
        item.only({"company", "role", "region", "offer"});
        if (!item.has("offer"))
          Fields::fail(item.at("offer"), "missing; expected the offer's figures");
        request.competing.push_back(
            CompetingOffer{item.text("company"), item.optional_text("role"), item.text("region"),
                           read_terms(item.value("offer"), item.at("offer"))});
      }
    }
    return request;
  } catch (const FieldError& error) {
    return std::unexpected(core::Diagnostic{
        name, 0,
        error.field.empty() ? error.message : fmt::format("{}: {}", error.field, error.message)});
  }
}

}  // namespace negotiateup::offer
