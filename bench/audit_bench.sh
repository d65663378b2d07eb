#!/usr/bin/env bash
# The audit benchmark (docs/benchmarks.md): audits 100,000 generated guides, three
# times, and reports guides per second. Reuses the site of bench/build_bench.sh
# when it is there.
set -euo pipefail
cd "$(dirname "$0")/.."
work=build/bench-site
bash scripts/install-deps.sh
cmake --preset release >/dev/null && cmake --build --preset release >/dev/null
bin=build/release/bin/negotiateup
if [ ! -d "$work/site/guides" ]; then
  mkdir -p "$work"
  build/release/bench/negotiateup-bench-catalog --companies 2000 --roles 50 --regions 5 --seed 42 \
    --out "$work/catalog" >/dev/null
  $bin build --catalog "$work/catalog" --out "$work/site" --today 2026-11-22 >/dev/null
fi
guides=$(find "$work/site/guides" -name '*.md' | wc -l)
echo "auditing $guides guides, $(nproc) cores"
for run in 1 2 3; do
  /usr/bin/time -f "%e %M" -o "$work/audit-time.txt" \
    $bin audit "$work/site" --today 2026-03-01 --format json >"$work/audit.json" || true
  read -r seconds kb <"$work/audit-time.txt"
  awk -v s="$seconds" -v n="$guides" -v kb="$kb" -v run="$run" \
    'BEGIN { printf "run %d: %.2f s, %.0f guides/s, peak %.0f MiB\n", run, s, n / s, kb / 1024 }'
done
tail -6 "$work/audit.json"
