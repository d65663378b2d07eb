#include "io/stat_batch.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace negotiateup::io {
namespace {

namespace fs = std::filesystem;

void expect_same(const std::optional<struct stat>& got, const std::optional<struct stat>& want,
                 const std::string& name) {
  ASSERT_EQ(got.has_value(), want.has_value()) << name;
  if (!want) return;
  EXPECT_EQ(got->st_dev, want->st_dev) << name;
  EXPECT_EQ(got->st_ino, want->st_ino) << name;
  EXPECT_EQ(got->st_mode, want->st_mode) << name;
  EXPECT_EQ(got->st_size, want->st_size) << name;
  EXPECT_EQ(got->st_mtim.tv_sec, want->st_mtim.tv_sec) << name;
  EXPECT_EQ(got->st_mtim.tv_nsec, want->st_mtim.tv_nsec) << name;
}

std::optional<struct stat> stat_of(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return std::nullopt;
  return info;
}

class StatBatch : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = test::fresh_folder("stat-batch");
    test::write_file(folder_ / "empty.yaml", "");
    test::write_file(folder_ / "small.yaml", "twelve bytes");
    fs::create_directory(folder_ / "sub");
    test::write_file(folder_ / "sub" / "inner.yaml", "in a second folder\n");
    fs::create_symlink("small.yaml", folder_ / "link");
    fs::create_symlink("nowhere", folder_ / "dangling");
  }
  void TearDown() override { fs::remove_all(folder_); }

  // Names in the folder, in an order that mixes those that are there with those
  // that are not; "small.yaml/x" fails with ENOTDIR, not ENOENT.
  const std::vector<std::string> names_{"small.yaml", "missing",    "sub",          "link",
                                        "dangling",   "empty.yaml", "small.yaml/x", "small.yaml"};
  fs::path folder_;
};

// Each answer is what stat gives for the same name: a link is followed; a name
// that is missing, a dangling link or a path through a file give nothing.
TEST_F(StatBatch, EntriesGiveWhatStatGivesInOrder) {
  const int fd = ::open(folder_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  const int sub_fd = ::open((folder_ / "sub").c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ASSERT_GE(sub_fd, 0);
  std::vector<FolderEntry> entries;
  for (const auto& name : names_) entries.push_back({fd, name});
  entries.push_back({sub_fd, "inner.yaml"});
  const auto answers = stat_entries(entries);
  ::close(fd);
  ::close(sub_fd);

  ASSERT_EQ(answers.size(), names_.size() + 1);
  for (std::size_t i = 0; i < names_.size(); ++i) {
    expect_same(answers[i], stat_of(folder_ / names_[i]), names_[i]);
  }
  expect_same(answers.back(), stat_of(folder_ / "sub" / "inner.yaml"), "sub/inner.yaml");
  EXPECT_FALSE(answers[1].has_value());  // missing
  EXPECT_FALSE(answers[4].has_value());  // dangling
  EXPECT_FALSE(answers[6].has_value());  // small.yaml/x
  ASSERT_TRUE(answers[3].has_value());
  EXPECT_EQ(answers[3]->st_size, 12);  // the link's target, small.yaml
  ASSERT_TRUE(answers[2].has_value());
  EXPECT_TRUE(S_ISDIR(answers[2]->st_mode));
  ASSERT_TRUE(answers.back().has_value());
  EXPECT_EQ(answers.back()->st_size, 19);
}

TEST_F(StatBatch, PathsGiveWhatStatGivesInOrder) {
  std::vector<fs::path> paths;
  for (const auto& name : names_) paths.push_back(folder_ / name);
  const auto answers = stat_paths(paths);
  ASSERT_EQ(answers.size(), paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    expect_same(answers[i], stat_of(paths[i]), names_[i]);
  }
  EXPECT_FALSE(answers[1].has_value());
  ASSERT_TRUE(answers[0].has_value());
  EXPECT_EQ(answers[0]->st_size, 12);
}

// A folder that is not open is an error for that entry alone.
TEST_F(StatBatch, AnEntryInAFolderThatIsNotOpenGivesNothing) {
  const int fd = ::open(folder_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  const std::vector<FolderEntry> entries{{-1, "small.yaml"}, {fd, "small.yaml"}};
  const auto answers = stat_entries(entries);
  ::close(fd);
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_FALSE(answers[0].has_value());
  EXPECT_TRUE(answers[1].has_value());
}

TEST(StatBatchEmpty, NoNamesNoAnswers) {
  EXPECT_TRUE(stat_entries({}).empty());
  EXPECT_TRUE(stat_paths({}).empty());
}

}  // namespace
}  // namespace negotiateup::io
