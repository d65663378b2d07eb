#include "web/calculator_form.hpp"

#include <fmt/format.h>

#include <array>
#include <nlohmann/json.hpp>
#include <utility>

#include "core/text.hpp"

namespace negotiateup::web {
namespace {

using nlohmann::json;

struct Preset {
  std::string_view name;
  std::array<int, 4> schedule;
  std::string_view frequency;
};
// Each vests from a one-year cliff (docs/api.md, "The calculator").
constexpr std::array<Preset, 4> kVestingPresets{{
    {"even", {25, 25, 25, 25}, "yearly"},
    {"5-15-40-40", {5, 15, 40, 40}, "yearly"},
    {"33-33-22-12", {33, 33, 22, 12}, "yearly"},
    {"monthly", {25, 25, 25, 25}, "monthly"},
}};

// The form's name of each offer field the reader knows.
constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kOfferFields{{
    {"currency", "currency"},
    {"base", "base"},
    {"bonus_pct", "bonus_pct"},
    {"signing_bonus", "signing_bonus"},
    {"equity.type", "equity"},
    {"equity.grant_value", "grant"},
    {"equity.share_count", "shares"},
    {"equity.strike_price", "strike"},
    {"equity.preferred_price", "preferred"},
    {"equity.schedule", "vesting"},
    {"equity.frequency", "vesting"},
    {"equity.cliff_months", "vesting"},
    {"equity", "equity"},
}};

class FormReader {
 public:
  FormReader(const Target& target, std::string prefix)
      : target_(target), prefix_(std::move(prefix)) {}

  std::string name(std::string_view field) const { return prefix_ + std::string(field); }
  std::string text(std::string_view field) const {
    const auto value = target_.get(name(field));
    return value ? std::string(core::trim(*value)) : std::string();
  }
  bool any(std::initializer_list<std::string_view> fields) const {
    for (const auto field : fields) {
      if (!text(field).empty()) return true;
    }
    return false;
  }
  // A number as the reader expects it; "120,000" and "120 000" are read as 120000.
  void number(json& object, std::string_view key, std::string_view field) const {
    std::string value;
    for (const char c : text(field)) {
      if (c != ',' && c != ' ' && c != '_') value.push_back(c);
    }
    if (value.empty()) return;
    std::size_t dots = 0;
    bool digits_only = true;
    for (const char c : value) {
      if (c == '.') {
        ++dots;
      } else if (c < '0' || c > '9') {
        digits_only = false;
      }
    }
    if (!digits_only || dots > 1 || value.front() == '.' || value.back() == '.') {
      throw FormError{name(field),
                      fmt::format("is '{}'; expected a number such as 90000", text(field))};
    }
    if (value.size() > 16) {
      throw FormError{name(field), "is too large; expected at most 10^13"};
    }
    // JSON has no leading zeros: "007" is 7.
    const auto significant = value.find_first_not_of('0');
    if (significant == std::string::npos || value[significant] == '.') {
      value.erase(0, significant == std::string::npos ? value.size() - 1 : significant - 1);
    } else {
      value.erase(0, significant);
    }
    object[std::string(key)] = json::parse(value);
  }
  void string(json& object, std::string_view key, std::string_view field) const {
    if (auto value = text(field); !value.empty()) object[std::string(key)] = std::move(value);
  }

  json terms() const {
    json offer = json::object();
    string(offer, "currency", "currency");
    number(offer, "base", "base");
    number(offer, "bonus_pct", "bonus_pct");
    number(offer, "signing_bonus", "signing_bonus");
    const auto type = text("equity");
    if (type.empty() || type == "none") return offer;
    if (type != "public-rsu" && type != "private-rsu" && type != "private-options") {
      throw FormError{name("equity"), "expected public RSUs, private RSUs or options"};
    }
    json equity = json::object();
    equity["type"] = type;
    number(equity, "grant_value", "grant");
    number(equity, "share_count", "shares");
    number(equity, "strike_price", "strike");
    number(equity, "preferred_price", "preferred");
    const auto vesting = text("vesting");
    const Preset* preset = &kVestingPresets[0];
    if (!vesting.empty()) {
      preset = nullptr;
      for (const auto& candidate : kVestingPresets) {
        if (candidate.name == vesting) preset = &candidate;
      }
      if (!preset) throw FormError{name("vesting"), "expected one of the vesting schedules listed"};
    }
    equity["schedule"] = preset->schedule;
    equity["cliff_months"] = 12;
    equity["frequency"] = preset->frequency;
    offer["equity"] = std::move(equity);
    return offer;
  }

 private:
  const Target& target_;
  std::string prefix_;
};

}  // namespace

std::expected<OfferForm, FormError> offer_json_from_form(const Target& target) {
  try {
    OfferForm form;
    const FormReader main(target, "");
    json request = json::object();
    main.string(request, "company", "company");
    main.string(request, "role", "role");
    main.string(request, "region", "region");
    request["offer"] = main.terms();
    json competing = json::array();
    for (std::size_t i = 1; i <= 3; ++i) {
      const FormReader other(target, fmt::format("c{}_", i));
      if (!other.any({"company", "region", "base", "grant"})) continue;
      json item = json::object();
      other.string(item, "company", "company");
      other.string(item, "region", "region");
      item["offer"] = other.terms();
      competing.push_back(std::move(item));
      form.competing_numbers.push_back(i);
    }
    if (!competing.empty()) request["competing"] = std::move(competing);
    form.json = request.dump();
    return form;
  } catch (const FormError& error) {
    return std::unexpected(error);
  }
}

std::string form_field_of(std::string_view path, const OfferForm& form) {
  std::string prefix;
  if (path.starts_with("competing[")) {
    const auto close = path.find(']');
    if (close != 11) return {};
    const auto index = static_cast<std::size_t>(path[10] - '0');
    if (index >= form.competing_numbers.size()) return {};
    prefix = fmt::format("c{}_", form.competing_numbers[index]);
    path.remove_prefix(close + 1);
    if (!path.starts_with('.')) return {};
    path.remove_prefix(1);
  }
  if (path == "company" || path == "role" || path == "region") {
    return prefix + std::string(path);
  }
  if (!path.starts_with("offer.")) return {};
  path.remove_prefix(6);
  if (const auto bracket = path.find('['); bracket != std::string_view::npos) {
    path = path.substr(0, bracket);  // equity.schedule[2]
  }
  for (const auto& [key, field] : kOfferFields) {
    if (path == key) return prefix + std::string(field);
  }
  return {};
}

}  // namespace negotiateup::web
