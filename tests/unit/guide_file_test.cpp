#include "guide/guide_file.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "guide/guide_parser.hpp"
#include "test_support.hpp"

namespace negotiateup::guide {
namespace {

TEST(GuideFile, RefusesAHundredMegabyteFileWithoutReadingIt) {
  const auto folder = test::fresh_folder("huge");
  const auto path = folder / "huge.md";
  {
    std::ofstream out(path, std::ios::binary);
    out << "### x\n";
  }
  std::filesystem::resize_file(path, 100ull * 1024 * 1024);  // sparse: costs no disk
  const auto result = parse_guide_file(path);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().file, path.string());
  EXPECT_NE(result.error().message.find("at most"), std::string::npos);
  std::filesystem::remove_all(folder);
}

TEST(GuideFile, RefusesEmptyAndMissingFiles) {
  const auto folder = test::fresh_folder("empty");
  test::write_file(folder / "empty.md", "");
  test::write_file(folder / "blank.md", "\n  \n\t\n");
  EXPECT_NE(read_guide_file(folder / "empty.md").error().message.find("empty"), std::string::npos);
  EXPECT_NE(read_guide_file(folder / "blank.md").error().message.find("empty"), std::string::npos);
  EXPECT_NE(read_guide_file(folder / "none.md").error().message.find("no such file"),
            std::string::npos);
  EXPECT_NE(read_guide_file(folder).error().message.find("not a regular file"), std::string::npos);
  std::filesystem::remove_all(folder);
}

TEST(GuideFile, NamesTheLineOfInvalidUtf8) {
  const auto result = check_guide_text("line one\nline two\nbad \xC3\x28 here\n", "latin1.md");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().line, 3u);
  EXPECT_NE(result.error().message.find("UTF-8"), std::string::npos);
}

TEST(GuideFile, DropsAByteOrderMark) {
  const auto text = test::read_file(test::reference_guide());
  const auto parsed = parse_guide(*check_guide_text("\xEF\xBB\xBF" + text, "bom.md"), "bom.md");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().to_string();
  EXPECT_TRUE(parsed->has_front_matter);
}

TEST(GuideFile, AcceptsWindowsLineEndings) {
  auto text = test::read_file(test::reference_guide());
  std::string crlf;
  for (const char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  const auto parsed = parse_guide(crlf, "crlf.md");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().to_string();
  const auto plain = parse_guide(text, "lf.md");
  EXPECT_EQ(parsed->record, plain->record);
}

}  // namespace
}  // namespace negotiateup::guide
