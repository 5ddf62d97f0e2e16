#!/usr/bin/env bash
# Load test on loopback, bounded in time, on each back end: wrk (2 threads, 16 connections) against the health
# endpoint and the lists of the Qinghai demo — the overdue list and the people list of 格尔木市 (demo_golmud), its
# dashboard, the province's people list (demo_qinghai) — then 16 connections of demo_qinghai asking the largest
# people page while the health endpoint is asked one request at a time. Prints one JSON line per endpoint
# (requests/s, latency percentiles in ms), then per back end one line of each list's requests/s as a share of
# /health's in the same run, and the load average before and after (the machine may be shared).
# Usage: bench/http/run.sh [seconds per endpoint, default 10]
# Environment:
#   BACKENDS="sqlite postgres"  the back ends to run (default both; postgres needs PostgreSQL 15, see doc/postgres.md)
#   JICENG=build/jiceng         the program
#   PG_PORT=55432               the port of the throwaway cluster (scripts/pg-cluster.sh)
#   PG_URI=postgresql://…/db    instead: a database already made by `init --province 63 --demo
#                               --demo-password 'Bench#2026pass'`, with JICENG_STATE_DIR set as when it was made
#   NATIONAL_DB=/path/x.db      also: the dashboard of several provinces on a SQLite database made by
#                               `init --province all --demo --demo-password 'Bench#2026pass'` (several minutes, GBs)
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER=${1:-10}
JICENG=${JICENG:-build/jiceng}
BACKENDS=${BACKENDS:-sqlite postgres}
PASSWORD='Bench#2026pass'
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
WORK=$(mktemp -d)
PID=""
CLUSTER=""
cleanup() {
  [[ -n $PID ]] && kill "$PID" 2>/dev/null
  [[ -n $CLUSTER ]] && scripts/pg-cluster.sh stop "$CLUSTER"
  rm -rf "$WORK"
}
trap cleanup EXIT

cat > "$WORK/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format('{"requests": %d, "errors": %d, "requests_per_second": %.0f, "p50_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f}\n',
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA

load() { cut -d' ' -f1-3 /proc/loadavg | sed 's/ /, /g'; }

serve() {  # serve DB: starts the server, sets URL
  : > "$WORK/serve.out"
  "$JICENG" serve --db "$1" --port 0 > "$WORK/serve.out" 2>&1 &
  PID=$!
  for _ in $(seq 1 600); do grep -q "127.0.0.1:" "$WORK/serve.out" && break; sleep 0.2; done
  URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.out" | head -1)
  [[ -n $URL ]] || { cat "$WORK/serve.out" >&2; exit 1; }
}

stop_server() { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; PID=""; }

signin() {  # signin LOGIN [PASSWORD]: prints the session cookie
  curl -s -D - -o /dev/null -X POST "$URL/api/v1/session" -d "{\"login\":\"$1\",\"password\":\"${2:-$PASSWORD}\"}" |
    grep -i '^set-cookie' | sed 's/^[^:]*: //; s/;.*//'
}

declare -A RPS
run() {  # run BACKEND NAME PATH [wrk options]: one JSON line
  local backend=$1 name=$2 path=$3
  shift 3
  local line
  line=$(wrk -t2 -c16 -d"${SECONDS_PER}s" --timeout 5s -s "$WORK/report.lua" "$@" "$URL$path" | tail -1)
  RPS[$name]=$(sed 's/.*"requests_per_second": \([0-9]*\).*/\1/' <<< "$line")
  echo "{\"backend\": \"$backend\", \"bench\": \"$name\", \"path\": \"$path\", \"connections\": 16, \"threads\": 2, \"seconds\": $SECONDS_PER, ${line:1}"
}

share() { awk -v a="${RPS[$1]}" -v h="${RPS[health]}" 'BEGIN { printf "%.3f", (h > 0 ? a / h : 0) }'; }

