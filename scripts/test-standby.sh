#!/usr/bin/env bash
# No acknowledged write lost across a failover: a PostgreSQL primary with a synchronous streaming standby on this
# machine, `jiceng serve` on the primary, people added through the HTTP API one after another, the primary stopped
# hard (pg_ctl stop -m immediate) while the writes go on, the standby promoted, `jiceng serve` started again on
# it, and then every write that was answered 2xx read back through the API, one more write made, and
# `jiceng audit verify` and `jiceng rollup verify` run on the promoted database. Prints one JSON line of figures;
# exits 1 if an acknowledged write is missing or a check fails. 2–4 minutes here (doc/scale.md).
# Usage: scripts/test-standby.sh [build dir]
#   PORT_BASE=18600     the primary, the standby and the two servers take PORT_BASE … PORT_BASE+3
#   SYNC=0              asynchronous replication instead (synchronous_standby_names empty): what it risks
#   WRITES_BEFORE=300   acknowledged writes before the primary is stopped
#   MEMBERS=2           members per village branch of the demo (init --members-per-branch; 0: the detailed demo)
#   MULTIHOST=1         the servers and the checks use one URI naming both hosts, libpq's
#                       postgresql://…@primary,standby/…?target_session_attrs=read-write, before and after the
#                       failover, instead of the standby's own URI after it
#   PARTITION=1         with SYNC=0: the standby is cut off from the primary halfway through the writes (its
#                       primary_conninfo emptied), as a lagging or partitioned standby would be; the writes the
#                       primary acknowledged after that are lost at the failover and the test fails, as it must
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
jiceng=$build/jiceng
base=${PORT_BASE:-18600}
sync=${SYNC:-1}
before=${WRITES_BEFORE:-300}
members=${MEMBERS:-2}
partition=${PARTITION:-0}
[[ $partition == 1 && $sync == 1 ]] && { echo "PARTITION=1 needs SYNC=0: a synchronous primary acknowledges nothing without its standby" >&2; exit 2; }
psql=/usr/lib/postgresql/15/bin/psql
primary_port=$base standby_port=$((base + 1)) http_port=$((base + 2)) http_port2=$((base + 3))

work=$(mktemp -d "${TMPDIR:-/tmp}/jiceng-standby.XXXXXX")
chmod 0711 "$work"  # the clusters' own user must reach its directories inside
export JICENG_STATE_DIR=$work/state
serve_pid=
cleanup() {
  [[ -n $serve_pid ]] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
  scripts/pg-cluster.sh stop "$work/primary"
  scripts/pg-cluster.sh stop "$work/standby"
  rm -rf "$work"
}
trap cleanup EXIT
now() { date +%s.%N; }
fail() { echo "test-standby: $*" >&2; exit 1; }

# Starts `jiceng serve` on $1 (database URI) and port $2; returns once it answers.
serve() {
  "$jiceng" serve --db "$1" --port "$2" >"$work/serve-$2.log" 2>&1 &
  serve_pid=$!
  for _ in $(seq 600); do
    grep -q '已启动' "$work/serve-$2.log" && return 0
    kill -0 "$serve_pid" 2>/dev/null || { cat "$work/serve-$2.log" >&2; fail "serve on $1 exited"; }
    sleep 0.1
  done
  fail "serve on $1 did not start in 60 s"
}

# The primary, durable as in production (fsync and synchronous_commit on).
primary=$(PG_CLUSTER_DURABLE=1 scripts/pg-cluster.sh start "$work/primary" "$primary_port")
"$psql" "$primary" -qc "CREATE DATABASE jstandby TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
db_primary=${primary%/postgres}/jstandby
init_flags=(--province 63 --demo --demo-password 'Demo#2026pass' --json)
[[ $members -gt 0 ]] && init_flags+=(--members-per-branch "$members")
t=$(now)
"$jiceng" init --db "$db_primary" "${init_flags[@]}" >"$work/init.json"
init_seconds=$(awk -v a="$(now)" -v b="$t" 'BEGIN {print a - b}')

# The standby: a base backup of the primary, streaming from it.
standby=$(PG_CLUSTER_DURABLE=1 scripts/pg-cluster.sh standby "$primary_port" "$work/standby" "$standby_port" standby1)
db_standby=${standby%/postgres}/jstandby
if [[ $sync == 1 ]]; then
  # A commit returns only once the standby has flushed its WAL (synchronous_commit=on, the default, with the
  # standby named here): that is what makes "acknowledged" mean "on the standby".
  "$psql" "$primary" -qAtc "ALTER SYSTEM SET synchronous_standby_names = 'standby1'" -c "SELECT pg_reload_conf()" >/dev/null
fi
want=$([[ $sync == 1 ]] && echo sync || echo async)
for _ in $(seq 100); do
  state=$("$psql" "$primary" -qAtc "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'")
  [[ $state == "$want" ]] && break
  sleep 0.1
