#!/usr/bin/env bash
# How long `jiceng serve` takes to start on a database, and how much memory it holds: seconds from launch until it
# listens (it opens its port only once the roll-up is built), the roll-up build time it reports, and the
# process's resident memory (VmRSS) and peak (VmHWM) right after start and after a province's dashboard
# (GET /api/v1/dashboard?org=630000000000 as demo_qinghai, when the database has the demo accounts).
# Prints one JSON line. Works on a SQLite file or a postgresql:// URI (doc/scale.md).
# Usage: bench/serve_start.sh DB [port, default 18610]     PASSWORD=… the demo accounts' password (--demo-password)
set -euo pipefail
cd "$(dirname "$0")/.."
JICENG=${JICENG:-build/jiceng}
db=${1:?usage: bench/serve_start.sh DB [port]}
port=${2:-18610}
password=${PASSWORD:-Bench#2026pass}
log=$(mktemp)
jar=$(mktemp)
started=$(date +%s.%N)
"$JICENG" serve --db "$db" --port "$port" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log" "$jar"' EXIT
until grep -q '已启动' "$log"; do
  kill -0 $pid 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.05
done
listening=$(date +%s.%N)
kb() { awk -v k="$1:" '$1 == k {print $2}' /proc/$pid/status; }
rss_start=$(kb VmRSS) hwm_start=$(kb VmHWM)
# CPU seconds (user + system) the process used to get there: far below the wall time means it waited (for a
# core on a loaded machine, or for the disk).
cpu_start=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' /proc/$pid/stat)
dashboard_seconds=null
url=http://127.0.0.1:$port/api/v1
if csrf=$(curl -sf -c "$jar" -H 'content-type: application/json' \
    -d "{\"login\":\"demo_qinghai\",\"password\":\"$password\"}" "$url/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])'); then
  dashboard_seconds=$(curl -sf -b "$jar" -o /dev/null -w '%{time_total}' "$url/dashboard?org=630000000000")
fi
python3 - "$db" "$started" "$listening" "$rss_start" "$hwm_start" "$(kb VmRSS)" "$(kb VmHWM)" "$dashboard_seconds" \
  "$(grep -o '用时 [0-9.]* 秒' "$log" | grep -o '[0-9.]*' | head -1)" "$(grep -o '就绪：[0-9]* 个节点' "$log" | grep -o '[0-9]*')" \
  "$(cut -d' ' -f1-3 /proc/loadavg)" "$cpu_start" <<'PY'
import json, re, sys
db, started, listening, rss, hwm, rss2, hwm2, dash, build, nodes, load, cpu = sys.argv[1:]
print(json.dumps({"bench": "serve_start", "db": re.sub(r"//[^@/]*@", "//", db),
                  "seconds_to_listen": round(float(listening) - float(started), 2), "cpu_seconds_to_listen": float(cpu),
                  "rollup_build_seconds": float(build) if build else None, "nodes": int(nodes) if nodes else None,
                  "rss_mb_at_start": round(int(rss) / 1024), "peak_rss_mb_at_start": round(int(hwm) / 1024),
                  "province_dashboard_seconds": None if dash == "null" else float(dash),
                  "rss_mb_after_dashboard": round(int(rss2) / 1024), "peak_rss_mb_after_dashboard": round(int(hwm2) / 1024),
                  "load_average": load}, ensure_ascii=False))
PY
