#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "json/depth.hpp"
#include "json/writer.hpp"

namespace negotiateup::json {
namespace {

// Text with every kind of character a JSON string escapes, and some that it keeps.
const std::string kAwkward = std::string("quote \" back \\ slash / tab \t line \n cr \r ") +
                             "bell \x07 unit \x1f nul " + std::string(1, '\0') +
                             " del \x7f caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80";

// A document with the kinds of values we write, written by `writer`, and the
// same built as an nlohmann/json tree: the text our outputs had before.
nlohmann::ordered_json write_sample(Writer& writer) {
  writer.StartObject();
  write_member(writer, "text", kAwkward);
  write_member(writer, "amount", std::int64_t{-1'234'567});
  writer.Key("extremes");
  writer.StartArray();
  writer.Int64(std::numeric_limits<std::int64_t>::min());
  writer.Uint64(std::numeric_limits<std::uint64_t>::max());
  writer.Double(12.5);
  writer.Double(50.0);
  writer.Double(-0.0);
  writer.Bool(true);
  writer.Null();
  writer.EndArray();
  writer.Key("empty_array");
  writer.StartArray();
  writer.EndArray();
  writer.Key("empty_object");
  writer.StartObject();
  writer.EndObject();
  writer.Key(kAwkward);
  writer.StartArray();
  writer.StartObject();
  write_member(writer, "nested", "yes");
  writer.EndObject();
  writer.EndArray();
  writer.EndObject();
  return {{"text", kAwkward},
          {"amount", -1'234'567},
          {"extremes",
           {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::uint64_t>::max(),
            12.5, 50.0, -0.0, true, nullptr}},
          {"empty_array", nlohmann::ordered_json::array()},
          {"empty_object", nlohmann::ordered_json::object()},
          {kAwkward, {{{"nested", "yes"}}}}};
}

TEST(JsonWriter, IndentedIsWhatNlohmannDumpedWithTwoSpaces) {
  Writer writer;
  const auto expected = write_sample(writer);
  EXPECT_EQ(writer.text(), expected.dump(2) + "\n");
}

TEST(JsonWriter, CompactIsWhatNlohmannDumped) {
  Writer writer(Layout::compact);
  const auto expected = write_sample(writer);
  EXPECT_EQ(writer.text(), expected.dump());
}

// The doubles we write: percentiles to one decimal, probabilities to three.
TEST(JsonWriter, RoundedDoublesAreWhatNlohmannDumped) {
  for (int tenths = -2'000; tenths <= 3'000; ++tenths) {
    const double value = std::round(tenths * 0.1 * 10.0) / 10.0;
    Writer writer(Layout::compact);
    writer.Double(value);
    ASSERT_EQ(writer.text(), nlohmann::json(value).dump()) << tenths;
  }
  for (int thousandths = 0; thousandths <= 1'000; ++thousandths) {
    const double value = std::round(thousandths * 0.001 * 1000.0) / 1000.0;
    Writer writer(Layout::compact);
    writer.Double(value);
    ASSERT_EQ(writer.text(), nlohmann::json(value).dump()) << thousandths;
  }
}

TEST(JsonWriter, TextThatIsNotUtf8IsWrittenWithReplacementCharacters) {
  Writer writer(Layout::compact);
  writer.StartArray();
  writer.String("caf\xe9 \xc3");
  writer.EndArray();
  EXPECT_EQ(writer.text(), "[\"caf\xef\xbf\xbd \xef\xbf\xbd\"]");
}

TEST(JsonWriter, AnIndentedDocumentEndsWithOneLineBreak) {
  Writer writer;
  writer.StartArray();
  writer.StartArray();
  writer.EndArray();
  writer.Int64(1);
  writer.EndArray();
  EXPECT_EQ(writer.text(), "[\n  [],\n  1\n]\n");
}

TEST(JsonDepth, CountsNestingOutsideStrings) {
  EXPECT_FALSE(nests_deeper_than(R"({"a": [[1]]})", 3));
  EXPECT_TRUE(nests_deeper_than(R"({"a": [[[1]]]})", 3));
  EXPECT_FALSE(nests_deeper_than(R"({"a": "[[[[[[\"[[["})", 1));
  EXPECT_FALSE(nests_deeper_than(R"([[1], [2], {"b": 3}])", 2));  // siblings do not add up
  // A million brackets: one pass, no recursion.
  EXPECT_TRUE(nests_deeper_than(std::string(1'000'000, '['), 16));
}

}  // namespace
}  // namespace negotiateup::json
