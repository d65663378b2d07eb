#include "render/build_manifest.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_support.hpp"

namespace negotiateup::render {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kInputs = 0x0123456789abcdefULL;

class BuildManifestTest : public ::testing::Test {
 protected:
  void SetUp() override { out_ = test::fresh_folder("build-manifest"); }

  // The manifest of a build of these guides, written where a build puts it.
  std::string write(const std::vector<catalog::GuideName>& guides,
                    const std::vector<std::string_view>& hashes) {
    auto text = BuildManifest::write(out_, kInputs, guides, hashes);
    test::write_file(out_ / BuildManifest::kFile, text);
    return text;
  }
  // Whether `text` in the manifest's file reads as no last build.
  bool reads_as_none(const std::string& text) {
    test::write_file(out_ / BuildManifest::kFile, text);
    const auto manifest = BuildManifest::read(out_);
    return manifest.inputs() == 0 && manifest.hash("acme", "swe").empty();
  }

  fs::path out_;
};

TEST_F(BuildManifestTest, ReadsWhatABuildWrote) {
  const std::vector<catalog::GuideName> guides{
      {"acme", "swe"}, {"acme", "pm"}, {"acme", "new"}, {"beta", "swe"}};
  write(guides, {"00000000000000a1", "00000000000000a2", "", "00000000000000b1"});
  const auto manifest = BuildManifest::read(out_);
  EXPECT_EQ(manifest.inputs(), kInputs);
  // In catalog order, as a build asks, and out of it.
  EXPECT_EQ(manifest.hash("acme", "swe"), "00000000000000a1");
  EXPECT_EQ(manifest.hash("acme", "pm"), "00000000000000a2");
  EXPECT_EQ(manifest.hash("acme", "new"), "");  // not built: no hash
  EXPECT_EQ(manifest.hash("beta", "swe"), "00000000000000b1");
  EXPECT_EQ(manifest.hash("acme", "pm"), "00000000000000a2");
  EXPECT_EQ(manifest.hash("beta", "pm"), "");
  EXPECT_EQ(manifest.hash("acme", "swe"), "00000000000000a1");
  // The same build writes the same text: a rebuild that changed nothing keeps the file.
  EXPECT_EQ(manifest.text(),
            BuildManifest::write(out_, kInputs, guides,
                                 {"00000000000000a1", "00000000000000a2", "", "00000000000000b1"}));
}

TEST_F(BuildManifestTest, NamesThatNeedEscapesRoundTrip) {
  write({{"a\"b", "c\\d"}, {"caf\xc3\xa9", "r\xc3\xb4le"}},
        {"0000000000000001", "0000000000000002"});
  const auto manifest = BuildManifest::read(out_);
  EXPECT_EQ(manifest.hash("a\"b", "c\\d"), "0000000000000001");
  EXPECT_EQ(manifest.hash("caf\xc3\xa9", "r\xc3\xb4le"), "0000000000000002");
}

TEST_F(BuildManifestTest, MissingOrEmptyReadsAsNoLastBuild) {
  const auto manifest = BuildManifest::read(out_);
  EXPECT_EQ(manifest.inputs(), 0U);
  EXPECT_EQ(manifest.hash("acme", "swe"), "");
  EXPECT_TRUE(reads_as_none(""));
}

TEST_F(BuildManifestTest, EveryTruncationReadsAsNoLastBuild) {
  const auto text =
      write({{"acme", "swe"}, {"acme", "pm"}}, {"00000000000000a1", "00000000000000a2"});
  ASSERT_FALSE(reads_as_none(text));
  for (std::size_t size = 0; size < text.size(); ++size) {
    EXPECT_TRUE(reads_as_none(text.substr(0, size))) << text.substr(0, size);
  }
}

TEST_F(BuildManifestTest, DamageReadsAsNoLastBuild) {
  const std::string hex = R"("inputs":"0123456789abcdef")";
  const std::vector<std::string> damaged{
      "not json",
      R"({"inputs":"0123456789abcdef","guides":{"acme":{"swe":"1"}}} trailing)",
      R"([1, 2])",
      R"("a string")",
      R"({"inputs":81985529216486895,"guides":{"acme":{"swe":"1"}}})",   // a number
      R"({"inputs":"0123456789abcdeg","guides":{"acme":{"swe":"1"}}})",  // not hex
      R"({"inputs":"0123456789abcde","guides":{"acme":{"swe":"1"}}})",   // 15 digits
      R"({"inputs":"-123456789abcdef","guides":{"acme":{"swe":"1"}}})",
      "{" + hex + R"(,"guides":{"acme":{"swe":1}}})",               // a number
      "{" + hex + R"(,"guides":{"acme":{"swe":null}}})",            // null
      "{" + hex + R"(,"guides":{"acme":["swe","1"]}})",             // an array
      "{" + hex + R"(,"guides":{"acme":{"swe":{"x":"1"}}}})",       // too deep
      "{" + hex + R"(,"guides":["acme"]})",                         // an array
      "{" + hex + R"(,"guides":{"guides/acme/swe":"1"}})",          // the flat layout
      "{" + hex + R"(,"guides":{"acme":{"swe":"1"}},"other":{}})",  // an unknown key
      "{" + hex + R"(,"folders":{"guides/acme":true},"guides":{"acme":{"swe":"1"}}})",
      "{" + hex + R"(,"folders":{"guides/acme":{"x":"1"}},"guides":{"acme":{"swe":"1"}}})",
      "{" + hex + R"(,"guides":{"acme":{"swe":"\ud800"}}})",     // a lone surrogate
      "{" + hex + ",\"guides\":{\"acme\":{\"swe\":\"\xff\"}}}",  // not UTF-8
  };
  for (const auto& text : damaged) {
    EXPECT_TRUE(reads_as_none(text)) << text;
  }
  // The same with nothing wrong: the cases above fail for the reason given.
  EXPECT_FALSE(reads_as_none("{" + hex + R"(,"folders":{},"guides":{"acme":{"swe":"1"}}})"));
}

}  // namespace
}  // namespace negotiateup::render
