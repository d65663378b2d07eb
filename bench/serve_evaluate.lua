-- wrk: POST the offer in $OFFER_FILE to /api/v1/offers/evaluate on every request.
local file = assert(io.open(os.getenv("OFFER_FILE"), "r"))
wrk.method = "POST"
wrk.body = file:read("*a")
wrk.headers["Content-Type"] = "application/json"
file:close()
