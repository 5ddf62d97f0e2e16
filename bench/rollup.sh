#!/usr/bin/env bash
# The roll-up engine against plain SQL at national scale: builds the national demo database (the real tree of all
# of China, a Party branch per village and community, K members per branch) unless DB names an existing one, then
# runs `jiceng bench rollup` on it. Prints one JSON line for the build and one for the benchmark.
# Usage: bench/rollup.sh [members per branch, default 16]
#   DB=/path/national.db bench/rollup.sh      reuse a database built before (it is kept)
#   QUERIES=500 WRITES=2000                   the benchmark's sizes
set -euo pipefail
cd "$(dirname "$0")/.."
JICENG=${JICENG:-build/jiceng}
K=${1:-16}
QUERIES=${QUERIES:-500}
WRITES=${WRITES:-2000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
if [[ -z ${DB:-} ]]; then
  DB="$WORK/national.db"
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$JICENG" init --db "$DB" --province all --demo --members-per-branch "$K" \
    --demo-password 'Bench#2026pass' --json > "$WORK/init.json"
  read -r wall peak_kb < "$WORK/time"
  python3 - "$wall" "$peak_kb" "$WORK/init.json" "$DB" "$K" <<'PY'
import json, os, sys
wall, peak_kb, out, db, k = sys.argv[1:]
made = json.load(open(out))
for key in ("db", "key_file", "anchor_file", "milliseconds", "notes"):
    made.pop(key, None)
print(json.dumps({"bench": "national_init", "command": f"jiceng init --province all --demo --members-per-branch {k}",
                  "wall_seconds": float(wall), "peak_rss_mb": round(int(peak_kb) / 1024, 1),
                  "db_mb": round(os.path.getsize(db) / 2**20, 1), "made": made}, ensure_ascii=False))
PY
fi
/usr/bin/time -f "%e %M" -o "$WORK/time" "$JICENG" bench rollup --db "$DB" --queries "$QUERIES" --writes "$WRITES" --json \
  > "$WORK/bench.json"
cat "$WORK/bench.json"
