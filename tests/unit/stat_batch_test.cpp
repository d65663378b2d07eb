#include "io/stat_batch.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

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
  EXPECT_EQ(got->st_nlink, want->st_nlink) << name;
  EXPECT_EQ(got->st_size, want->st_size) << name;
  EXPECT_EQ(got->st_blocks, want->st_blocks) << name;
  EXPECT_EQ(got->st_mtim.tv_sec, want->st_mtim.tv_sec) << name;
  EXPECT_EQ(got->st_mtim.tv_nsec, want->st_mtim.tv_nsec) << name;
  EXPECT_EQ(got->st_ctim.tv_sec, want->st_ctim.tv_sec) << name;
  EXPECT_EQ(got->st_ctim.tv_nsec, want->st_ctim.tv_nsec) << name;
}

// More names than the ring holds, in two folders, files of every size, a folder, a link to a file
// (followed), a dangling link and a name that is not there: each answer is fstatat's.
TEST(StatBatch, GivesWhatFstatatGivesForEveryName) {
  const auto folder = test::fresh_folder("stat-batch");
  std::vector<std::string> names;
  for (int i = 0; i < 700; ++i) {
    const auto name = "file-" + std::to_string(i) + ".yaml";
    test::write_file(folder / name, std::string(static_cast<std::size_t>(i * 7), 'x'));
    names.push_back(name);
  }
  fs::create_directory(folder / "sub");
  fs::create_symlink("file-3.yaml", folder / "link");
  fs::create_symlink("nowhere", folder / "dangling");
  for (const auto* extra : {"sub", "link", "dangling", "missing", "file-699.yaml"}) {
    names.insert(names.begin() + 350, extra);
  }
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  test::write_file(folder / "sub" / "inner.yaml", "in a second folder\n");
  const int sub_fd = ::open((folder / "sub").c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ASSERT_GE(sub_fd, 0);
  std::vector<FolderEntry> entries;
  for (const auto& name : names) entries.push_back({fd, name});
  entries.insert(entries.begin() + 100, {sub_fd, "inner.yaml"});
  names.insert(names.begin() + 100, "sub/inner.yaml");
  const auto batched = stat_entries(entries, StatMethod::batched);
  const auto plain = stat_entries(entries, StatMethod::one_by_one);
  ::close(fd);
  ::close(sub_fd);
  ASSERT_EQ(batched.size(), names.size());
  ASSERT_EQ(plain.size(), names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    struct stat info {};
    const bool found = ::stat((folder / names[i]).c_str(), &info) == 0;
    expect_same(plain[i], found ? std::optional(info) : std::nullopt, names[i]);
    expect_same(batched[i], plain[i], names[i]);
  }
  const auto answer = [&](std::string_view name) {
    return batched[static_cast<std::size_t>(std::find(names.begin(), names.end(), name) -
                                            names.begin())];
  };
  EXPECT_FALSE(answer("missing").has_value());
  EXPECT_FALSE(answer("dangling").has_value());
  ASSERT_TRUE(answer("link").has_value());
  EXPECT_EQ(answer("link")->st_size, 21);  // file-3.yaml's
  ASSERT_TRUE(answer("sub").has_value());
  EXPECT_TRUE(S_ISDIR(answer("sub")->st_mode));
  fs::remove_all(folder);
}

TEST(StatBatch, NoNamesNoAnswers) {
  EXPECT_TRUE(stat_entries({}).empty());
}

}  // namespace
}  // namespace negotiateup::io
