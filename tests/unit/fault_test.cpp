// Faults a user's machine meets: a kill at any moment, a full disk, two writers
// at once. Each writing command runs as the real program and is killed at
// kKills points spread over its run. After each kill every file is whole and is
// either its old or its new version; the next run succeeds, leaves the new state
// and no temporary file (docs/architecture.md, "Writes").
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include "io/atomic_files.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

namespace negotiateup {
namespace {

namespace fs = std::filesystem;
using std::chrono::microseconds;

// Under the sanitizers (the asan preset) each run takes 10 to 25 times as long.
// There a few kills, on the first rows of each data set and a smaller site, show
// that every recovery path is memory-safe; the normal build's 20 kills per
// command, on the whole data sets, give the figures (docs/hardening.md).
#if defined(__SANITIZE_ADDRESS__)
constexpr int kKills = 4;
constexpr int kWriterRounds = 1;
constexpr std::size_t kDataRows = 10'000;
constexpr int kBuiltCompanies = 10;
#else
constexpr int kKills = 20;
constexpr int kWriterRounds = 3;
constexpr std::size_t kDataRows = 0;  // all
constexpr int kBuiltCompanies = 20;   // of 10 roles each: 200 guides
#endif

// Every regular file under `folder` by its path there, except our temporaries
// (temporaries_under) and the build's own records, the manifest and the catalog
// cache, which hold the stamps of files and folders.
using Files = std::map<std::string, std::string>;

Files files_of(const fs::path& folder) {
  Files files;
  if (!fs::exists(folder)) return files;
  for (auto entry = fs::recursive_directory_iterator(folder);
       entry != fs::recursive_directory_iterator(); ++entry) {
    const auto name = entry->path().filename().string();
    if (name.starts_with(io::kTemporaryPrefix)) {
      entry.disable_recursion_pending();
      continue;
    }
    if (!entry->is_regular_file() || name == ".negotiateup-catalog.cache" ||
        name == ".negotiateup-build.json") {
      continue;
    }
    files[entry->path().lexically_relative(folder).string()] = test::read_file(entry->path());
  }
  return files;
}

// Our temporaries anywhere under `folder`.
std::vector<std::string> temporaries_under(const fs::path& folder) {
  std::vector<std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.path().filename().string().starts_with(io::kTemporaryPrefix)) {
      found.push_back(entry.path().string());
    }
  }
  return found;
}

// The first few paths where two sets of files differ: a readable failure.
std::string differences(const Files& now, const Files& expected) {
  std::vector<std::string> paths;
  for (const auto& [path, content] : now) {
    const auto other = expected.find(path);
    if (other == expected.end()) {
      paths.push_back("+" + path);
    } else if (other->second != content) {
      paths.push_back("~" + path);
    }
  }
  for (const auto& [path, content] : expected) {
    if (!now.contains(path)) paths.push_back("-" + path);
  }
  std::string text;
  for (std::size_t i = 0; i < paths.size() && i < 5; ++i) text += paths[i] + " ";
  if (paths.size() > 5) text += fmt::format("and {} more", paths.size() - 5);
  return text;
}

enum class State { old_state, new_state, mixed };

// Whether `now` is the old files, the new ones, or a mix where each file is one
// or the other; a file that is neither fails the test.
State classify(const Files& now, const Files& before, const Files& after) {
  bool has_old = false;
  bool has_new = false;
  for (const auto& [path, content] : now) {
    const auto old_version = before.find(path);
    const auto new_version = after.find(path);
    const bool is_old = old_version != before.end() && old_version->second == content;
    const bool is_new = new_version != after.end() && new_version->second == content;
    EXPECT_TRUE(is_old || is_new) << path << " is neither its old nor its new version";
    if (is_old && !is_new) has_old = true;
    if (is_new && !is_old) has_new = true;
  }
  for (const auto& [path, content] : before) {
    if (!now.contains(path) && after.contains(path)) {
      ADD_FAILURE() << path << " is missing, though it is in the old and the new state";
    } else if (!now.contains(path)) {
      has_new = true;
    }
  }
  for (const auto& [path, content] : after) {
    if (!now.contains(path) && !before.contains(path)) has_old = true;
  }
  if (has_old && has_new) return State::mixed;
  return has_new ? State::new_state : State::old_state;
}

