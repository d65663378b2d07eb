#!/usr/bin/env bash
# Stops and deletes the cluster tests/postgres/start.sh FOLDER PORT started (the
# cleanup of the CTest fixture "postgres"). Nothing to do when there is none.
set -euo pipefail
folder=${1:?usage: stop.sh FOLDER}

[ -f "$folder/state" ] || exit 0
{ read -r cluster; read -r bindir; } <"$folder/state"
# Only what start.sh made: FOLDER/cluster or /tmp/negotiateup-pg.*.
case "$cluster" in
  */cluster | /tmp/negotiateup-pg.*) ;;
  *) echo "stop.sh: $folder/state names '$cluster'; not deleting it" >&2; exit 1 ;;
esac

if [ -f "$cluster/data/postmaster.pid" ]; then
  as_server=()
  [ "$(id -u)" -ne 0 ] || as_server=(runuser -u postgres --)
  # Immediate: the data is thrown away, no checkpoint needed.
  if ! "${as_server[@]}" "$bindir/pg_ctl" stop -w -t 30 -m immediate -D "$cluster/data" >/dev/null 2>&1; then
    # Not running any more (a stale pid file), or stuck: end that server only.
    pid=$(head -1 "$cluster/data/postmaster.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postgres ]; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
fi
rm -rf "$cluster"
rm -f "$folder/state"
echo "stop.sh: PostgreSQL stopped, $cluster deleted"
