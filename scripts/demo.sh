#!/usr/bin/env bash
# The main job on the embedded defaults: build negotiateup and write every guide of
# the demo catalog (catalog/) into build/site/.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null
build/release/bin/negotiateup build --out build/site
echo "open build/site/index.html, or read build/site/guides/COMPANY/ROLE.md"
