#!/usr/bin/env bash
# The data-pipeline benchmark (docs/benchmarks.md), side by side in one run on
# this machine, on N synthetic data points (default 10,000,000: 2,000 companies x
# 30 roles x 10 regions, fixed seed):
#   ingest     negotiateup ingest (validating, into its SQLite store)
#              against sqlite3's own .import of the same CSV;
#   aggregate  negotiateup aggregate --dry-run from its store, against
#              PostgreSQL 15's percentile_cont GROUP BY and DuckDB's quantile_cont,
#              each from its own store (their loads are timed separately).
# Wall-clock seconds and peak memory for each; the ratios at the end.
#   N=1000000 bash bench/pipeline_bench.sh      (a quick run)
# Environment: N (points), BENCH_DIR (work folder, default
# /tmp/negotiateup-pipeline-bench; removed at the end unless KEEP=1), PG_PORT
# (first loopback port to try for the throw-away PostgreSQL cluster, default 55439),
# PG_INDEX=1 (give PostgreSQL's table the index negotiateup's store has).
#   REAL=1 N=1000000 bash bench/pipeline_bench.sh
# also ingests the two real files of ../shared/data (Levels.fyi and aijobs.net,
# through their profiles) and makes the N synthetic points approved submissions
# (source "negotiateup submission", as the store keeps them once approved); the
# window is then 2021-Q1..2025-Q4, and PostgreSQL and DuckDB load the store's
# own points (exported as CSV), so that all three compute over the same rows.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
n=${N:-10000000}
work=${BENCH_DIR:-/tmp/negotiateup-pipeline-bench}
quarter=2025-Q4 window=4 from=2025-01-01 to=2025-12-31 # the window: 2025-Q1..2025-Q4
real=${REAL:-0}
[ "$real" = 1 ] && window=20 from=2021-01-01 # 2021-Q1..2025-Q4: Levels.fyi's years too
pg_settings=(-c shared_buffers=1GB -c work_mem=256MB -c maintenance_work_mem=1GB
  -c max_parallel_workers_per_gather=2)

