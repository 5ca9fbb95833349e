# Sourced by the scripts: starts a throwaway PostgreSQL server on loopback for the tests.
#
# start_throwaway_postgres: looks for Debian's server binaries (package postgresql), makes a
# cluster in a temporary directory, starts it on 127.0.0.1 at a free port, and sets
# TAIZHANG_TEST_PG_ADMIN_URL to a superuser URL of it. The server stops when the shell exits.
# Returns 1 when no server binaries are installed.

find_pg_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

# initdb and postgres refuse to run as root; run them as the postgres user in that case.
as_pg_user() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start_throwaway_postgres() {
  local bindir
  bindir=$(find_pg_bindir) || return 1
  PG_TMP=$(mktemp -d /tmp/taizhang-pg.XXXXXX)
  chmod 755 "$PG_TMP"
  [ "$(id -u)" = "0" ] && chown postgres "$PG_TMP"
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_pg_user "$bindir/initdb" -D "$PG_TMP/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
    >"$PG_TMP/initdb.log" 2>&1 || { cat "$PG_TMP/initdb.log"; return 1; }
  # fsync off: a throwaway test server needs speed, not durability.
  as_pg_user "$bindir/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w \
    -o "-h 127.0.0.1 -p $port -k $PG_TMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$PG_TMP/server.log"; return 1; }
  PG_BINDIR="$bindir"
  trap 'stop_throwaway_postgres' EXIT
  export TAIZHANG_TEST_PG_ADMIN_URL="postgresql://postgres@127.0.0.1:$port/postgres"
  echo "==> PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') started on 127.0.0.1:$port"
}

stop_throwaway_postgres() {
  if [ -n "${PG_TMP:-}" ] && [ -d "$PG_TMP/data" ]; then
    as_pg_user "$PG_BINDIR/pg_ctl" -D "$PG_TMP/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PG_TMP"
  fi
}
