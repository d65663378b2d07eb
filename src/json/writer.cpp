#include "json/writer.hpp"

#include <utf8.h>

#include <algorithm>

namespace negotiateup::json {
namespace {

using Pretty = rapidjson::PrettyWriter<StringOutput>;
using Compact = rapidjson::Writer<StringOutput>;

rapidjson::SizeType size_of(std::string_view text) {
  return static_cast<rapidjson::SizeType>(text.size());
}

// RapidJSON writes \u001F where nlohmann/json wrote \u001f.
void lower_case_escapes(std::string& text, std::size_t start) {
  for (auto i = start; i + 1 < text.size(); ++i) {
    if (text[i] != '\\') continue;
    if (text[i + 1] == 'u') {
      for (auto k = i + 2; k < i + 6 && k < text.size(); ++k) {
        if (text[k] >= 'A' && text[k] <= 'F') text[k] = static_cast<char>(text[k] - 'A' + 'a');
      }
    }
    ++i;  // the escaped character is not the start of another escape
  }
}

}  // namespace

Writer::Writer(Layout layout)
    : layout_(layout),
      writer_(layout == Layout::indented
                  ? decltype(writer_)(std::in_place_type<Pretty>, output_)
                  : decltype(writer_)(std::in_place_type<Compact>, output_)) {
  if (auto* pretty = std::get_if<Pretty>(&writer_)) pretty->SetIndent(' ', 2);
}

template <typename Event>
void Writer::emit(Event event) {
  std::visit(event, writer_);
}

void Writer::StartObject() {
  emit([](auto& w) { w.StartObject(); });
}
void Writer::EndObject() {
  emit([](auto& w) { w.EndObject(); });
  end_value();
}
void Writer::StartArray() {
  emit([](auto& w) { w.StartArray(); });
}
void Writer::EndArray() {
  emit([](auto& w) { w.EndArray(); });
  end_value();
}

void Writer::end_value() {
  if (layout_ == Layout::indented && std::visit([](auto& w) { return w.IsComplete(); }, writer_))
    output_.text += '\n';
}

void Writer::Key(std::string_view name) {
  write_string(name,
               [](auto& w, const char* data, rapidjson::SizeType size) { w.Key(data, size); });
}

void Writer::String(std::string_view text) {
  write_string(text,
               [](auto& w, const char* data, rapidjson::SizeType size) { w.String(data, size); });
}

template <typename Put>
void Writer::write_string(std::string_view text, Put put) {
  const auto start = output_.text.size();
  if (utf8::is_valid(text.begin(), text.end())) {
    emit([&](auto& w) { put(w, text.data(), size_of(text)); });
  } else {
    const auto replaced = utf8::replace_invalid(std::string(text));
    emit([&](auto& w) { put(w, replaced.data(), size_of(replaced)); });
  }
  if (std::ranges::any_of(text, [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
    lower_case_escapes(output_.text, start);
}

void Writer::Int64(std::int64_t number) {
  emit([&](auto& w) { w.Int64(number); });
}
void Writer::Uint64(std::uint64_t number) {
  emit([&](auto& w) { w.Uint64(number); });
}
void Writer::Double(double number) {
  emit([&](auto& w) { w.Double(number); });
}
void Writer::Bool(bool value) {
  emit([&](auto& w) { w.Bool(value); });
}
void Writer::Null() {
  emit([](auto& w) { w.Null(); });
}

void write_member(Writer& writer, std::string_view key, std::string_view text) {
  writer.Key(key);
  writer.String(text);
}

void write_member(Writer& writer, std::string_view key, std::int64_t number) {
  writer.Key(key);
  writer.Int64(number);
}

void write_nullable(Writer& writer, std::string_view key,
                    const std::optional<std::int64_t>& number) {
  write_optional(writer, key, number, [&](std::int64_t value) { writer.Int64(value); });
}

void write_nullable(Writer& writer, std::string_view key, const std::optional<std::string>& text) {
  write_optional(writer, key, text, [&](const std::string& value) { writer.String(value); });
}

}  // namespace negotiateup::json
