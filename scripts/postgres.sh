#!/usr/bin/env bash
# A private PostgreSQL server for tests, on loopback, its data in a temporary folder:
#   scripts/postgres.sh start DIR   prints "PORT" once the server accepts connections
#   scripts/postgres.sh stop DIR    stops it and deletes DIR
# Uses Debian's postgresql package (installed with apt-get when missing). The server runs
# as the 'postgres' system user when started by root, since PostgreSQL refuses root.
set -euo pipefail
action="${1:?start|stop}"
dir="${2:?data directory}"

bindir() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
  if [ -z "$d" ] || [ ! -x "$d/initdb" ]; then
    echo "[mlops] installing Debian postgresql" >&2
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
    d="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
  fi
  echo "$d"
}

as_db_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The server runs as the postgres user, which must be able to reach $dir. A parent that
# the dev cluster created (its state directories are 0700, and so is a `.run` it created
# first) gets permission to pass through it, not to list or read it.
let_db_user_reach() {
  local d
  d="$(dirname "$(realpath -m "$1")")"
  while [ "$d" != / ]; do
    if ! runuser -u postgres -- test -x "$d"; then chmod o+x "$d"; fi
    d="$(dirname "$d")"
  done
}

case "$action" in
  start)
    bin="$(bindir)"
    rm -rf "$dir" && mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
      chown postgres: "$dir"
      let_db_user_reach "$dir"
    fi
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    as_db_user "$bin/initdb" -D "$dir/data" -U backstage --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    as_db_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=200 -c fsync=off" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "$port"
    ;;
  stop)
    [ -d "$dir/data" ] && as_db_user "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
