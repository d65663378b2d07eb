#include "io/atomic_files.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/staged_folder.hpp"
#include "test_support.hpp"

namespace negotiateup::io {
namespace {

// Our temporary files and folders anywhere under `folder`.
std::size_t temporaries(const std::filesystem::path& folder) {
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (entry.path().filename().string().starts_with(kTemporaryPrefix)) ++count;
  }
  return count;
}

TEST(AtomicFiles, WritesEveryFileAndLeavesNoTemporaries) {
  const auto folder = test::fresh_folder("atomic-ok");
  const std::vector<FileContent> files{{folder / "a" / "one.yaml", "one\n"},
                                       {folder / "two.yaml", "two\n"}};
  const auto written = write_files_atomically(folder, files);
  ASSERT_TRUE(written.has_value()) << written.error();
  EXPECT_EQ(*written, 2u);
  EXPECT_EQ(test::read_file(folder / "a" / "one.yaml"), "one\n");
  EXPECT_EQ(test::read_file(folder / "two.yaml"), "two\n");
  EXPECT_EQ(temporaries(folder), 0u);
  std::filesystem::remove_all(folder);
}

TEST(AtomicFiles, AFailedWriteLeavesEveryTargetAsItWas) {
  const auto folder = test::fresh_folder("atomic-fail");
  test::write_file(folder / "kept.yaml", "old\n");
  test::write_file(folder / "blocker", "a file where a folder is needed\n");
  const std::vector<FileContent> files{{folder / "kept.yaml", "new\n"},
                                       {folder / "blocker" / "inner.yaml", "x\n"}};
  const auto result = write_files_atomically(folder, files);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().to_string().find("blocker"), std::string::npos) << result.error();
  EXPECT_EQ(test::read_file(folder / "kept.yaml"), "old\n");
  EXPECT_EQ(temporaries(folder), 0u);
  std::filesystem::remove_all(folder);
}

ino_t inode_of(const std::filesystem::path& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 ? info.st_ino : 0;
}

TEST(AtomicFiles, OnlyFilesThatChangedAreWritten) {
  const auto folder = test::fresh_folder("atomic-changed");
  const auto deeper = folder / "new" / "deeper";
  const auto write = [&](const std::string& b) {
    const std::vector<FileContent> files{
        {deeper / "a.md", "A\n"}, {deeper / "b.md", b}, {folder / "c.md", ""}};
    return write_files_atomically(folder, files, Durability::flushed, /*only_changed=*/true);
  };
  auto written = write("B\n");
  ASSERT_TRUE(written.has_value()) << written.error();
  EXPECT_EQ(*written, 3u);
  const auto kept = inode_of(deeper / "a.md");
  const auto replaced = inode_of(deeper / "b.md");
  // A second name keeps the old b.md's inode in use: freed, the file system could
  // hand it to one of the files written below.
  std::filesystem::create_hard_link(deeper / "b.md", folder / "old-b.md");
  // Same content: left alone. A longer, a shorter or another text: written.
  for (const std::string other : {"B\nB\n", "", "C\n"}) {
    written = write(other);
    ASSERT_TRUE(written.has_value()) << written.error();
    EXPECT_EQ(*written, 1u) << other;
    EXPECT_EQ(test::read_file(deeper / "b.md"), other);
  }
  EXPECT_EQ(inode_of(deeper / "a.md"), kept);
  EXPECT_NE(inode_of(deeper / "b.md"), replaced);
  EXPECT_EQ(temporaries(folder), 0u);
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

TEST(PendingFiles, AppearOnlyWhenCommittedInTheOrderAdded) {
  const auto folder = test::fresh_folder("pending-commit");
  test::write_file(folder / "cache", "old\n");
  auto pending = PendingFiles::begin(folder, Durability::unflushed);
  ASSERT_TRUE(pending.has_value()) << pending.error();
  ASSERT_TRUE(pending->add("cache", "new\n").has_value());
  ASSERT_TRUE(pending->add("deep/er/other", "other\n").has_value());
  EXPECT_EQ(test::read_file(folder / "cache"), "old\n");
  EXPECT_FALSE(std::filesystem::exists(folder / "deep" / "er" / "other"));
  EXPECT_EQ(temporaries(folder), 1u);  // the run's own folder
  ASSERT_TRUE(pending->commit().has_value());
  EXPECT_EQ(test::read_file(folder / "cache"), "new\n");
  EXPECT_EQ(test::read_file(folder / "deep" / "er" / "other"), "other\n");
  EXPECT_EQ(temporaries(folder), 0u);
  std::filesystem::remove_all(folder);
}

TEST(PendingFiles, DroppedUncommittedLeaveNothingAndTheTargetsAsTheyWere) {
  const auto folder = test::fresh_folder("pending-drop");
  test::write_file(folder / "cache", "old\n");
  {
    auto pending = PendingFiles::begin(folder, Durability::unflushed);
    ASSERT_TRUE(pending.has_value()) << pending.error();
    ASSERT_TRUE(pending->add("cache", "new\n").has_value());
    auto moved = std::move(*pending);  // the moved-from one removes nothing twice
    EXPECT_EQ(temporaries(folder), 1u);
  }
  EXPECT_EQ(test::read_file(folder / "cache"), "old\n");
  EXPECT_EQ(temporaries(folder), 0u);
  std::filesystem::remove_all(folder);
}

pid_t ended_process() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  return child;
}

