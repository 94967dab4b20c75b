#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL server (Debian's postgresql, 15 here): a
# temp data directory, a free port on 127.0.0.1, trust authentication, tuned for tests
# (no fsync), stopped and deleted when the command ends, however it ends. As root the
# server runs as the `postgres` user (PostgreSQL refuses to run as root).
#
#   bash scripts/with-postgres.sh <command> [args...]
#
# The command gets TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:<port>/postgres, which
# createTestDatabase() (packages/db/src/testing.ts) turns into a fresh database per test.
set -euo pipefail
[[ $# -gt 0 ]] || { echo "usage: $0 <command> [args...]" >&2; exit 2; }

bin="${PG_BIN:-}"
if [[ -z "$bin" ]]; then
  for candidate in /usr/lib/postgresql/*/bin; do [[ -x "$candidate/initdb" ]] && bin="$candidate"; done
fi
[[ -n "$bin" && -x "$bin/initdb" ]] || {
  echo "[with-postgres] no PostgreSQL server binaries (apt-get install postgresql, or set PG_BIN)" >&2
  exit 1
}

dir="$(mktemp -d "${TMPDIR:-/tmp}/sb-pg.XXXXXX")"
as_owner() { "$@"; }
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || { echo "[with-postgres] running as root needs a postgres user" >&2; exit 1; }
  chown postgres "$dir"
  as_owner() { runuser -u postgres -- "$@"; }
fi

stop() {
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
  >"$dir/initdb.log" 2>&1; then
  cat "$dir/initdb.log" >&2
  exit 1
fi

free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

started=""
for _ in 1 2 3; do
  port="$(free_port)"
  if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c timezone=America/New_York" \
    start >/dev/null; then
    started=1
    break
  fi
done
[[ -n "$started" ]] || { echo "[with-postgres] the server did not start:" >&2; tail -20 "$dir/server.log" >&2; exit 1; }

export TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$port/postgres"
echo "[with-postgres] PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
"$@"
