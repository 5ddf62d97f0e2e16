#!/usr/bin/env bash
# Load test on loopback, bounded in time: wrk against the health endpoint and a
# signed-in people-list endpoint (格尔木市, 20 per page) of the Qinghai demo.
# Prints one JSON line per endpoint: requests/s and latency percentiles (ms).
# Usage: bench/http/run.sh [seconds per endpoint, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER=${1:-10}
JICENG=build/jiceng
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
WORK=$(mktemp -d)
PID=""
trap '[[ -n $PID ]] && kill $PID 2>/dev/null; rm -rf "$WORK"' EXIT

"$JICENG" init --db "$WORK/b.db" --province 63 --demo --demo-password 'Bench#2026pass' > /dev/null
"$JICENG" serve --db "$WORK/b.db" --port 0 > "$WORK/serve.out" 2>&1 &
PID=$!
for _ in $(seq 1 100); do grep -q "127.0.0.1:" "$WORK/serve.out" && break; sleep 0.1; done
URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.out" | head -1)
COOKIE=$(curl -s -D - -o /dev/null -X POST "$URL/api/v1/session" \
  -d '{"login":"demo_golmud","password":"Bench#2026pass"}' | grep -i '^set-cookie' | sed 's/^[^:]*: //; s/;.*//')

cat > "$WORK/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format('{"requests": %d, "errors": %d, "requests_per_second": %.0f, "p50_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f}\n',
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA

run() {  # run NAME PATH [HEADER]
  local name=$1 path=$2
  shift 2
  local line
  line=$(wrk -t2 -c32 -d"${SECONDS_PER}s" --timeout 5s -s "$WORK/report.lua" "$@" "$URL$path" | tail -1)
  echo "{\"bench\": \"$name\", \"path\": \"$path\", \"connections\": 32, \"threads\": 2, \"seconds\": $SECONDS_PER, ${line:1}"
}

run health /api/v1/health
run people_list "/api/v1/people?page_size=20" -H "Cookie: $COOKIE"
run people_search "/api/v1/people?q=zx&page_size=20" -H "Cookie: $COOKIE"

# Issue #10 §2: a province account asking 16 people lists at once (the largest page) must not starve the small
# requests of everyone else: the health endpoint is asked one request at a time during the same seconds.
COOKIE_PROVINCE=$(curl -s -D - -o /dev/null -X POST "$URL/api/v1/session" \
  -d '{"login":"demo_qinghai","password":"Bench#2026pass"}' | grep -i '^set-cookie' | sed 's/^[^:]*: //; s/;.*//')
PAGE=${PAGE_SIZE:-100}
wrk -t1 -c16 -d"${SECONDS_PER}s" --timeout 30s -s "$WORK/report.lua" -H "Cookie: $COOKIE_PROVINCE" \
  "$URL/api/v1/people?page_size=$PAGE" | tail -1 > "$WORK/province.json" &
LOAD=$!
sleep 0.5
line=$(wrk -t1 -c1 -d"$((SECONDS_PER - 1))s" --timeout 30s -s "$WORK/report.lua" "$URL/api/v1/health" | tail -1)
wait $LOAD
echo "{\"bench\": \"health_during_province_lists\", \"path\": \"/api/v1/health\", \"connections\": 1, ${line:1}"
echo "{\"bench\": \"province_people_lists\", \"path\": \"/api/v1/people?page_size=$PAGE\", \"connections\": 16, $(cut -c2- "$WORK/province.json")"
