#!/usr/bin/env bash
# Submissions/s through `POST /api/v1/submissions` (docs/submissions.md), with the
# SQLite store and with PostgreSQL, beside the same store's bare rate of one-row
# transactions (the sqlite3 shell; psql over loopback): what the HTTP, the checks
# and the duplicate look-up cost on top of the commit each submission needs.
#   DURATION=20 bash bench/submit_bench.sh
# Variables: DURATION (seconds per run, 20), CONNECTIONS (16), BIN.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-20}
connections=${CONNECTIONS:-16}
bin=${BIN:-build/release/bin/negotiateup}
work=$PWD/build/bench-submit
serve_port=18483
pg_port=18484

as_root=()
[ "$(id -u)" -ne 0 ] && as_root=(sudo)
for tool in wrk sqlite3; do
  command -v "$tool" >/dev/null ||
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends \
      "$tool" >/dev/null
done
if [ -z "${BIN:-}" ]; then
  cmake --preset release >/dev/null && cmake --build --preset release --target negotiateup >/dev/null
fi
rm -rf "$work" && mkdir -p "$work"
# With fsync and synchronous commits, as SQLite's FULL sync: every commit on disk.
NEGOTIATEUP_PG_DURABLE=1 bash tests/postgres/start.sh "$work/postgres" "$pg_port" >/dev/null
pg_url="postgresql://postgres@127.0.0.1:$pg_port/postgres"
serve_pid=
trap '[ -n "$serve_pid" ] && kill $serve_pid 2>/dev/null; bash tests/postgres/stop.sh "$work/postgres" >/dev/null 2>&1 || true' EXIT

# "submissions/s p50 p99 errors" of one wrk run against a server on --db $1.
run_serve() {
  $bin serve --listen 127.0.0.1:$serve_port --jobs 2 --no-rate-limit --db "$1" >"$work/serve.log" 2>&1 &
  serve_pid=$!
  for _ in $(seq 100); do grep -q serving "$work/serve.log" && break; sleep 0.1; done
  wrk --latency -t2 -c"$connections" -d"${duration}s" -s bench/submit.lua \
    "http://127.0.0.1:$serve_port/api/v1/submissions" >"$work/wrk.txt"
  kill $serve_pid && wait $serve_pid 2>/dev/null || true
  serve_pid=
  awk '/Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
       /Non-2xx/ { errors += $NF } END { print rps, p50, p99, errors + 0 }' "$work/wrk.txt"
}

# One-row transactions, N of them, as the store commits a submission.
sqlite_bare() {
  local db=$work/bare.db n=$1
  sqlite3 "$db" "PRAGMA page_size = 65536; PRAGMA journal_mode = WAL;
    CREATE TABLE s (id INTEGER PRIMARY KEY, h BLOB, received INTEGER, body TEXT);
    CREATE INDEX s_h ON s (h, received);" >/dev/null
  { echo "PRAGMA synchronous = FULL;"
    for i in $(seq "$n"); do
      echo "INSERT INTO s (h, received, body) VALUES (randomblob(16), $i, 'Stripe,Software Engineer,London,GBP,$i');"
    done; } >"$work/bare.sql"
  local start end
  start=$(date +%s.%N)
  sqlite3 "$db" <"$work/bare.sql"
  end=$(date +%s.%N)
  echo "$n / ($end - $start)" | bc -l | xargs printf '%.0f'
}
postgres_bare() {
  local n=$1
  psql=(/usr/lib/postgresql/*/bin/psql -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres)
  "${psql[@]}" -c "CREATE TABLE bare (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    h bytea, received BIGINT, body TEXT); CREATE INDEX bare_h ON bare (h, received);"
  for i in $(seq "$n"); do
    echo "INSERT INTO bare (h, received, body) VALUES (decode(md5('$i'), 'hex'), $i, 'Stripe,Software Engineer,London,GBP,$i');"
  done >"$work/bare_pg.sql"
  local start end
  start=$(date +%s.%N)
  "${psql[@]}" -f "$work/bare_pg.sql"
  end=$(date +%s.%N)
  echo "$n / ($end - $start)" | bc -l | xargs printf '%.0f'
}

command -v bc >/dev/null || DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq bc >/dev/null
printf '%-12s %14s %9s %9s %7s %22s\n' store submissions/s p50 p99 errors "bare one-row commits/s"
read -r rps p50 p99 errors < <(run_serve "sqlite:$work/submissions.db")
printf '%-12s %14s %9s %9s %7s %22s\n' SQLite "$rps" "$p50" "$p99" "$errors" "$(sqlite_bare 5000) (sqlite3)"
read -r rps p50 p99 errors < <(run_serve "$pg_url")
printf '%-12s %14s %9s %9s %7s %22s\n' PostgreSQL "$rps" "$p50" "$p99" "$errors" "$(postgres_bare 5000) (psql)"
echo "stored: SQLite $(sqlite3 "$work/submissions.db" 'SELECT count(*) FROM submissions'), PostgreSQL $(/usr/lib/postgresql/*/bin/psql -X -At -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c 'SELECT count(*) FROM submissions')"