pid_t start(const std::vector<std::string>& arguments) {
  const pid_t child = ::fork();
  if (child == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDOUT_FILENO);
    ::dup2(null, STDERR_FILENO);
    std::vector<char*> argv{const_cast<char*>(NEGOTIATEUP_BINARY)};
    for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    ::execv(NEGOTIATEUP_BINARY, argv.data());
    ::_exit(127);
  }
  return child;
}

// How a run given a kill point ended: killed, or ended on its own after `ran`.
struct RunEnd {
  bool killed = false;
  microseconds ran{};
};

// Kills the run started at `started` once `delay` has passed, unless it ends
// first.
RunEnd kill_after(pid_t child, std::chrono::steady_clock::time_point started, microseconds delay) {
  int status = 0;
  for (;;) {
    const auto ran =
        std::chrono::duration_cast<microseconds>(std::chrono::steady_clock::now() - started);
    if (::waitpid(child, &status, WNOHANG) == child) return {false, ran};
    if (ran >= delay) break;
    std::this_thread::sleep_for(std::min(microseconds(200), delay - ran));
  }
  ::kill(child, SIGKILL);
  ::waitpid(child, &status, 0);
  return {WIFSIGNALED(status), delay};
}

// How long one whole run from the old state (`reset`) takes.
microseconds time_of(const std::vector<std::string>& arguments,
                     const std::function<void()>& reset) {
  reset();
  const auto started = std::chrono::steady_clock::now();
  int status = 0;
  ::waitpid(start(arguments), &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << arguments.front();
  return std::chrono::duration_cast<microseconds>(std::chrono::steady_clock::now() - started);
}

struct KillRuns {
  int killed = 0;
  microseconds duration{};  // of a run, as last measured
};

// Runs `command` kKills times from the old state (`reset`), each killed at a
// point at random within one of kKills equal slices of 1.1 times its duration:
// the last points fall past its end. `after_each` checks what each run left.
// The duration is first that of one whole run. A run that ends before a
// point meant to fall inside it shows that runs are faster now (the suite
// starts many tests at once, and the machine grows quieter as they end): the
// duration becomes that run's and the point is tried again at its place in it,
// up to three times, so that the points keep their spread.
KillRuns kill_runs(const std::vector<std::string>& command, const std::function<void()>& reset,
                   unsigned seed, const std::function<void(microseconds point)>& after_each) {
  KillRuns runs{.duration = time_of(command, reset)};
  std::mt19937 random(seed);
  const std::int64_t slice = 1100 / kKills;  // in thousandths of the duration
  std::uniform_int_distribution<std::int64_t> within(0, slice);
  for (int i = 0; i < kKills; ++i) {
    const auto thousandths = slice * i + within(random);
    auto point = runs.duration * thousandths / 1000;
    for (int attempt = 1;; ++attempt) {
      reset();
      const auto started = std::chrono::steady_clock::now();
      const auto end = kill_after(start(command), started, point);
      if (end.killed) ++runs.killed;
      if (end.killed || thousandths > 1000 || attempt == 3) break;
      runs.duration = end.ran;
      point = runs.duration * thousandths / 1000;
    }
    after_each(point);
  }
  return runs;
}

std::string with_words(const std::vector<std::string>& arguments) {
  std::string line;
  for (const auto& argument : arguments) line += (line.empty() ? "" : " ") + argument;
  return line;
}

void copy_folder(const fs::path& from, const fs::path& to) {
  fs::remove_all(to);
  fs::copy(from, to, fs::copy_options::recursive);
}

std::string make_catalog(const fs::path& folder, int companies, unsigned seed) {
  const auto command =
      fmt::format("'{}' --companies {} --roles 10 --seed {} --out '{}' > /dev/null",
                  NEGOTIATEUP_BENCH_CATALOG, companies, seed, folder.string());
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  return folder.string();
}

// What the kills of one command left.
struct Tally {
  int killed = 0;
  int old_state = 0;
  int new_state = 0;
  int mixed = 0;
};

// Runs `command` killed at kKills points (kill_runs); before each run `reset`
// puts the old state back. After each kill the state is classified, then
// `command` runs again to its end: the new state, no temporary under `watched`.
Tally kill_and_rerun(const std::vector<std::string>& command, const std::function<void()>& reset,
                     const fs::path& state_folder, const fs::path& watched, const Files& before,
                     const Files& after, unsigned seed) {
  Tally tally;
  const auto runs = kill_runs(command, reset, seed, [&](microseconds point) {
    switch (classify(files_of(state_folder), before, after)) {
      case State::old_state:
        ++tally.old_state;
        break;
      case State::new_state:
        ++tally.new_state;
        break;
      case State::mixed:
        ++tally.mixed;
        break;
    }
    const auto next = test::run(with_words(command));
    EXPECT_EQ(next.status, 0) << next.out;
    EXPECT_EQ(differences(files_of(state_folder), after), "")
        << "after a kill at " << point.count() << " us";
    EXPECT_EQ(temporaries_under(watched), std::vector<std::string>{});
  });
  tally.killed = runs.killed;
  std::cout << fmt::format(
      "{}: {} runs of {} us, {} killed: {} left the old state, {} the new, {} a mix\n",
      command.front(), kKills, runs.duration.count(), tally.killed, tally.old_state,
      tally.new_state, tally.mixed);
  EXPECT_GE(tally.killed, kKills / 2) << "the kill points missed the run";
  return tally;
}

TEST(Faults, AKilledFirstBuildLeavesNoSiteOrTheWholeOne) {
  const auto folder = test::fresh_folder("fault-first-build");
  const auto catalog = make_catalog(folder / "catalog", kBuiltCompanies, 42);
  ASSERT_EQ(
      test::run("build --catalog " + catalog + " --out " + (folder / "expected").string()).status,
      0);
  const auto expected = files_of(folder / "expected");
  const auto site = folder / "site";
  const auto tally = kill_and_rerun(
      {"build", "--catalog", catalog, "--out", site.string()}, [&] { fs::remove_all(site); }, site,
      folder, {}, expected, 1);
  EXPECT_EQ(tally.mixed, 0) << "a first build is published whole";
  fs::remove_all(folder);
}

// The weaker promise of a rebuild (docs/architecture.md, "Writes"): the old site
// up to the renames at its end, each file whole; the next run finishes it.
TEST(Faults, AKilledRebuildLeavesEachFileOldOrNewAndTheNextRunFinishesIt) {
  const auto folder = test::fresh_folder("fault-rebuild");
  const auto old_catalog = make_catalog(folder / "old-catalog", kBuiltCompanies, 42);
  const auto new_catalog = make_catalog(folder / "new-catalog", kBuiltCompanies, 7);
  for (const auto& [catalog, out] :
       {std::pair{old_catalog, "old-site"}, std::pair{new_catalog, "new-site"}}) {
    ASSERT_EQ(test::run("build --catalog " + catalog + " --out " + (folder / out).string()).status,
              0);
  }
  const auto before = files_of(folder / "old-site");
  const auto after = files_of(folder / "new-site");
  ASSERT_NE(before, after);
  const auto site = folder / "site";
  const auto tally = kill_and_rerun(
      {"build", "--catalog", new_catalog, "--out", site.string()},
      [&] { copy_folder(folder / "old-site", site); }, site, site, before, after, 2);
  EXPECT_GT(tally.old_state, 0);
  fs::remove_all(folder);
}

TEST(Faults, AKilledImportLeavesEachCatalogFileOldOrNew) {
  const auto folder = test::fresh_folder("fault-import");
  const auto old_catalog = make_catalog(folder / "old-catalog", 10, 42);
  const auto guides_from = make_catalog(folder / "other-catalog", 10, 7);
  ASSERT_EQ(
      test::run("build --catalog " + guides_from + " --out " + (folder / "other").string()).status,
      0);
  std::vector<std::string> command{"import", "--catalog", (folder / "catalog").string()};
  for (const auto& entry : fs::recursive_directory_iterator(folder / "other" / "guides")) {
    if (entry.path().extension() == ".md") command.push_back(entry.path().string());
  }
  copy_folder(old_catalog, folder / "catalog");
  ASSERT_EQ(test::run(with_words(command)).status, 0);
  const auto after = files_of(folder / "catalog");
  const auto before = files_of(old_catalog);
  ASSERT_NE(before, after);
  kill_and_rerun(
      command, [&] { copy_folder(old_catalog, folder / "catalog"); }, folder / "catalog",
      folder / "catalog", before, after, 3);
  fs::remove_all(folder);
}

std::size_t points_in(const fs::path& db) {
  auto store = store::open_store(db.string());
  EXPECT_TRUE(store.has_value()) << store.error();
  return store ? (*store)->count() : 0;
}

// A shared data set, or its header and first kDataRows rows copied into `folder`
// (in both sets that line falls between two records).
fs::path data_set(const std::string& name, const fs::path& folder) {
  const auto whole = test::shared_dir() / "data" / name / "salaries.csv";
  if (kDataRows == 0) return whole;
  const auto rows = folder / (name + ".csv");
  if (fs::exists(rows)) return rows;
  std::ifstream in(whole, std::ios::binary);
  std::ofstream out(rows, std::ios::binary);
  std::string line;
  for (std::size_t i = 0; i <= kDataRows && std::getline(in, line); ++i) out << line << '\n';
  return rows;
}

fs::path levels_fyi(const fs::path& folder) {
  return data_set("levels-fyi-2017-2021", folder);
}

fs::path aijobs(const fs::path& folder) {
  return data_set("ai-jobs-net-salaries", folder);
}

TEST(Faults, AKilledIngestStoresTheWholeFileOrNoneOfItAndItsReportFirst) {
  const auto folder = test::fresh_folder("fault-ingest");
  const auto pristine = folder / "pristine.db";
  // Points stored before, which no kill may touch.
  ASSERT_EQ(
      test::run("ingest " + aijobs(folder).string() + " --profile aijobs --db " + pristine.string())
          .status,
      0);
  const auto stored_before = points_in(pristine);
  const auto db = folder / "store.db";
  const auto rejects = folder / "reports" / "rejects.csv";
  const std::vector<std::string> command{"ingest",    levels_fyi(folder).string(),
                                         "--profile", "levels-fyi",
                                         "--db",      db.string(),
                                         "--rejects", rejects.string()};
  fs::copy_file(pristine, db);
  ASSERT_EQ(test::run(with_words(command)).status, 0);
  const auto stored_after = points_in(db);
  const auto report = test::read_file(rejects);
  ASSERT_GT(stored_after, stored_before);
  int none = 0;
  int all = 0;
  const auto reset = [&] {
    fs::remove_all(folder / "reports");
    fs::remove(db);
    fs::copy_file(pristine, db);
  };
  const auto runs = kill_runs(command, reset, 4, [&](microseconds) {
    const auto count = points_in(db);
    EXPECT_TRUE(count == stored_before || count == stored_after) << count;
    none += count == stored_before ? 1 : 0;
    all += count == stored_after ? 1 : 0;
    // The report is in place before a row is committed.
    if (count == stored_after || fs::exists(rejects)) {
      EXPECT_EQ(test::read_file(rejects), report);
    }
    const auto next = test::run(with_words(command));
    EXPECT_EQ(next.status, 0) << next.out;
    EXPECT_EQ(points_in(db), stored_after);
    EXPECT_EQ(test::read_file(rejects), report);
    EXPECT_EQ(temporaries_under(folder), std::vector<std::string>{});
  });
  std::cout << fmt::format(
      "ingest: {} runs of {} us, {} killed: {} stored none of the file, {} all of it\n", kKills,
      runs.duration.count(), runs.killed, none, all);
  EXPECT_GE(runs.killed, kKills / 2);
  fs::remove_all(folder);
}

// The demo catalog and a store of Levels.fyi points it resolves, for aggregate.
struct AggregateInputs {
  fs::path catalog;
  fs::path db;
  std::vector<std::string> command(const fs::path& into) const {
    return {"aggregate", "--catalog", into.string(), "--db", db.string(),
            "--quarter", "2021-Q2",   "--window",    "8"};
  }
};

AggregateInputs aggregate_inputs(const fs::path& folder) {
  AggregateInputs inputs{folder / "demo-catalog", folder / "levels.db"};
  copy_folder(test::repository() / "catalog", inputs.catalog);
  const auto ingest = test::run(
      "ingest " + levels_fyi(folder).string() + " --profile levels-fyi --db " + inputs.db.string() +
      " --catalog " + inputs.catalog.string() + " --rejects " + (folder / "rejects.csv").string());
  EXPECT_EQ(ingest.status, 0) << ingest.out;
  return inputs;
}

TEST(Faults, AKilledAggregateLeavesEachBandFileOldOrNew) {
  const auto folder = test::fresh_folder("fault-aggregate");
  const auto inputs = aggregate_inputs(folder);
  const auto catalog = folder / "catalog";
  const auto command = inputs.command(catalog);
  copy_folder(inputs.catalog, catalog);
  ASSERT_EQ(test::run(with_words(command)).status, 0);
  const auto before = files_of(inputs.catalog);
  const auto after = files_of(catalog);
  ASSERT_NE(before, after);
  kill_and_rerun(
      command, [&] { copy_folder(inputs.catalog, catalog); }, catalog, catalog, before, after, 5);
  fs::remove_all(folder);
}

// A small tmpfs of its own, unmounted at the end; mounting needs root, as the
// test command has in CI.
class SmallDisk {
 public:
  explicit SmallDisk(fs::path path) : path_(std::move(path)) {
    fs::create_directories(path_);
    mounted_ = ::mount("tmpfs", path_.c_str(), "tmpfs", 0, "size=32m") == 0;
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(path_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  // Leaves about `bytes` free.
  void fill_leaving(std::uintmax_t bytes) {
    const auto space = fs::space(path_);
    std::ofstream filler(path_ / "filler", std::ios::binary);
    const std::string block(4096, 'x');
    for (std::uintmax_t left = space.available > bytes ? space.available - bytes : 0;
         left >= block.size(); left -= block.size()) {
      filler.write(block.data(), static_cast<std::streamsize>(block.size()));
    }
  }
  void free_space() { fs::remove(path_ / "filler"); }

 private:
  fs::path path_;
  bool mounted_ = false;
};

// On a full disk each command fails naming where, says what to do, and leaves
// the old state and no temporary; with space again, the next run succeeds.
void full_disk_commands(const fs::path& folder) {
  SmallDisk disk(folder / "disk");
  if (!disk.mounted()) GTEST_SKIP() << "mounting a tmpfs needs root (the test command has it)";
  const auto inputs = aggregate_inputs(folder);
  const auto old_catalog = make_catalog(folder / "old-catalog", 20, 42);
  const auto new_catalog = make_catalog(folder / "new-catalog", 20, 7);
  const auto on_disk = folder / "disk";

  struct Case {
    std::string name;
    std::vector<std::string> command;
    std::function<void()> reset;
    fs::path state;
    std::uintmax_t free;  // left free on the disk: less than the command writes
  };
  const auto site = on_disk / "site";
  const auto catalog = on_disk / "catalog";
  const std::vector<Case> cases{
      {"rebuild",
       {"build", "--catalog", new_catalog, "--out", site.string()},
       [&] {
         fs::remove_all(site);
         ASSERT_EQ(test::run("build --catalog " + old_catalog + " --out " + site.string()).status,
                   0);
       },
       site,
       64 * 1024},
      {"aggregate", inputs.command(catalog), [&] { copy_folder(inputs.catalog, catalog); }, catalog,
       8 * 1024},
  };
  for (const auto& c : cases) {
    c.reset();
    const auto before = files_of(c.state);
    disk.fill_leaving(c.free);
    const auto full = test::run(with_words(c.command));
    EXPECT_EQ(full.status, 1) << c.name << ": " << full.out;
    EXPECT_NE(full.out.find(on_disk.string()), std::string::npos) << c.name << ": " << full.out;
    EXPECT_NE(full.out.find("free space"), std::string::npos) << c.name << ": " << full.out;
    EXPECT_EQ(differences(files_of(c.state), before), "") << c.name << ": " << full.out;
    EXPECT_EQ(temporaries_under(on_disk), std::vector<std::string>{}) << c.name;
    disk.free_space();
    const auto next = test::run(with_words(c.command));
    EXPECT_EQ(next.status, 0) << c.name << ": " << next.out;
    EXPECT_NE(differences(files_of(c.state), before), "") << c.name;
    EXPECT_EQ(temporaries_under(on_disk), std::vector<std::string>{}) << c.name;
  }
}

TEST(Faults, AFullDiskFailsEachCommandWithItsPathAndLeavesTheOldState) {
  const auto folder = test::fresh_folder("fault-full-disk");
  full_disk_commands(folder);
  fs::remove_all(folder);
}

void full_disk_ingest(const fs::path& folder) {
  SmallDisk disk(folder / "disk");
  if (!disk.mounted()) GTEST_SKIP() << "mounting a tmpfs needs root (the test command has it)";
  const auto db = folder / "disk" / "store.db";
  ASSERT_EQ(test::run("ingest " + aijobs(folder).string() + " --profile aijobs --db " +
                      db.string() + " --rejects " + (folder / "aijobs-rejects.csv").string())
                .status,
            0);
  const auto stored_before = points_in(db);
  const auto command = "ingest " + levels_fyi(folder).string() + " --profile levels-fyi --db " +
                       db.string() + " --rejects " + (folder / "rejects.csv").string();
  disk.fill_leaving(256 * 1024);
  const auto full = test::run(command);
  EXPECT_EQ(full.status, 1) << full.out;
  EXPECT_NE(full.out.find("sqlite:" + db.string()), std::string::npos) << full.out;
  EXPECT_NE(full.out.find("free space"), std::string::npos) << full.out;
  disk.free_space();
  EXPECT_EQ(points_in(db), stored_before);

  // The report cannot be written: nothing of the file is stored either.
  const auto report_on_full_disk = "ingest " + levels_fyi(folder).string() +
                                   " --profile levels-fyi --db " +
                                   (folder / "elsewhere.db").string() + " --rejects " +
                                   (folder / "disk" / "rejects.csv").string();
  disk.fill_leaving(4 * 1024);
  const auto no_report = test::run(report_on_full_disk);
  EXPECT_EQ(no_report.status, 1) << no_report.out;
  EXPECT_NE(no_report.out.find((folder / "disk").string()), std::string::npos) << no_report.out;
  EXPECT_EQ(points_in(folder / "elsewhere.db"), 0u);
  EXPECT_EQ(temporaries_under(folder / "disk"), std::vector<std::string>{});
  disk.free_space();
  const auto next = test::run(report_on_full_disk);
  EXPECT_EQ(next.status, 0) << next.out;
  EXPECT_GT(points_in(folder / "elsewhere.db"), 0u);
}

TEST(Faults, AFullDiskDuringIngestStoresNothingAndNamesTheStore) {
  const auto folder = test::fresh_folder("fault-full-ingest");
  full_disk_ingest(folder);
  fs::remove_all(folder);
}

// Two runs at once of each writing command: both succeed (one may wait for the
// other), and the result is that of one run.
TEST(Faults, TwoWritersAtOnceBothSucceedAndLeaveOneWholeResult) {
  const auto folder = test::fresh_folder("fault-two-writers");
  for (int round = 0; round < kWriterRounds; ++round) {
    const auto db = folder / fmt::format("new-{}.db", round);
    const auto rejects = [&](int writer) {
      return (folder / fmt::format("rejects-{}-{}.csv", round, writer)).string();
    };
    const auto ingest = [&](int writer) {
      return std::vector<std::string>{
          "ingest",    aijobs(folder).string(), "--profile", "aijobs", "--db", db.string(),
          "--rejects", rejects(writer)};
    };
    const pid_t first = start(ingest(1));
    const pid_t second = start(ingest(2));
    for (const pid_t writer : {first, second}) {
      int status = 0;
      ::waitpid(writer, &status, 0);
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "round " << round;
    }
    const auto alone = folder / fmt::format("alone-{}.db", round);
    ASSERT_EQ(test::run("ingest " + aijobs(folder).string() + " --profile aijobs --db " +
                        alone.string() + " --rejects " + rejects(3))
                  .status,
              0);
    EXPECT_EQ(points_in(db), points_in(alone)) << "round " << round;
  }

  const auto catalog = make_catalog(folder / "catalog", 30, 42);
  ASSERT_EQ(
      test::run("build --catalog " + catalog + " --out " + (folder / "expected").string()).status,
      0);
  const auto site = folder / "site";
  std::vector<pid_t> builds;
  for (int i = 0; i < 2; ++i) {
    builds.push_back(start({"build", "--catalog", catalog, "--out", site.string()}));
  }
  int succeeded = 0;
  for (const pid_t build : builds) {
    int status = 0;
    ::waitpid(build, &status, 0);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) ++succeeded;
  }
  // Two first builds race to publish: one may find the site there and fail.
  EXPECT_GE(succeeded, 1);
  EXPECT_EQ(differences(files_of(site), files_of(folder / "expected")), "");
  EXPECT_EQ(test::run("build --catalog " + catalog + " --out " + site.string()).status, 0);
  EXPECT_EQ(temporaries_under(folder), std::vector<std::string>{});
  fs::remove_all(folder);
}

// The catalog cache says which guides a rebuild may skip: a build whose cache
// cannot be written must not leave the last one behind, or the next build of
// the catalog that cache describes skips every guide and keeps another catalog's.
TEST(Faults, ACacheThatCannotBeWrittenIsNotTrustedByTheNextBuild) {
  const auto folder = test::fresh_folder("fault-cache");
  const auto catalog_a = make_catalog(folder / "catalog-a", 10, 42);
  const auto catalog_b = make_catalog(folder / "catalog-b", 10, 7);
  const auto site = folder / "site";
  const auto build = [&](const std::string& catalog) {
    return test::run("build --catalog " + catalog + " --out " + site.string());
  };
  ASSERT_EQ(build(catalog_a).status, 0);
  const auto site_a = files_of(site);
  // The cache stays readable but cannot be replaced: a link to it is refused.
  const auto cache = site / ".negotiateup-catalog.cache";
  fs::rename(cache, folder / "cache-of-a");
  fs::create_symlink(folder / "cache-of-a", cache);
  const auto b = build(catalog_b);
  EXPECT_EQ(b.status, 0) << b.out;
  EXPECT_NE(b.out.find("symbolic link"), std::string::npos) << b.out;
  EXPECT_FALSE(fs::exists(fs::symlink_status(cache)))
      << "the cache of catalog a outlived the build";
  const auto a_again = build(catalog_a);
  EXPECT_EQ(a_again.status, 0) << a_again.out;
  EXPECT_EQ(differences(files_of(site), site_a), "") << a_again.out;
  fs::remove_all(folder);
}

}  // namespace
}  // namespace negotiateup