bench_backend() {  # bench_backend NAME DB
  local backend=$1 db=$2
  echo "{\"backend\": \"$backend\", \"bench\": \"machine\", \"load_average_before\": \"$(load)\", \"cores\": $(nproc)}"
  serve "$db"
  local golmud province
  golmud=$(signin demo_golmud)
  province=$(signin demo_qinghai)
  [[ -n $golmud && -n $province ]] || { echo "sign-in failed on $backend" >&2; cat "$WORK/serve.out" >&2; exit 1; }
  run "$backend" health /api/v1/health
  run "$backend" duty_overdue_county "/api/v1/duty/items?due=overdue&org=632801000000&page_size=20" -H "Cookie: $golmud"
  run "$backend" people_list_county "/api/v1/people?page_size=20" -H "Cookie: $golmud"
  run "$backend" people_search_county "/api/v1/people?q=zx&page_size=20" -H "Cookie: $golmud"
  run "$backend" dashboard_county "/api/v1/dashboard" -H "Cookie: $golmud"
  run "$backend" people_list_province "/api/v1/people?page_size=20" -H "Cookie: $province"
  run "$backend" dashboard_province "/api/v1/dashboard" -H "Cookie: $province"
  echo "{\"backend\": \"$backend\", \"bench\": \"shares_of_health\", \"duty_overdue_county\": $(share duty_overdue_county), \"people_list_county\": $(share people_list_county), \"people_list_province\": $(share people_list_province), \"dashboard_county\": $(share dashboard_county)}"

  # Issue #10 §2: a province account asking 16 people lists at once (the largest page) must not starve the small
  # requests of everyone else: the health endpoint is asked one request at a time during the same seconds.
  local page=${PAGE_SIZE:-100} line
  wrk -t1 -c16 -d"${SECONDS_PER}s" --timeout 30s -s "$WORK/report.lua" -H "Cookie: $province" \
    "$URL/api/v1/people?page_size=$page" | tail -1 > "$WORK/province.json" &
  local loading=$!
  sleep 0.5
  line=$(wrk -t1 -c1 -d"$((SECONDS_PER - 1))s" --timeout 30s -s "$WORK/report.lua" "$URL/api/v1/health" | tail -1)
  wait $loading
  echo "{\"backend\": \"$backend\", \"bench\": \"health_during_province_lists\", \"path\": \"/api/v1/health\", \"connections\": 1, ${line:1}"
  echo "{\"backend\": \"$backend\", \"bench\": \"province_people_lists\", \"path\": \"/api/v1/people?page_size=$page\", \"connections\": 16, $(cut -c2- "$WORK/province.json")"
  stop_server
  echo "{\"backend\": \"$backend\", \"bench\": \"machine\", \"load_average_after\": \"$(load)\"}"
}

for backend in $BACKENDS; do
  case $backend in
    sqlite)
      "$JICENG" init --db "$WORK/b.db" --province 63 --demo --demo-password "$PASSWORD" > /dev/null
      bench_backend sqlite "$WORK/b.db"
      ;;
    postgres)
      if [[ -z ${PG_URI:-} ]]; then
        CLUSTER="$WORK/pg"
        base=$(scripts/pg-cluster.sh start "$CLUSTER" "${PG_PORT:-55432}")
        psql -q "$base" -c "CREATE DATABASE jbench TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
        PG_URI=${base%/postgres}/jbench
        export JICENG_STATE_DIR="$WORK/state"
        mkdir -p "$JICENG_STATE_DIR"
        echo "{\"backend\": \"postgres\", \"bench\": \"init\", \"note\": \"init --province 63 --demo on PostgreSQL takes minutes\"}" >&2
        "$JICENG" init --db "$PG_URI" --province 63 --demo --demo-password "$PASSWORD" > /dev/null
      fi
      bench_backend postgres "$PG_URI"
      ;;
    *) echo "unknown back end: $backend" >&2; exit 2 ;;
  esac
done

# National scale (issue #12 §3): the dashboard of a province, for several provinces, each as its own account.
if [[ -n ${NATIONAL_DB:-} ]]; then
  echo "{\"backend\": \"sqlite\", \"bench\": \"machine\", \"database\": \"national\", \"load_average_before\": \"$(load)\"}"
  declare -A COOKIES
  serve "$NATIONAL_DB"
  for code in ${PROVINCES:-11 32 41 44 51 54 63 65}; do
    login="bench_p$code"
    initial=$("$JICENG" user add --db "$NATIONAL_DB" --login "$login" --org "${code}0000000000" --role org_department \
      --json 2>/dev/null | sed -n 's/.*"initial_password":"\([^"]*\)".*/\1/p')
    if [[ -n $initial ]]; then  # a new account: its first sign-in sets the bench's password
      answer=$(curl -s -D - -X POST "$URL/api/v1/session" -d "{\"login\":\"$login\",\"password\":\"$initial\"}")
      cookie=$(grep -i '^set-cookie' <<< "$answer" | sed 's/^[^:]*: //; s/;.*//')
      csrf=$(sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p' <<< "$answer")
      curl -s -o /dev/null -X POST "$URL/api/v1/session/password" -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" \
        -d "{\"old_password\":\"$initial\",\"new_password\":\"$PASSWORD\"}"
    fi
    COOKIES[$code]=$(signin "$login")
    run sqlite "dashboard_national_$code" "/api/v1/dashboard" -H "Cookie: ${COOKIES[$code]}"
  done
  run sqlite health_national /api/v1/health
  stop_server
  echo "{\"backend\": \"sqlite\", \"bench\": \"machine\", \"database\": \"national\", \"load_average_after\": \"$(load)\"}"
fi
