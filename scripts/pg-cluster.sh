#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests: `start DIR PORT` makes and starts one in DIR (a socket in DIR,
# listening on 127.0.0.1:PORT only), `stop DIR` stops it and removes DIR. initdb refuses to run as root (CI runs
# as root), so as root the cluster belongs to an unprivileged user this script creates, `jiceng-pg`.
# Prints the URI of the maintenance database `postgres` on start; test databases are made from it.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
cmd=${1:?usage: pg-cluster.sh start DIR PORT | stop DIR}
dir=${2:?usage: pg-cluster.sh start DIR PORT | stop DIR}

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u jiceng-pg -- "$@"
  else
    "$@"
  fi
}

case "$cmd" in
  start)
    port=${3:?usage: pg-cluster.sh start DIR PORT}
    if [[ $(id -u) -eq 0 ]] && ! id jiceng-pg >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin jiceng-pg
    fi
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown jiceng-pg "$dir"
    chmod 0700 "$dir"
    # C collation and UTF-8: text sorts by code point, as on SQLite (store/postgres/postgres_store.cc checks it).
    # The cluster is disposable, so it trades durability for speed (fsync off); production keeps the defaults.
    as_owner "$bin/initdb" -D "$dir/data" --auth=trust --username=jiceng --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=256MB" \
      start >/dev/null
    echo "postgresql://jiceng@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [[ -d "$dir/data" ]]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg-cluster.sh start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
