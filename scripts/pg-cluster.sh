#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests: `start DIR PORT` makes and starts one in DIR (a socket in DIR,
# listening on 127.0.0.1:PORT only), `stop DIR` stops it and removes DIR. initdb refuses to run as root (CI runs
# as root), so as root the cluster belongs to an unprivileged user this script creates, `jiceng-pg`.
# Prints the URI of the maintenance database `postgres` on start; test databases are made from it.
#
# For the standby test (scripts/test-standby.sh):
#   PG_CLUSTER_DURABLE=1 pg-cluster.sh start DIR PORT   fsync, full_page_writes and synchronous_commit left at
#                                                       PostgreSQL's defaults (on), as a production primary runs
#   pg-cluster.sh standby PRIMARY_PORT DIR PORT NAME    pg_basebackup -R of the primary on 127.0.0.1:PRIMARY_PORT
#                                                       into DIR, started as a streaming standby whose
#                                                       application_name is NAME (what synchronous_standby_names
#                                                       names); prints its URI
#   pg-cluster.sh crash DIR                             pg_ctl stop -m immediate: no checkpoint, no goodbye to the
#                                                       standby, as a power cut would (the files stay)
#   pg-cluster.sh promote DIR                           pg_ctl promote -w: the standby becomes a primary
# initdb's pg_hba.conf already trusts replication connections from 127.0.0.1, and PostgreSQL 15's defaults are
# wal_level=replica and max_wal_senders=10; the options below say so explicitly all the same.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
usage="usage: pg-cluster.sh start DIR PORT | standby PRIMARY_PORT DIR PORT NAME | crash DIR | promote DIR | stop DIR"
cmd=${1:?$usage}

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u jiceng-pg -- "$@"
  else
    "$@"
  fi
}

# Makes DIR (owned by the cluster's user, 0700).
make_dir() {
  if [[ $(id -u) -eq 0 ]] && ! id jiceng-pg >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin jiceng-pg
  fi
  mkdir -p "$1"
  [[ $(id -u) -eq 0 ]] && chown jiceng-pg "$1"
  chmod 0700 "$1"
}

# Starts the cluster in DIR/data on PORT.
run_cluster() {
  local dir=$1 port=$2
  local options="-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300 -c shared_buffers=256MB"
  options+=" -c wal_level=replica -c max_wal_senders=10"
  # The cluster is disposable, so by default it trades durability for speed (fsync off); production keeps the
  # defaults, and so does PG_CLUSTER_DURABLE=1.
  if [[ ${PG_CLUSTER_DURABLE:-0} != 1 ]]; then
    options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$options" start >/dev/null
}

case "$cmd" in
  start)
    dir=${2:?$usage}
    port=${3:?$usage}
    make_dir "$dir"
    # C collation and UTF-8: text sorts by code point, as on SQLite (store/postgres/postgres_store.cc checks it).
    as_owner "$bin/initdb" -D "$dir/data" --auth=trust --username=jiceng --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1
    run_cluster "$dir" "$port"
    echo "postgresql://jiceng@127.0.0.1:$port/postgres"
    ;;
  standby)
    primary_port=${2:?$usage}
    dir=${3:?$usage}
    port=${4:?$usage}
    name=${5:?$usage}
    make_dir "$dir"
    # -R writes standby.signal and primary_conninfo (with this application_name); -X stream copies the WAL made
    # during the copy; -c fast checkpoints at once instead of waiting for the next one.
    as_owner "$bin/pg_basebackup" -d "host=127.0.0.1 port=$primary_port user=jiceng application_name=$name" \
      -D "$dir/data" -R -X stream -c fast >"$dir/basebackup.log" 2>&1
    run_cluster "$dir" "$port"
    echo "postgresql://jiceng@127.0.0.1:$port/postgres"
    ;;
  crash)
    dir=${2:?$usage}
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
    ;;
  promote)
    dir=${2:?$usage}
    as_owner "$bin/pg_ctl" -D "$dir/data" -w -t 60 promote >/dev/null
    ;;
  stop)
    dir=${2:?$usage}
    if [[ -d "$dir/data" ]]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "$usage" >&2
    exit 2
    ;;
esac
