#!/usr/bin/env bash
# The main job on the embedded defaults: build negotiateup, import the reference
# guide into a fresh catalog and print the guide's record.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null
reference=../shared/reference/hugging-face-senior-software-engineer.md
catalog=build/demo-catalog
rm -rf "$catalog"
build/release/src/cli/negotiateup import "$reference" --catalog "$catalog"
build/release/src/cli/negotiateup parse "$reference" --format json
