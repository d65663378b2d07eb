#!/usr/bin/env bash
# The serving benchmark (docs/server.md): `negotiateup serve` against nginx on the
# same loopback, the same machine, one run after the other, with wrk.
#   DURATION=30 bash bench/serve_bench.sh
# Variables: DURATION (seconds per run, 30), CONNECTIONS ("64 256"), ROUNDS (2:
# the servers alternate, so that a neighbour's load falls on both), SERVE_PATH
# (what serve is asked for), NGINX_PATH (the same page as nginx has it), BIN.
# Last, POST /api/v1/offers/evaluate: evaluations/s at the default path count.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-30}
connections=${CONNECTIONS:-"64 256"}
rounds=${ROUNDS:-2}
guide=guides/hugging-face/senior-software-engineer
serve_path=${SERVE_PATH:-/$guide}
nginx_path=${NGINX_PATH:-/$guide.html}
bin=${BIN:-build/release/bin/negotiateup}
work=build/bench-serve
nginx_port=18481
serve_port=18482

as_root=()
[ "$(id -u)" -ne 0 ] && as_root=(sudo)
for tool in wrk nginx; do
  command -v "$tool" >/dev/null || command -v "/usr/sbin/$tool" >/dev/null ||
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends \
      "$([ "$tool" = nginx ] && echo nginx-light || echo wrk)" >/dev/null
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
if [ -z "${BIN:-}" ]; then
  cmake --preset release >/dev/null && cmake --build --preset release --target negotiateup >/dev/null
fi

rm -rf "$work" && mkdir -p "$work/nginx"
$bin build --out "$work/site" >/dev/null
# gzip_static serves FILE.gz beside FILE to a client that accepts gzip.
find "$work/site" -name '*.html' -exec gzip -9 -k {} \;
site=$(realpath "$work/site")
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $PWD/$work/nginx/nginx.pid;
error_log $PWD/$work/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_requests 1000000;
  open_file_cache max=10000 inactive=60s; open_file_cache_valid 60s;
  gzip_static on;
  types { text/html html; }
  client_body_temp_path $PWD/$work/nginx; proxy_temp_path $PWD/$work/nginx;
  fastcgi_temp_path $PWD/$work/nginx; uwsgi_temp_path $PWD/$work/nginx; scgi_temp_path $PWD/$work/nginx;
  server { listen 127.0.0.1:$nginx_port; root $site; }
}
CONF

"$nginx_bin" -c "$PWD/$work/nginx/nginx.conf"
# Without the per-client rate limit: wrk is one client asking for evaluations
# as fast as they come.
$bin serve --listen 127.0.0.1:$serve_port --jobs 2 --no-rate-limit >"$work/serve.log" 2>&1 &
serve_pid=$!
trap '"$nginx_bin" -c "$PWD/$work/nginx/nginx.conf" -s stop 2>/dev/null || true; kill $serve_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q serving "$work/serve.log" && break; sleep 0.1; done
curl -sf -o /dev/null "http://127.0.0.1:$nginx_port$nginx_path" || { echo "nginx does not serve $nginx_path" >&2; exit 1; }
curl -sf -o /dev/null "http://127.0.0.1:$serve_port$serve_path" || { echo "serve does not serve $serve_path" >&2; exit 1; }

# Peak resident memory of a server's processes, in MiB (nginx: master and workers).
peak_rss() {
  local total=0
  for pid in "$@"; do
    total=$((total + $(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")))
  done
  echo $((total / 1024))
}

rss() { echo $(($(awk '/VmRSS/ { print $2 }' "/proc/$1/status") / 1024)); }

# "requests/s p50 p99 errors" from one wrk run; more arguments go to wrk.
run() {
  local url=$1 conns=$2 out="$work/wrk.txt"
  shift 2
  wrk --latency -t2 -c"$conns" -d"${duration}s" -H 'Accept-Encoding: gzip' "$@" "$url" >"$out"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ { print $2 }' "$out")
  p50=$(awk '$1 == "50%" { print $2 }' "$out")
  p99=$(awk '$1 == "99%" { print $2 }' "$out")
  errors=$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$out")
  echo "$rps $p50 $p99 $errors"
}

printf '%-8s %-6s %12s %9s %9s %7s\n' server conns requests/s p50 p99 errors
for round in $(seq "$rounds"); do
  for conns in $connections; do
    read -r rps p50 p99 errors < <(run "http://127.0.0.1:$nginx_port$nginx_path" "$conns")
    printf '%-8s %-6s %12s %9s %9s %7s\n' nginx "$conns" "$rps" "$p50" "$p99" "$errors"
    read -r rps p50 p99 errors < <(run "http://127.0.0.1:$serve_port$serve_path" "$conns")
    printf '%-8s %-6s %12s %9s %9s %7s\n' serve "$conns" "$rps" "$p50" "$p99" "$errors"
    first_rss=${first_rss:-$(rss $serve_pid)}
  done
done
# The calculator's work: an offer with two competing offers (examples/), at the
# API's default path count, 8 connections (each evaluation keeps a core busy).
read -r rps p50 p99 errors < <(OFFER_FILE=examples/offer-two-competing.json \
  run "http://127.0.0.1:$serve_port/api/v1/offers/evaluate" 8 -s bench/serve_evaluate.lua)
echo "offers/evaluate: $rps evaluations/s, p50 $p50, p99 $p99, errors $errors (8 connections)"
nginx_pids=$(pgrep -P "$(cat "$work/nginx/nginx.pid")" || true)
echo "serve's resident memory: $first_rss MiB after its first run, $(rss $serve_pid) MiB at the end"
echo "peak RSS: nginx $(peak_rss "$(cat "$work/nginx/nginx.pid")" $nginx_pids) MiB (master and workers), serve $(peak_rss $serve_pid) MiB"
echo "bodies: nginx $(curl -s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$nginx_port$nginx_path" | wc -c) bytes, serve $(curl -s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$serve_port$serve_path" | wc -c) bytes (gzip accepted)"
