#!/usr/bin/env bash
# The whole suite under ASan+UBSan (the asan preset, built by afl-g++), then a
# short run of each fuzz target (docs/hardening.md). Not yet part of the test
# command CI runs: on CI's two cores the two passes together take longer than
# CI's time allows. Expects ../shared beside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh afl++
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan -j "$(nproc)"
bash scripts/fuzz.sh "${NEGOTIATEUP_FUZZ_SECONDS:-20}"
