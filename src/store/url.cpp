// Store URLs as they may be shown in messages: never a password.

#include <algorithm>
#include <string>
#include <string_view>

#include "core/text.hpp"
#include "store/backends.hpp"

namespace negotiateup::store {
namespace {

// The password of a URL's user part, as written (percent-encoded); empty if none.
std::string_view url_password(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  const auto start = scheme + 3;
  const auto end = std::min(url.find_first_of("/?", start), url.size());
  const auto authority = url.substr(start, end - start);
  const auto at = authority.rfind('@');
  if (at == std::string_view::npos) return {};
  const auto colon = authority.find(':');
  if (colon == std::string_view::npos || colon > at) return {};
  return authority.substr(colon + 1, at - colon - 1);
}

}  // namespace

std::string redact_url(std::string_view url) {
  std::string redacted;
  const auto scheme = url.find("://");
  const auto start = scheme == std::string_view::npos ? 0 : scheme + 3;
  const auto end = std::min(url.find_first_of("/?", start), url.size());
  const auto authority = url.substr(start, end - start);
  const auto at = authority.rfind('@');
  const auto colon = authority.find(':');
  if (at != std::string_view::npos && colon < at) {
    redacted = std::string(url.substr(0, start + colon)) + std::string(authority.substr(at));
  } else {
    redacted = std::string(url.substr(0, end));
  }
  // Then the path and the parameters but `password=...`.
  const auto query = url.find('?', end);
  redacted += url.substr(end, std::min(query, url.size()) - end);
  if (query == std::string_view::npos) return redacted;
  char separator = '?';
  for (const auto parameter : core::split(url.substr(query + 1), "&")) {
    if (parameter.starts_with("password=")) continue;
    redacted += separator;
    redacted += parameter;
    separator = '&';
  }
  return redacted;
}

std::string without_password(std::string message, std::string_view url) {
  if (const auto password = url_password(url); !password.empty()) {
    for (auto at = message.find(password); at != std::string::npos;
         at = message.find(password, at)) {
      message.replace(at, password.size(), "***");
    }
  }
  return message;
}

}  // namespace negotiateup::store