as_root=() as_postgres=(runuser -u postgres --)
[ "$(id -u)" -eq 0 ] || as_root=(sudo) as_postgres=(sudo -u postgres)
need_packages=()
command -v sqlite3 >/dev/null || need_packages+=(sqlite3)
[ -x /usr/bin/time ] || need_packages+=(time)
command -v node >/dev/null || need_packages+=(nodejs)
command -v npm >/dev/null || need_packages+=(npm)
pg_bin=$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || true)
[ -n "$pg_bin" ] || need_packages+=(postgresql-15)
if [ ${#need_packages[@]} -gt 0 ]; then
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${need_packages[@]}" >/dev/null
  pg_bin=/usr/lib/postgresql/15/bin
fi
bash scripts/install-deps.sh
cmake --preset release >/dev/null && cmake --build --preset release >/dev/null
[ -d bench/duckdb/node_modules/@duckdb/node-api ] ||
  (cd bench/duckdb && npm install --no-audit --no-fund --loglevel=error >/dev/null)
bin=$root/build/release/bin/negotiateup
make_points=$root/build/release/bench/negotiateup-bench-points

pg_data=$work/pg
pg_port=
cleanup() {
  if [ -n "$pg_port" ] && [ -f "$pg_data/postmaster.pid" ]; then
    "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  "${as_root[@]}" rm -rf "$pg_data"
  [ "${KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
rm -rf "$work" && mkdir -p "$work" && chmod 755 "$work" # the PostgreSQL server reads the CSV

# Runs a command (its output to FILE), prints "seconds peak_MiB status"; its CPU
# seconds (user + system, all threads) go to $work/cpu.txt.
measure() {
  local out=$1 status=0 seconds kib user system
  shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" "$@" >"$out" 2>&1 || status=$?
  read -r seconds kib user system < <(tail -1 "$work/time.txt")
  awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f\n", u + s }' >"$work/cpu.txt"
  echo "$seconds $((kib / 1024)) $status"
}
fail() {
  echo "pipeline_bench: $1 (see $2)" >&2
  sed 's/^/  /' "$2" >&2
  exit 1
}

csv=$work/points.csv
# The machine may be shared: its load is printed with the results.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== $n synthetic data points (2,000 companies x 30 roles x 10 regions, seed 42)"
source_option=()
[ "$real" = 1 ] && source_option=(--source "negotiateup submission")
read -r gen_s _ status < <(measure "$work/make-points.txt" "$make_points" --rows "$n" --seed 42 \
  --out "$csv" --catalog "$work/catalog" --catalog-companies 10 "${source_option[@]}")
[ "$status" = 0 ] || fail "make_points failed" "$work/make-points.txt"
echo "   $(du -m "$csv" | cut -f1) MB of CSV in ${gen_s} s; $(cat "$work/make-points.txt")"

echo "== ingest: negotiateup ingest, then sqlite3 .import, of the same CSV"
read -r ours_in_s ours_in_mb status < <(measure "$work/ingest.txt" \
  "$bin" ingest --db "sqlite:$work/store.db" --rejects "$work/rejects.csv" "$csv")
[ "$status" = 0 ] || fail "negotiateup ingest failed" "$work/ingest.txt"
ours_in_cpu=$(cat "$work/cpu.txt")
tail -1 "$work/ingest.txt" | sed 's/^/   /' # the summary line (the first rejections come before it)
read -r lite_in_s lite_in_mb status < <(measure "$work/import.txt" \
  sqlite3 "$work/sqlite3.db" ".mode csv" ".import $csv data_points")
[ "$status" = 0 ] || fail "sqlite3 .import failed" "$work/import.txt"
lite_in_cpu=$(cat "$work/cpu.txt")
echo "   CPU seconds (two threads for negotiateup, one for sqlite3): negotiateup $ours_in_cpu, sqlite3 $lite_in_cpu"
echo "   store: $(du -m "$work/store.db" | cut -f1) MB; sqlite3's: $(du -m "$work/sqlite3.db" | cut -f1) MB"
# What PostgreSQL and DuckDB load: the synthetic CSV, or with REAL=1 the store's
# own points once the real files are in.
table_csv=$csv
if [ "$real" = 1 ]; then
  data=$root/../shared/data
  for pair in "levels-fyi:$data/levels-fyi-2017-2021/salaries.csv" "aijobs:$data/ai-jobs-net-salaries/salaries.csv"; do
    profile=${pair%%:*} file=${pair#*:}
    read -r real_s real_mb status < <(measure "$work/ingest-$profile.txt" "$bin" ingest \
      --db "sqlite:$work/store.db" --profile "$profile" --rejects "$work/rejects-$profile.csv" "$file")
    [ "$status" = 0 ] || fail "negotiateup ingest --profile $profile failed" "$work/ingest-$profile.txt"
    echo "   + $profile (real): ${real_s} s, ${real_mb} MiB; $(grep -m1 "stored" "$work/ingest-$profile.txt")"
  done
  table_csv=$work/store-points.csv
  sqlite3 -csv -header "$work/store.db" "SELECT date, company, role, level, region, currency, base,
    stock_per_year, bonus, source FROM data_points" >"$table_csv"
  echo "   the store now holds $(($(wc -l <"$table_csv") - 1)) points, exported for PostgreSQL and DuckDB"
fi

echo "== aggregate: negotiateup aggregate --dry-run (window $quarter, $window quarters)"
ours_ag_s=- ours_ag_mb=-
if "$bin" --help | grep -qE "^ +aggregate "; then
  read -r ours_ag_s ours_ag_mb status < <(measure "$work/aggregate.txt" "$bin" aggregate \
    --catalog "$work/catalog" --db "sqlite:$work/store.db" --quarter "$quarter" --window "$window" --dry-run)
  [ "$status" = 0 ] || fail "negotiateup aggregate failed (status $status)" "$work/aggregate.txt"
  echo "   $(wc -l <"$work/aggregate.txt") lines of output; the last: $(tail -1 "$work/aggregate.txt")"
else
  echo "   not available (this negotiateup has no aggregate command)"
fi
# What reading the window out of SQLite costs at least: one pass over the rows
# that decodes the columns the aggregate needs, no grouping.
read -r scan_s scan_mb status < <(measure "$work/scan.txt" sqlite3 "$work/store.db" \
  "SELECT count(*), sum(base), sum(stock_per_year), sum(bonus), sum(length(company) + length(role) + length(region) + length(currency) + length(source) + length(flags)) FROM data_points WHERE date BETWEEN '$from' AND '$to'")
[ "$status" = 0 ] || fail "sqlite3 scan failed" "$work/scan.txt"
echo "   sqlite3, one scan of the window's columns: ${scan_s} s"

echo "== PostgreSQL 15: throw-away cluster, COPY, then percentile_cont GROUP BY"
mkdir -p "$pg_data" && "${as_root[@]}" chown postgres: "$pg_data"
"${as_postgres[@]}" "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres -N >"$work/initdb.txt" 2>&1 ||
  fail "initdb failed" "$work/initdb.txt"
port=${PG_PORT:-55439}
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done # a free port
"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
  -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pg_data ${pg_settings[*]}" \
  start >/dev/null || fail "PostgreSQL did not start" "$pg_data/server.log"
pg_port=$port
psql=("$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres)
"${psql[@]}" -c "CREATE TABLE points (date date, company text, role text, level text, region text,
  currency text, base bigint, stock_per_year bigint, bonus bigint, source text)"
read -r pg_copy_s _ status < <(measure "$work/pg-copy.txt" "${psql[@]}" \
  -c "COPY points FROM '$table_csv' WITH (FORMAT csv, HEADER true)")
[ "$status" = 0 ] || fail "COPY failed" "$work/pg-copy.txt"
# VACUUM ANALYZE; with PG_INDEX=1 first the same index as negotiateup's store. The
# planner then picks an index scan for the grouping, which is slower here than
# its seq scan + sort (docs/benchmarks.md), so the default leaves it out.
pg_prepare=(-c "VACUUM ANALYZE points")
[ "${PG_INDEX:-0}" = 1 ] && pg_prepare=(-c "CREATE INDEX points_group ON points (company, role, region, date)" "${pg_prepare[@]}")
read -r pg_index_s _ status < <(measure "$work/pg-index.txt" "${psql[@]}" "${pg_prepare[@]}")
[ "$status" = 0 ] || fail "CREATE INDEX / VACUUM ANALYZE failed" "$work/pg-index.txt"
echo "   COPY ${pg_copy_s} s; $([ "${PG_INDEX:-0}" = 1 ] && echo "index + ")VACUUM ANALYZE ${pg_index_s} s; settings: $(printf '%s\n' "${pg_settings[@]}" | grep -v '^-c$' | paste -sd' ')"
q='ARRAY[0.1, 0.25, 0.5, 0.75, 0.9]'
pg_query="SELECT company, role, region, count(*),
  percentile_cont($q) WITHIN GROUP (ORDER BY base),
  percentile_cont($q) WITHIN GROUP (ORDER BY stock_per_year),
  percentile_cont($q) WITHIN GROUP (ORDER BY base + stock_per_year + bonus)
FROM points WHERE date BETWEEN '$from' AND '$to' GROUP BY 1, 2, 3"
"${psql[@]}" -A -t -c "EXPLAIN $pg_query" >"$work/pg-plan.txt"
echo "   plan: $(sed -E -n 's/^ *(-> +)?([^(]*[^ (]) +\(cost.*/\2/p' "$work/pg-plan.txt" | paste -sd'<' | sed 's/</ <- /g')"
# A fresh server for the query, as the others start a fresh process: what it holds
# in memory is then what the query needs (the operating system's file cache stays
# warm for all three). Its memory: the peak of the sum of its processes'
# proportional set sizes (shared buffers counted once), sampled every 0.1 s.
"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -m fast -w restart >/dev/null ||
  fail "PostgreSQL did not restart" "$pg_data/server.log"
pg_sample() {
  local postmaster peak=0 sum
  postmaster=$(head -1 "$pg_data/postmaster.pid")
  while :; do
    sum=$(for pid in $postmaster $(ps -o pid= --ppid "$postmaster"); do
      cat "/proc/$pid/smaps_rollup" 2>/dev/null || true
    done | awk '/^Pss:/ { s += $2 } END { print s + 0 }')
    if [ "$sum" -gt "$peak" ]; then peak=$sum && echo "$peak" >"$work/pg-peak.txt"; fi
    sleep 0.1
  done
}
echo 0 >"$work/pg-peak.txt"
pg_sample &
sampler=$!
read -r pg_ag_s psql_mb status < <(measure /dev/null "${psql[@]}" -A -t -o /dev/null -c "$pg_query")
kill "$sampler"
wait "$sampler" 2>/dev/null || true
[ "$status" = 0 ] || fail "the PostgreSQL query failed" "$pg_data/server.log"
pg_server_mb=$(($(cat "$work/pg-peak.txt") / 1024))
pg_ag_mb=$((pg_server_mb + psql_mb))
echo "   aggregate ${pg_ag_s} s; peak: server ${pg_server_mb} MiB + psql ${psql_mb} MiB"
"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null
pg_port=

duck_version=$(cd bench/duckdb && node --input-type=module -e "import duckdb from '@duckdb/node-api'; console.log(duckdb.version())")
echo "== DuckDB $duck_version (@duckdb/node-api), threads=2: load, then quantile_cont GROUP BY in a new process"
duck=(node "$root/bench/duckdb/duckdb_bench.mjs")
read -r duck_load_s duck_load_mb status < <(measure "$work/duck-load.txt" \
  "${duck[@]}" load "$work/points.duckdb" "$table_csv")
[ "$status" = 0 ] || fail "DuckDB load failed" "$work/duck-load.txt"
read -r duck_ag_s duck_ag_mb status < <(measure "$work/duck-aggregate.txt" \
  "${duck[@]}" aggregate "$work/points.duckdb" "$from" "$to")
[ "$status" = 0 ] || fail "DuckDB aggregate failed" "$work/duck-aggregate.txt"
read -r duck_query_s duck_groups < <(tail -1 "$work/duck-aggregate.txt")
echo "   load ${duck_load_s} s ($(du -m "$work/points.duckdb" | cut -f1) MB); aggregate ${duck_ag_s} s (the query alone ${duck_query_s} s, $duck_groups groups)"

echo
echo "load average (1, 5, 15 min) at the start: $load_before; at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v n="$n" -v ours_in="$ours_in_s" -v ours_in_mb="$ours_in_mb" -v lite_in="$lite_in_s" \
    -v lite_in_mb="$lite_in_mb" -v ours_ag="$ours_ag_s" -v ours_ag_mb="$ours_ag_mb" \
    -v scan="$scan_s" -v scan_mb="$scan_mb" -v pg_copy="$pg_copy_s" -v pg_index="$pg_index_s" \
    -v pg_indexed="$([ "${PG_INDEX:-0}" = 1 ] && echo 1 || echo 0)" -v pg_ag="$pg_ag_s" -v pg_ag_mb="$pg_ag_mb" -v duck_load="$duck_load_s" \
    -v duck_load_mb="$duck_load_mb" -v duck_ag="$duck_ag_s" -v duck_ag_mb="$duck_ag_mb" 'BEGIN {
  row = "%-52s %9s %12s %9s\n"
  printf row, sprintf("%d data points", n), "seconds", "rows/s", "peak MiB"
  printf row, "ingest: negotiateup ingest (validating)", ours_in, sprintf("%.0f", n / ours_in), ours_in_mb
  printf row, "ingest: sqlite3 .import", lite_in, sprintf("%.0f", n / lite_in), lite_in_mb
  printf row, "load: PostgreSQL COPY", pg_copy, sprintf("%.0f", n / pg_copy), "-"
  printf row, (pg_indexed ? "load: PostgreSQL index + VACUUM ANALYZE" : "load: PostgreSQL VACUUM ANALYZE"), pg_index, "-", "-"
  printf row, "load: DuckDB read_csv into its file", duck_load, sprintf("%.0f", n / duck_load), duck_load_mb
  if (ours_ag == "-") printf row, "aggregate: negotiateup aggregate --dry-run", "n/a", "not available", "-"
  else printf row, "aggregate: negotiateup aggregate --dry-run", ours_ag, sprintf("%.0f", n / ours_ag), ours_ag_mb
  printf row, "aggregate: PostgreSQL percentile_cont", pg_ag, sprintf("%.0f", n / pg_ag), pg_ag_mb
  printf row, "aggregate: DuckDB quantile_cont (2 threads)", duck_ag, sprintf("%.0f", n / duck_ag), duck_ag_mb
  printf row, "  floor: sqlite3 scan of the store, no grouping", scan, sprintf("%.0f", n / scan), scan_mb
  printf "ingest, negotiateup / sqlite3 .import: %.2fx (target: 1.5x or less)\n", ours_in / lite_in
  if (ours_ag == "-") print "aggregate ratios: not available"
  else {
    printf "aggregate, PostgreSQL / negotiateup: %.2fx (target: 3x or more)\n", pg_ag / ours_ag
    printf "aggregate, DuckDB / negotiateup: %.2fx (target: 1x or more)\n", duck_ag / ours_ag
  }
}'
