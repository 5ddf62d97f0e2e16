#!/usr/bin/env bash
# Times `jiceng init` for the Qinghai demo and for all of China, printing one
# JSON line per run: wall time (s), peak resident memory (MB) and what was made.
# Usage: bench/init.sh [path to jiceng]   (default build/jiceng)
set -euo pipefail
cd "$(dirname "$0")/.."
JICENG=${1:-build/jiceng}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

run() {  # run NAME ARGS...
  local name=$1
  shift
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$JICENG" init --db "$WORK/$name.db" --json "$@" > "$WORK/out.json"
  read -r wall peak_kb < "$WORK/time"
  python3 - "$name" "$wall" "$peak_kb" "$WORK/out.json" "$WORK/$name.db" "$*" <<'PY'
import json, os, sys
name, wall, peak_kb, out, db, args = sys.argv[1:]
made = json.load(open(out))
made.pop("db", None); made.pop("key_file", None); made.pop("milliseconds", None); made.pop("notes", None)
print(json.dumps({"bench": name, "command": "jiceng init " + args, "wall_seconds": float(wall),
                  "peak_rss_mb": round(int(peak_kb) / 1024, 1), "db_mb": round(os.path.getsize(db) / 2**20, 1),
                  "made": made}, ensure_ascii=False))
PY
}

run qinghai_demo --province 63 --demo
run china --province all