done
[[ $state == "$want" ]] || fail "the standby is '$state', not '$want'"
if [[ ${MULTIHOST:-0} == 1 ]]; then
  db_primary="postgresql://jiceng@127.0.0.1:$primary_port,127.0.0.1:$standby_port/jstandby?target_session_attrs=read-write"
  db_standby=$db_primary
fi
replication=$("$psql" "$primary" -qAtc "SELECT current_setting('synchronous_commit') || ' ' || current_setting('synchronous_standby_names')")

# Writes through the API on the primary; the primary goes down while they go on.
serve "$db_primary" "$http_port"
node scripts/standby-client.mjs write "http://127.0.0.1:$http_port" "$work/acked.tsv" >"$work/writer.json" &
writer_pid=$!
# Returns once $1 writes have been acknowledged.
acknowledged() {
  for _ in $(seq 3000); do
    [[ -f $work/acked.tsv && $(wc -l <"$work/acked.tsv") -ge $1 ]] && return 0
    kill -0 "$writer_pid" 2>/dev/null || fail "the writer stopped early: $(cat "$work/writer.json")"
    sleep 0.1
  done
  fail "$1 writes were not acknowledged in 300 s"
}
if [[ $partition == 1 ]]; then
  acknowledged $((before / 2))
  "$psql" "$standby" -qAtc "ALTER SYSTEM SET primary_conninfo = ''" -c "SELECT pg_reload_conf()" >/dev/null
  for _ in $(seq 100); do
    [[ $("$psql" "$standby" -qAtc "SELECT count(*) FROM pg_stat_wal_receiver") == 0 ]] && break
    sleep 0.1
  done
  partitioned_at=$(wc -l <"$work/acked.tsv")
fi
acknowledged "$before"
t_crash=$(now)
scripts/pg-cluster.sh crash "$work/primary"
wait "$writer_pid" || fail "the writer failed: $(cat "$work/writer.json")"
kill "$serve_pid" && wait "$serve_pid" 2>/dev/null || true
serve_pid=

# Failover: promote the standby, serve from it.
t=$(now)
scripts/pg-cluster.sh promote "$work/standby"
t_promoted=$(now)
promote_seconds=$(awk -v a="$t_promoted" -v b="$t" 'BEGIN {print a - b}')
serve "$db_standby" "$http_port2"
t_serving=$(now)
node scripts/standby-client.mjs check "http://127.0.0.1:$http_port2" "$work/acked.tsv" >"$work/check.json" || true
t_checked=$(now)
audit=$("$jiceng" audit verify --db "$db_standby" 2>/dev/null) || true
rollup=$("$jiceng" rollup verify --db "$db_standby" 2>/dev/null) || true
load=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$work" "$init_seconds" "$promote_seconds" "$t_crash" "$t_promoted" "$t_serving" "$t_checked" \
  "$replication" "$load" "$audit" "$rollup" "$members" "${partitioned_at:-}" <<'PY'
import json, os, sys
work, init_s, promote_s, crash, promoted, serving, checked, replication, load, audit, rollup, members, cut = sys.argv[1:]
writer = json.load(open(f"{work}/writer.json"))
check = json.load(open(f"{work}/check.json"))
ms = sorted(float(line.split("\t")[2]) for line in open(f"{work}/acked.tsv"))
made = json.load(open(f"{work}/init.json"))
audit, rollup = json.loads(audit or "{}"), json.loads(rollup or "{}")
out = {
    "test": "standby_failover", "replication": replication, "init_seconds": round(float(init_s), 1),
    "demo_persons": made.get("persons"), "members_per_branch": int(members),
    "writes_attempted": writer["attempted"], "writes_acknowledged": writer["acknowledged"],
    "found_after_promotion": check["found"],
    "lost": writer["acknowledged"] - check["found"], "first_lost": check["missing"][:3],
    "write_ms_p50": ms[len(ms) // 2], "write_ms_p99": ms[int(len(ms) * 0.99)],
    "write_after_promotion": check["write_after_promotion"],
    "servers_uri": "both hosts, target_session_attrs=read-write" if os.environ.get("MULTIHOST") == "1" else "the standby's own",
    "promote_seconds": round(float(promote_s), 3),
    "crash_to_serving_seconds": round(float(serving) - float(crash), 2),
    "serve_start_seconds": round(float(serving) - float(promoted), 2),
    "audit_verify": {k: audit.get(k) for k in ("ok", "records", "anchored", "problem")},
    "rollup_verify": {k: rollup.get(k) for k in ("ok", "nodes", "differences")},
    "load_average": load,
}
if cut:
    out["standby_cut_off_after_writes"] = int(cut)
out["ok"] = bool(check["found"] == writer["acknowledged"] and check["write_after_promotion"] == 201
                 and audit.get("ok") and rollup.get("ok"))
print(json.dumps(out, ensure_ascii=False))
sys.exit(0 if out["ok"] else 1)
PY
