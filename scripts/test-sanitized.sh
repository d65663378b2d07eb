#!/usr/bin/env bash
# The sanitizer half of the test command (scripts/test.sh): the whole suite under
# ASan+UBSan (the asan preset, built by afl-g++), then a short run of each fuzz
# target, NEGOTIATEUP_FUZZ_SECONDS each (docs/hardening.md). Expects ../shared
# beside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh afl++
cmake --preset asan >/dev/null
cmake --build --preset asan
# One test more than the cores: many of them wait on a child or a socket.
ctest --preset asan -j "$(( $(nproc) + 1 ))"
bash scripts/fuzz.sh "${NEGOTIATEUP_FUZZ_SECONDS:-10}"
