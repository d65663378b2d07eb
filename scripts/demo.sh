#!/usr/bin/env bash
# The main job: build negotiateup and serve the demo catalog (catalog/) on
# http://127.0.0.1:8080: guides, search, the comparison by role, the offer
# calculator and the JSON API. Ctrl-C stops it. LISTEN=HOST:PORT serves elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null
# Submissions sent to the demo go to a store in the build folder.
exec build/release/bin/negotiateup serve --listen "${LISTEN:-127.0.0.1:8080}" \
  --db "${DB:-build/demo-submissions.db}"
