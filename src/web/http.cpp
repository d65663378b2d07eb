#include "web/http.hpp"

#include <brotli/encode.h>
#include <fmt/format.h>
#include <xxhash.h>
#include <zlib.h>

#include "json/writer.hpp"

namespace negotiateup::web {
namespace {

// Below this, a compressed variant saves less than a packet and costs a header.
constexpr std::size_t kCompressFrom = 256;
// Pages are compressed once per snapshot, so gzip takes its best level. Brotli's
// quality 5 compresses the demo's pages (8 KiB) to 26.6 % in 0.15 ms each; 9 is no
// smaller and 23 times slower, 11 is 15 % smaller and 58 times slower, minutes of
// load for 100,000 guides (docs/server.md).
constexpr int kGzipLevel = 9;
constexpr int kBrotliQuality = 5;

// gzip framing (windowBits 15 + 16) as browsers expect for Content-Encoding: gzip;
// empty when zlib fails, which leaves the page served uncompressed.
std::string gzip(std::string_view text) {
  z_stream stream{};
  if (deflateInit2(&stream, kGzipLevel, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    return {};
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(text.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&stream, Z_FINISH);
  deflateEnd(&stream);
  if (status != Z_STREAM_END) return {};
  out.resize(stream.total_out);
  out.shrink_to_fit();  // kept for the snapshot's life: the bound is about the text's size
  return out;
}

std::string brotli(std::string_view text) {
  std::size_t size = BrotliEncoderMaxCompressedSize(text.size());
  if (size == 0) return {};
  std::string out(size, '\0');
  if (!BrotliEncoderCompress(kBrotliQuality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, text.size(),
                             reinterpret_cast<const std::uint8_t*>(text.data()), &size,
                             reinterpret_cast<std::uint8_t*>(out.data()))) {
    return {};
  }
  out.resize(size);
  out.shrink_to_fit();
  return out;
}

// A variant is kept only when it is smaller than what it stands for.
std::string smaller_or_empty(std::string variant, std::size_t identity_size) {
  return variant.size() < identity_size ? std::move(variant) : std::string();
}

}  // namespace

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string url_decode(std::string_view text) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      decoded.push_back(' ');
    } else if (c == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
               hex_digit(text[i + 2]) >= 0) {
      decoded.push_back(static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2])));
      i += 2;
    } else {
      decoded.push_back(c);
    }
  }
  return decoded;
}

}  // namespace

Target Target::parse(std::string_view target) {
  Target parsed;
  const auto question = target.find('?');
  parsed.path = target.substr(0, question);
  if (question == std::string_view::npos) return parsed;
  std::string_view query = target.substr(question + 1);
  if (const auto hash = query.find('#'); hash != std::string_view::npos) {
    query = query.substr(0, hash);
  }
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto equals = pair.find('=');
    parsed.parameters.emplace_back(
        url_decode(pair.substr(0, equals)),
        equals == std::string_view::npos ? std::string{} : url_decode(pair.substr(equals + 1)));
  }
  return parsed;
}

std::optional<std::string_view> Target::get(std::string_view name) const {
  for (const auto& [key, value] : parameters) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::string url_encode(std::string_view text) {
  std::string encoded;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      encoded.push_back(c);
    } else if (c == ' ') {
      encoded.push_back('+');
    } else {
      encoded += fmt::format("%{:02X}", u);
    }
  }
  return encoded;
}

// A strong ETag: the body's 64-bit hash, so that a page that did not change
// between two snapshots keeps its tag and browsers keep their copy. The variants
// share it: the server adds Vary: Accept-Encoding, and the tag names the content.
std::shared_ptr<const Body> make_body(std::string text) {
  auto body = std::make_shared<Body>();
  body->etag = fmt::format("\"{:016x}\"", XXH3_64bits(text.data(), text.size()));
  body->size = text.size();
  if (text.size() >= kCompressFrom) {
    body->gzip = smaller_or_empty(gzip(text), text.size());
    body->brotli = smaller_or_empty(brotli(text), text.size());
  }
  if (body->gzip.empty()) {
    body->identity = std::move(text);
    body->identity.shrink_to_fit();  // rendered by appending: up to twice its size reserved
  }
  return body;
}

std::shared_ptr<const Body> make_dynamic_body(std::string text) {
  auto body = std::make_shared<Body>();
  body->size = text.size();
  body->identity = std::move(text);
  return body;
}

std::string Body::text() const {
  if (gzip.empty()) return identity;
  std::string out(size, '\0');
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 16) != Z_OK) return {};
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gzip.data()));
  stream.avail_in = static_cast<uInt>(gzip.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = inflate(&stream, Z_FINISH);
  inflateEnd(&stream);
  // Our own deflate's output, in memory since the page was made: it cannot fail
  // short of a bug, which the tests' round trips would show.
  if (status != Z_STREAM_END || stream.total_out != size) return {};
  return out;
}

Response page_method_not_allowed() {
  Response refused;
  refused.status = 405;
  refused.content_type = "text/plain; charset=utf-8";
  refused.body = make_dynamic_body("This address only answers GET and HEAD.\n");
  refused.headers.emplace_back("Allow", "GET, HEAD");
  return refused;
}

Response json_error(int status, std::string_view message, std::string_view field) {
  json::Writer writer;
  writer.StartObject();
  writer.Key("error");
  writer.StartObject();
  json::write_member(writer, "message", message);
  if (!field.empty()) json::write_member(writer, "field", field);
  writer.EndObject();
  writer.EndObject();
  Response response;
  response.status = status;
  response.content_type = "application/json; charset=utf-8";
  response.body = make_dynamic_body(writer.text());
  return response;
}

}  // namespace negotiateup::web
