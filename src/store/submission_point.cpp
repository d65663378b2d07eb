#include <fmt/format.h>

#include "store/backends.hpp"

namespace negotiateup::store {

core::DataPoint approved_point(core::DataPoint submitted, std::int64_t submission_id) {
  // The attributes are a JSON object written by this program: "{}" or "{...}".
  auto& attributes = submitted.attributes;
  const bool empty = attributes.size() <= 2;
  attributes = fmt::format("{{\"submission\":{}{}{}", submission_id, empty ? "" : ",",
                           empty ? std::string_view("}") : std::string_view(attributes).substr(1));
  return submitted;
}

}  // namespace negotiateup::store