TEST(PendingFiles, ANewRunRemovesWhatKilledRunsLeftAndNothingElse) {
  const auto folder = test::fresh_folder("pending-killed");
  const auto prefix = std::string(kTemporaryPrefix);
  const auto dead = std::to_string(ended_process());
  const auto live = std::to_string(::getppid());
  const auto dead_run = folder / (prefix + dead + ".0");
  const auto dead_staging = folder / (prefix + dead + "-site");
  const auto live_run = folder / (prefix + live + ".3");
  const auto not_ours = folder / (prefix + "x" + dead);
  const auto user_file = folder / ("negotiateup-tmp-" + dead + ".0");
  for (const auto& path : {dead_run, dead_staging, live_run, not_ours}) {
    test::write_file(path / "17", "half\n");
  }
  test::write_file(user_file, "a user's file\n");
  auto pending = PendingFiles::begin(folder, Durability::unflushed);
  ASSERT_TRUE(pending.has_value()) << pending.error();
  EXPECT_FALSE(std::filesystem::exists(dead_run));
  EXPECT_FALSE(std::filesystem::exists(dead_staging));
  EXPECT_TRUE(std::filesystem::exists(live_run));
  EXPECT_TRUE(std::filesystem::exists(not_ours));
  EXPECT_TRUE(std::filesystem::exists(user_file));
  std::filesystem::remove_all(folder);
}

TEST(PendingFiles, ADeviceOrAPipeIsWrittenIntoNeverReplaced) {
  const auto folder = test::fresh_folder("pending-devices");
  std::filesystem::create_symlink("/dev/null", folder / "null-link");
  ASSERT_TRUE(write_file_atomically(folder / "null-link", "rejects\n").has_value());
  EXPECT_TRUE(std::filesystem::is_symlink(folder / "null-link"));
  EXPECT_TRUE(std::filesystem::is_character_file("/dev/null"));
  ASSERT_TRUE(write_file_atomically("/dev/null", "rejects\n").has_value());
  EXPECT_TRUE(std::filesystem::is_character_file("/dev/null"));

  const auto fifo = folder / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // Nobody reads it: an error, not a hang.
  const auto unread = write_file_atomically(fifo, "x\n");
  ASSERT_FALSE(unread.has_value());
  EXPECT_NE(unread.error().to_string().find("nothing reads"), std::string::npos) << unread.error();
  const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(reader, 0);
  ASSERT_TRUE(write_file_atomically(fifo, "through the pipe\n").has_value());
  char buffer[64] = {};
  EXPECT_EQ(::read(reader, buffer, sizeof buffer), 17);
  EXPECT_EQ(std::string(buffer), "through the pipe\n");
  ::close(reader);
  EXPECT_TRUE(std::filesystem::is_fifo(fifo));
  EXPECT_EQ(temporaries(folder), 0u);
  std::filesystem::remove_all(folder);
}

TEST(PendingFiles, AFolderOrALinkToAFileIsRefusedAndLeftAlone) {
  const auto folder = test::fresh_folder("pending-refused");
  test::write_file(folder / "real.csv", "kept\n");
  std::filesystem::create_symlink("real.csv", folder / "link.csv");
  std::filesystem::create_directories(folder / "a-folder");
  for (const auto& [name, expected] :
       {std::pair{"link.csv", "a symbolic link to a file"}, std::pair{"a-folder", "a folder"}}) {
    const auto refused = write_file_atomically(folder / name, "new\n");
    ASSERT_FALSE(refused.has_value()) << name;
    EXPECT_EQ(refused.error().kind, core::ErrorKind::bad_input) << name;
    EXPECT_NE(refused.error().to_string().find(expected), std::string::npos) << refused.error();
  }
  EXPECT_TRUE(std::filesystem::is_symlink(folder / "link.csv"));
  EXPECT_EQ(test::read_file(folder / "real.csv"), "kept\n");
  EXPECT_EQ(temporaries(folder), 0u);
  std::filesystem::remove_all(folder);
}

// A path out of the root is refused before anything is read there: a file
// outside that already holds the content is not "unchanged".
TEST(PendingFiles, APathOutOfTheRootIsRefusedChangedOrNot) {
  const auto folder = test::fresh_folder("pending-outside");
  test::write_file(folder / "outside.csv", "same\n");
  std::filesystem::create_directories(folder / "root");
  auto pending = PendingFiles::begin(folder / "root", Durability::unflushed);
  ASSERT_TRUE(pending.has_value()) << pending.error();
  for (const auto* path : {"../outside.csv", "a/../../outside.csv", "/etc/hostname"}) {
    const auto changed = pending->add_if_changed(path, "same\n");
    EXPECT_FALSE(changed.has_value()) << path;
    EXPECT_FALSE(pending->add(path, "same\n").has_value()) << path;
  }
  EXPECT_EQ(pending->size(), 0u);
  EXPECT_EQ(test::read_file(folder / "outside.csv"), "same\n");
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

TEST(StagedFolder, RemovesWhatKilledRunsLeftBesideItButNotALiveRunsFolder) {
  const auto parent = test::fresh_folder("staged-killed");
  const auto prefix = std::string(kTemporaryPrefix);
  const auto dead = std::to_string(ended_process());
  const auto dead_site = parent / (prefix + dead + "-site");
  const auto dead_other = parent / (prefix + dead + "-my-site");
  const auto live = parent / (prefix + std::to_string(::getppid()) + "-site");
  for (const auto& folder : {dead_site, dead_other, live}) {
    test::write_file(folder / "a.md", "A\n");
  }
  auto staged = StagedFolder::create(parent / "site");
  ASSERT_TRUE(staged.has_value());
  EXPECT_FALSE(std::filesystem::exists(dead_site));
  EXPECT_FALSE(std::filesystem::exists(dead_other));
  EXPECT_TRUE(std::filesystem::exists(live));
  std::filesystem::remove_all(parent);
}

}  // namespace
}  // namespace negotiateup::io
