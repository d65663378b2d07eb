#!/usr/bin/env bash
# The whole test suite, as CI runs it: install what is missing, build with warnings
# as errors, run every test; then build again with ASan+UBSan (the asan preset,
# afl-g++), run every test under the sanitizers, and fuzz each target briefly
# (docs/hardening.md). Expects ../shared beside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset ci >/dev/null
cmake --build --preset ci
cmake --build --preset ci --target check-format
ctest --preset ci -j "$(nproc)"

cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan -j "$(nproc)"
bash scripts/fuzz.sh "${NEGOTIATEUP_FUZZ_SECONDS:-20}"
