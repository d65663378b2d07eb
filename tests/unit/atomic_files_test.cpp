#include "io/atomic_files.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "test_support.hpp"

namespace negotiateup::io {
namespace {

TEST(AtomicFiles, WritesEveryFileAndLeavesNoTemporaries) {
  const auto folder = test::fresh_folder("atomic-ok");
  ASSERT_TRUE(
      write_files_atomically({{folder / "a" / "one.yaml", "one\n"}, {folder / "two.yaml", "two\n"}})
          .has_value());
  EXPECT_EQ(test::read_file(folder / "a" / "one.yaml"), "one\n");
  EXPECT_EQ(test::read_file(folder / "two.yaml"), "two\n");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    EXPECT_FALSE(entry.path().filename().string().starts_with(kTemporaryPrefix)) << entry.path();
  }
  std::filesystem::remove_all(folder);
}

TEST(AtomicFiles, AFailedWriteLeavesEveryTargetAsItWas) {
  const auto folder = test::fresh_folder("atomic-fail");
  test::write_file(folder / "kept.yaml", "old\n");
  test::write_file(folder / "blocker", "a file where a folder is needed\n");
  const auto result = write_files_atomically(
      {{folder / "kept.yaml", "new\n"}, {folder / "blocker" / "inner.yaml", "x\n"}});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(test::read_file(folder / "kept.yaml"), "old\n");
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    EXPECT_FALSE(entry.path().filename().string().starts_with(kTemporaryPrefix)) << entry.path();
  }
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace negotiateup::io
