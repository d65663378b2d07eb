#!/usr/bin/env bash
# The whole test suite, as CI runs it: install what is missing; build with
# warnings as errors and run every test; then the same suite under ASan+UBSan and
# a short run of each fuzz target (scripts/test-sanitized.sh, docs/hardening.md).
# Expects ../shared beside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh afl++
cmake --preset ci >/dev/null
cmake --build --preset ci
cmake --build --preset ci --target check-format
# One test more than the cores: many of them wait on a child or a socket.
ctest --preset ci -j "$(( $(nproc) + 1 ))"
bash scripts/test-sanitized.sh
