// A catalog snapshot is read by many threads at once, as a web server's request
// threads will: what they render is what one thread renders alone.
#include "render/site_snapshot.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "render/guide_model.hpp"
#include "render/guide_renderer.hpp"
#include "test_support.hpp"

namespace negotiateup::render {
namespace {

namespace fs = std::filesystem;

const fs::path kDemoCatalog = test::tests_dir().parent_path() / "catalog";
const fs::path kTemplates = test::tests_dir().parent_path() / "templates";
const core::Date kToday = *core::parse_date("2026-11-22");

std::string html_of(const SiteSnapshot& snapshot, std::size_t guide) {
  const auto model = build_guide_model(snapshot.lookup(), snapshot.catalog().guides[guide], kToday);
  return render_guide(model, snapshot.templates(), snapshot.catalog().policy).html;
}

TEST(SiteSnapshot, ManyThreadsReadOneSnapshotAsOneThreadDoes) {
  const auto loaded = SiteSnapshot::load(kDemoCatalog, kTemplates);
  ASSERT_TRUE(loaded.has_value()) << loaded.error();
  const auto& snapshot = **loaded;
  const auto guides = snapshot.catalog().guides.size();
  ASSERT_GT(guides, 50u);
  std::vector<std::string> alone(guides);
  for (std::size_t i = 0; i < guides; ++i) alone[i] = html_of(snapshot, i);

  constexpr std::size_t kThreads = 4;
  std::vector<std::vector<std::string>> seen(kThreads, std::vector<std::string>(guides));
  std::vector<int> hf_resolved(kThreads, 0);
  {
    std::vector<std::jthread> threads;
    for (std::size_t t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int round = 0; round < 3; ++round) {
          // Each thread walks the guides in its own order: from its own start,
          // forwards or backwards.
          for (std::size_t k = 0; k < guides; ++k) {
            const auto step = (k + t * guides / kThreads) % guides;
            const auto i = t % 2 == 0 ? step : guides - 1 - step;
            seen[t][i] = html_of(snapshot, i);
          }
          hf_resolved[t] += snapshot.lookup().names().company("HF") != nullptr;
        }
      });
    }
  }
  for (std::size_t t = 0; t < kThreads; ++t) {
    EXPECT_EQ(hf_resolved[t], 3) << "thread " << t;
    for (std::size_t i = 0; i < guides; ++i) {
      ASSERT_EQ(seen[t][i], alone[i]) << "thread " << t << ", guide " << i;
    }
  }
}

TEST(SiteSnapshot, ASwapLeavesTheOldSnapshotWholeForItsReaders) {
  auto first = SiteSnapshot::load(kDemoCatalog, kTemplates);
  ASSERT_TRUE(first.has_value()) << first.error();
  std::atomic<std::shared_ptr<const SiteSnapshot>> current(*first);
  const auto held = current.load();  // a request under way
  const auto page = html_of(*held, 0);
  auto second = SiteSnapshot::load(kDemoCatalog, kTemplates);
  ASSERT_TRUE(second.has_value()) << second.error();
  current.store(*second);
  first->reset();
  EXPECT_NE(current.load().get(), held.get());
  EXPECT_EQ(html_of(*held, 0), page);
}

TEST(SiteSnapshot, ABadCatalogGivesNoSnapshot) {
  const auto folder = test::fresh_folder("snapshot-bad");
  fs::copy(kDemoCatalog, folder / "catalog", fs::copy_options::recursive);
  test::write_file(folder / "catalog" / "policy.yaml", "review_interval_months: [\n");
  const auto loaded = SiteSnapshot::load(folder / "catalog", kTemplates);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().kind, core::ErrorKind::bad_input);
  EXPECT_NE(loaded.error().where.find("policy.yaml"), std::string::npos) << loaded.error();
  fs::remove_all(folder);
}

}  // namespace
}  // namespace negotiateup::render
