#pragma once

// The small test catalog's site as `negotiateup serve` loads it, with submissions taken into a
// fresh SQLite store in the target's scratch folder.

#include <chrono>
#include <cstdlib>
#include <memory>

#include "fuzz_target.hpp"
#include "store/store.hpp"
#include "web/site.hpp"
#include "web/submission_inbox.hpp"

namespace negotiateup::fuzz {

struct FuzzSite {
  std::shared_ptr<web::SubmissionInbox> inbox;
  std::shared_ptr<const web::Site> site;
};

inline FuzzSite load_test_site() {
  auto store = store::open_store((scratch_folder() / "submissions.db").string(), core::Jobs(1));
  if (!store) std::abort();  // a fresh file in our own folder
  web::SubmissionSettings settings;
  settings.min_fill_time = std::chrono::seconds(0);  // the form is sent back at once
  FuzzSite loaded;
  loaded.inbox = std::make_shared<web::SubmissionInbox>(std::move(*store), settings);
  // The small test catalog: the site renders every page as it loads, in each run.
  web::SiteOptions options{repository() / "tests" / "golden" / "small-catalog",
                           repository() / "templates", core::Jobs(1)};
  options.submissions = loaded.inbox;
  auto site = web::Site::load(options);
  if (!site) std::abort();  // the test catalog and templates are good: a broken checkout
  loaded.site = std::move(*site);
  return loaded;
}

}  // namespace negotiateup::fuzz
