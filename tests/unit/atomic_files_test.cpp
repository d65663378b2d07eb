#include "io/atomic_files.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/staged_folder.hpp"
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

ino_t inode_of(const std::filesystem::path& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 ? info.st_ino : 0;
}

TEST(AtomicFiles, OnlyFilesOfOneFolderThatChangedAreWritten) {
  const auto folder = test::fresh_folder("atomic-folder");
  const auto deeper = folder / "new" / "deeper";
  auto open = Folder::open(deeper);
  ASSERT_TRUE(open.has_value()) << open.error();
  const std::vector<NamedContent> files{{"a.md", "A\n"}, {"b.md", "B\n"}, {"c.md", ""}};
  auto written = write_changed_files_atomically(*open, files, Durability::unflushed);
  ASSERT_TRUE(written.has_value()) << written.error();
  EXPECT_EQ(*written, 3u);
  EXPECT_EQ(test::read_file(deeper / "b.md"), "B\n");
  const auto kept = inode_of(deeper / "a.md");
  const auto replaced = inode_of(deeper / "b.md");
  // A second name keeps the old b.md's inode in use: freed, the file system could
  // hand it to one of the files written below.
  std::filesystem::create_hard_link(deeper / "b.md", folder / "old-b.md");
  // Same content: left alone. A longer, a shorter or another text: written.
  for (const std::string other : {"B\nB\n", "", "C\n"}) {
    const std::vector<NamedContent> again{{"a.md", "A\n"}, {"b.md", other}, {"c.md", ""}};
    written = write_changed_files_atomically(*open, again, Durability::flushed);
    ASSERT_TRUE(written.has_value()) << written.error();
    EXPECT_EQ(*written, 1u) << other;
    EXPECT_EQ(test::read_file(deeper / "b.md"), other);
  }
  EXPECT_EQ(inode_of(deeper / "a.md"), kept);
  EXPECT_NE(inode_of(deeper / "b.md"), replaced);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    EXPECT_FALSE(entry.path().filename().string().starts_with(kTemporaryPrefix)) << entry.path();
  }
  std::filesystem::remove_all(folder);
}

TEST(AtomicFiles, OnlyFilesThatChangedAreWrittenAcrossFolders) {
  const auto folder = test::fresh_folder("atomic-changed");
  const std::vector<FileContent> files{{folder / "a" / "one.yaml", "one\n"},
                                       {folder / "two.yaml", "two\n"}};
  auto written = write_changed_files_atomically(files);
  ASSERT_TRUE(written.has_value()) << written.error();
  EXPECT_EQ(*written, 2u);
  const auto kept = inode_of(folder / "a" / "one.yaml");
  written = write_changed_files_atomically(
      {{folder / "a" / "one.yaml", "one\n"}, {folder / "two.yaml", "TWO\n"}});
  ASSERT_TRUE(written.has_value()) << written.error();
  EXPECT_EQ(*written, 1u);
  EXPECT_EQ(inode_of(folder / "a" / "one.yaml"), kept);
  EXPECT_EQ(test::read_file(folder / "two.yaml"), "TWO\n");
  std::filesystem::remove_all(folder);
}

TEST(AtomicFiles, NewFilesAreNeverWrittenOverExistingOnes) {
  const auto folder = test::fresh_folder("atomic-new");
  auto open = Folder::open(folder);
  ASSERT_TRUE(open.has_value());
  const std::vector<NamedContent> files{{"a.md", "A\n"}};
  ASSERT_TRUE(write_new_files(*open, files).has_value());
  EXPECT_EQ(test::read_file(folder / "a.md"), "A\n");
  const std::vector<NamedContent> again{{"a.md", "other\n"}};
  const auto refused = write_new_files(*open, again);
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().to_string().find("a.md"), std::string::npos) << refused.error();
  EXPECT_EQ(test::read_file(folder / "a.md"), "A\n");
  std::filesystem::remove_all(folder);
}

// Our temporary files and staging folders in `folder`.
std::size_t temporaries(const std::filesystem::path& folder) {
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().filename().string().starts_with(kTemporaryPrefix)) ++count;
  }
  return count;
}

