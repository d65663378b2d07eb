#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for the tests (the CTest fixture
# "postgres", see tests/CMakeLists.txt and docs/store.md):
#
#   tests/postgres/start.sh FOLDER PORT
#
# initdb in a fresh folder under FOLDER, trust authentication for local and
# 127.0.0.1 connections only, the server listening on 127.0.0.1:PORT and on a
# Unix socket in the cluster folder. The tests then reach it as
# postgresql://postgres@127.0.0.1:PORT/postgres. tests/postgres/stop.sh FOLDER
# stops it and deletes it. As root, the server runs as the `postgres` user
# (PostgreSQL refuses to run as root).
set -euo pipefail
folder=${1:?usage: start.sh FOLDER PORT}
port=${2:?usage: start.sh FOLDER PORT}
here=$(cd "$(dirname "$0")" && pwd)

# The newest server installed (Debian: /usr/lib/postgresql/VERSION/bin), unless told.
bindir=${NEGOTIATEUP_PG_BINDIR:-}
if [ -z "$bindir" ]; then
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/initdb" ]; then bindir=$candidate; break; fi
  done
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
  echo "start.sh: no PostgreSQL server (initdb, pg_ctl) in /usr/lib/postgresql/*/bin;" \
    "install Debian's postgresql (bash scripts/install-deps.sh) or set NEGOTIATEUP_PG_BINDIR" >&2
  exit 1
fi

# A cluster left running by an interrupted run goes first.
bash "$here/stop.sh" "$folder"

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "start.sh: port $port on 127.0.0.1 is already in use; configure the tests with another," \
    "e.g. cmake --preset dev -DNEGOTIATEUP_TEST_POSTGRES_PORT=$((port + 1))" >&2
  exit 1
fi

as_server=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || {
    echo "start.sh: running as root, and there is no 'postgres' user to run the server as" >&2
    exit 1
  }
  as_server=(runuser -u postgres --)
fi

mkdir -p "$folder"
folder=$(cd "$folder" && pwd)
cluster="$folder/cluster"
# The server must reach its folder (as root, the build folder may sit in a home
# the postgres user cannot enter), and a Unix socket path must fit in 107 bytes.
if { [ ${#as_server[@]} -gt 0 ] && ! "${as_server[@]}" test -x "$folder"; } ||
  [ $((${#cluster} + ${#port} + 12)) -gt 100 ]; then
  cluster=$(mktemp -d /tmp/negotiateup-pg.XXXXXX)
fi
mkdir -p "$cluster"
chmod 700 "$cluster"
[ ${#as_server[@]} -eq 0 ] || chown postgres: "$cluster"
# What stop.sh needs: where the cluster is and which pg_ctl runs it.
printf '%s\n%s\n' "$cluster" "$bindir" >"$folder/state"

if ! "${as_server[@]}" "$bindir/initdb" -D "$cluster/data" -U postgres -A trust -E UTF8 \
  --locale=C --no-sync --no-instructions >"$cluster/initdb.log" 2>&1; then
  cat "$cluster/initdb.log" >&2
  echo "start.sh: initdb failed" >&2
  exit 1
fi
# Trust, for the local socket and the loopback address only.
printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' |
  "${as_server[@]}" tee "$cluster/data/pg_hba.conf" >/dev/null

# No fsync: the cluster is thrown away, and a test kills clients, never the server.
# A benchmark that compares commits with SQLite's synced ones asks for them
# (NEGOTIATEUP_PG_DURABLE=1).
durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[ "${NEGOTIATEUP_PG_DURABLE:-0}" = 1 ] && durability=""
if ! "${as_server[@]}" "$bindir/pg_ctl" start -w -t 60 -D "$cluster/data" -l "$cluster/server.log" \
  -o "-k '$cluster' -p $port -c listen_addresses=127.0.0.1 $durability" \
  >/dev/null; then
  cat "$cluster/server.log" >&2 || true
  echo "start.sh: the server did not start" >&2
  exit 1
fi
echo "start.sh: PostgreSQL $("$bindir/pg_ctl" --version | awk '{print $3}') ready at" \
  "postgresql://postgres@127.0.0.1:$port/postgres (cluster in $cluster)"
