#!/usr/bin/env bash
# The offer benchmark (docs/benchmarks.md): the evaluation at 1,000,000 paths as a
# library call (Google Benchmark), then the whole command, five times.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null && cmake --build --preset release >/dev/null
build/release/bench/negotiateup-bench-offer --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
for run in 1 2 3 4 5; do
  /usr/bin/time -f "whole command, 1,000,000 paths: %e s, peak %M KB" \
    build/release/bin/negotiateup offer examples/offer-two-competing.json --paths 1000000 \
    --format json >/dev/null
done
