// Every file of tests/corpus/bad-guides/ must be refused with the error its
// .expected file states: "LINE|part of the message".
#include <gtest/gtest.h>

#include <algorithm>

#include "guide/guide_parser.hpp"
#include "test_support.hpp"

namespace negotiateup::guide {
namespace {

namespace fs = std::filesystem;

struct BadGuide {
  fs::path path;
  std::size_t line = 0;
  std::string message_part;
};

void PrintTo(const BadGuide& bad, std::ostream* out) {
  *out << bad.path.filename().string();
}

std::vector<BadGuide> corpus() {
  std::vector<BadGuide> cases;
  const auto folder = test::tests_dir() / "corpus" / "bad-guides";
  if (!fs::is_directory(folder)) return cases;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() != ".md" || entry.path().filename() == "README.md") continue;
    auto expected = test::read_file(fs::path(entry.path()).replace_extension(".expected"));
    while (!expected.empty() && (expected.back() == '\n' || expected.back() == '\r')) {
      expected.pop_back();
    }
    const auto bar = expected.find('|');
    BadGuide bad{entry.path(), 0, {}};
    if (bar != std::string::npos) {
      bad.line = std::stoul(expected.substr(0, bar));
      bad.message_part = expected.substr(bar + 1);
    }
    cases.push_back(std::move(bad));
  }
  std::sort(cases.begin(), cases.end(),
            [](const BadGuide& a, const BadGuide& b) { return a.path < b.path; });
  return cases;
}

class BadGuides : public testing::TestWithParam<BadGuide> {};

TEST_P(BadGuides, AreRefusedWithWhereAndWhat) {
  const auto& bad = GetParam();
  ASSERT_FALSE(bad.message_part.empty()) << "no LINE|MESSAGE in the .expected file of " << bad.path;
  const auto result = parse_guide_file(bad.path);
  ASSERT_FALSE(result.has_value()) << bad.path << " was accepted";
  EXPECT_EQ(result.error().file, bad.path.string());
  EXPECT_EQ(result.error().line, bad.line) << result.error().to_string();
  EXPECT_NE(result.error().message.find(bad.message_part), std::string::npos)
      << result.error().to_string() << "\n  expected to contain: " << bad.message_part;
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadGuides, testing::ValuesIn(corpus()),
                         [](const testing::TestParamInfo<BadGuide>& case_info) {
                           auto name = case_info.param.path.stem().string();
                           std::replace_if(
                               name.begin(), name.end(),
                               [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
                               '_');
                           return name;
                         });

TEST(BadGuidesCorpus, HasAtLeastTwentyFiveCases) {
  EXPECT_GE(corpus().size(), 25u);
}

}  // namespace
}  // namespace negotiateup::guide