TEST(PendingFiles, AppearOnlyWhenCommitted) {
  const auto folder = test::fresh_folder("pending-commit");
  test::write_file(folder / "cache", "old\n");
  auto open = Folder::open(folder);
  ASSERT_TRUE(open.has_value());
  const std::vector<NamedContent> files{{"cache", "new\n"}, {"other", "other\n"}};
  auto pending = PendingFiles::write(*open, files, Durability::unflushed);
  ASSERT_TRUE(pending.has_value()) << pending.error();
  EXPECT_EQ(test::read_file(folder / "cache"), "old\n");
  EXPECT_FALSE(std::filesystem::exists(folder / "other"));
  EXPECT_EQ(temporaries(folder), 2u);
  ASSERT_TRUE(pending->commit().has_value());
  EXPECT_EQ(test::read_file(folder / "cache"), "new\n");
  EXPECT_EQ(test::read_file(folder / "other"), "other\n");
  EXPECT_EQ(temporaries(folder), 0u);
  std::filesystem::remove_all(folder);
}

TEST(PendingFiles, DroppedUncommittedLeaveNothingAndTheTargetsAsTheyWere) {
  const auto folder = test::fresh_folder("pending-drop");
  test::write_file(folder / "cache", "old\n");
  auto open = Folder::open(folder);
  ASSERT_TRUE(open.has_value());
  const std::vector<NamedContent> files{{"cache", "new\n"}};
  {
    auto pending = PendingFiles::write(*open, files, Durability::unflushed);
    ASSERT_TRUE(pending.has_value()) << pending.error();
    auto moved = std::move(*pending);  // the moved-from one removes nothing twice
    EXPECT_EQ(temporaries(folder), 1u);
  }
  EXPECT_EQ(test::read_file(folder / "cache"), "old\n");
  EXPECT_EQ(temporaries(folder), 0u);
  std::filesystem::remove_all(folder);
}

TEST(StagedFolder, IsInvisibleUntilPublishedThenBecomesTheTarget) {
  const auto parent = test::fresh_folder("staged-publish");
  const auto target = parent / "site";
  auto staged = StagedFolder::create(target);
  ASSERT_TRUE(staged.has_value()) << staged.error();
  EXPECT_EQ(staged->path().parent_path(), parent);
  test::write_file(staged->path() / "guides" / "a.md", "A\n");
  EXPECT_FALSE(std::filesystem::exists(target));
  ASSERT_TRUE(staged->publish().has_value());
  EXPECT_EQ(test::read_file(target / "guides" / "a.md"), "A\n");
  EXPECT_EQ(temporaries(parent), 0u);
  std::filesystem::remove_all(parent);
}

TEST(StagedFolder, AnUnpublishedFolderIsRemovedAndATargetThatAppearedIsKept) {
  const auto parent = test::fresh_folder("staged-abandon");
  const auto target = parent / "site";
  {
    auto staged = StagedFolder::create(target);
    ASSERT_TRUE(staged.has_value());
    test::write_file(staged->path() / "a.md", "A\n");
    EXPECT_EQ(temporaries(parent), 1u);
  }
  EXPECT_EQ(temporaries(parent), 0u);
  EXPECT_FALSE(std::filesystem::exists(target));
  {
    auto staged = StagedFolder::create(target);
    ASSERT_TRUE(staged.has_value());
    test::write_file(staged->path() / "a.md", "new\n");
    // Someone else's site appeared meanwhile, even an empty one: it is kept.
    std::filesystem::create_directories(target);
    const auto published = staged->publish();
    ASSERT_FALSE(published.has_value());
    EXPECT_NE(published.error().to_string().find(target.string()), std::string::npos)
        << published.error();
  }
  EXPECT_TRUE(std::filesystem::is_empty(target));
  EXPECT_EQ(temporaries(parent), 0u);
  std::filesystem::remove_all(parent);
}

TEST(StagedFolder, RemovesWhatAKilledRunLeftBehindButNotALiveRunsFolder) {
  const auto parent = test::fresh_folder("staged-killed");
  // A process that has ended: its staging folder is abandoned.
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ASSERT_GT(child, 0);
  ::waitpid(child, nullptr, 0);
  const auto prefix = std::string(kTemporaryPrefix);
  const auto dead = parent / (prefix + std::to_string(child) + "-site");
  const auto live = parent / (prefix + std::to_string(::getppid()) + "-site");
  const auto other_target = parent / (prefix + std::to_string(child) + "-my-site");
  for (const auto& folder : {dead, live, other_target}) {
    test::write_file(folder / "a.md", "A\n");
  }
  auto staged = StagedFolder::create(parent / "site");
  ASSERT_TRUE(staged.has_value());
  EXPECT_FALSE(std::filesystem::exists(dead));
  EXPECT_TRUE(std::filesystem::exists(live));
  EXPECT_TRUE(std::filesystem::exists(other_target));
  std::filesystem::remove_all(parent);
}

}  // namespace
}  // namespace negotiateup::io
