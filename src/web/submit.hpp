#pragma once

// Submissions through the site (docs/submissions.md): the form at /submit (sent
// to /submit/send), its withdrawal at /submit/delete, and the JSON API
// POST /api/v1/submissions and DELETE /api/v1/submissions/{id}. Pages work
// without JavaScript; every value shown is escaped by the templates.

#include <memory>
#include <optional>

#include "catalog/name_resolver.hpp"
#include "ingest/submission.hpp"
#include "render/site_snapshot.hpp"
#include "web/http.hpp"
#include "web/submission_inbox.hpp"

namespace negotiateup::web {

class Submit {
 public:
  // `inbox` is shared with the next snapshot's Submit after a reload.
  Submit(const render::SiteSnapshot& snapshot, std::shared_ptr<SubmissionInbox> inbox);

  // The answer at `request.target`, or nothing when no route of this lives there.
  std::optional<Response> handle(const Request& request) const;

 private:
  Response form(const Target& sent, const std::vector<ingest::FieldError>& errors,
                std::string_view notice, int status) const;
  Response send_form(const Request& request) const;
  Response delete_page(const Request& request) const;
  Response api_submit(const Request& request) const;
  Response api_delete(const Request& request, std::string_view id) const;

  const render::SiteSnapshot& snapshot_;
  catalog::NameResolver names_;
  std::shared_ptr<SubmissionInbox> inbox_;
};

}  // namespace negotiateup::web
