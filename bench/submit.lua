-- wrk: POST a different submission to /api/v1/submissions on every request (the
-- thread's number and a counter in the level and base), so none is a duplicate.
local threads = 0
function setup(thread)
  thread:set("number", threads)
  threads = threads + 1
end
function init()
  count = 0
end
function request()
  count = count + 1
  local body = string.format(
    '{"kind":"current","company":"Stripe","role":"Software Engineer","level":"T%d",' ..
    '"location":"London","date":"2026-06","currency":"GBP","base":%d,"bonus":5000}',
    number, 50000 + count)
  return wrk.format("POST", "/api/v1/submissions", {["Content-Type"] = "application/json"}, body)
end
