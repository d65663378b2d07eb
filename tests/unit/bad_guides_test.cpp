// Every case of tests/corpus/bad-guides/ must be refused with the error its
// .expected file states: "LINE|part of the message". A case is either a whole
// .md file or an .edits file applied to the reference guide (README.md there),
// so that the reference's prose is not copied into this repository.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/text.hpp"
#include "guide/guide_parser.hpp"
#include "test_support.hpp"

namespace negotiateup::guide {
namespace {

namespace fs = std::filesystem;

struct BadGuide {
  fs::path path;  // the .md or .edits file
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
    const auto extension = entry.path().extension();
    if ((extension != ".md" && extension != ".edits") || entry.path().filename() == "README.md") {
      continue;
    }
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

// "@ START COUNT" replaces COUNT lines of the reference from line START with the
// lines that follow, up to the next "@ " line.
std::string apply_edits(const std::string& edits) {
  const auto reference = test::read_file(test::reference_guide());
  std::vector<std::string> lines;
  for (const auto line : core::split(reference, "\n")) lines.emplace_back(line);
  struct Edit {
    std::size_t start = 0;
    std::size_t count = 0;
    std::vector<std::string> lines;
  };
  std::vector<Edit> blocks;
  auto edit_lines = core::split(edits, "\n");
  if (edits.ends_with('\n')) edit_lines.pop_back();
  for (const auto line : edit_lines) {
    if (line.starts_with("@ ")) {
      const auto numbers = core::split(line.substr(2), " ");
      blocks.push_back(
          Edit{std::stoul(std::string(numbers.at(0))), std::stoul(std::string(numbers.at(1))), {}});
    } else {
      blocks.at(blocks.size() - 1).lines.emplace_back(line);
    }
  }
  std::sort(blocks.begin(), blocks.end(),
            [](const Edit& a, const Edit& b) { return a.start > b.start; });
  for (const auto& block : blocks) {
    const auto at = lines.begin() + static_cast<std::ptrdiff_t>(block.start - 1);
    lines.erase(at, at + static_cast<std::ptrdiff_t>(block.count));
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(block.start - 1), block.lines.begin(),
                 block.lines.end());
  }
  std::string text;
  for (std::size_t i = 0; i < lines.size(); ++i) text += (i ? "\n" : "") + lines[i];
  return text;
}

class BadGuides : public testing::TestWithParam<BadGuide> {};

TEST_P(BadGuides, AreRefusedWithWhereAndWhat) {
  const auto& bad = GetParam();
  ASSERT_FALSE(bad.message_part.empty()) << "no LINE|MESSAGE in the .expected file of " << bad.path;
  fs::path guide = bad.path;
  if (bad.path.extension() == ".edits") {
    guide = test::fresh_folder("bad-" + bad.path.stem().string()) /
            fs::path(bad.path.filename()).replace_extension(".md");
    test::write_file(guide, apply_edits(test::read_file(bad.path)));
  }
  const auto result = parse_guide_file(guide);
  ASSERT_FALSE(result.has_value()) << bad.path << " was accepted";
  EXPECT_EQ(result.error().file, guide.string());
  EXPECT_EQ(result.error().line, bad.line) << result.error().to_string();
  EXPECT_NE(result.error().message.find(bad.message_part), std::string::npos)
      << result.error().to_string() << "\n  expected to contain: " << bad.message_part;
  if (guide != bad.path) fs::remove_all(guide.parent_path());
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
