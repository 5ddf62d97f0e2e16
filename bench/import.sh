#!/usr/bin/env bash
# The import benchmark: a 100,000-row roster .xlsx previewed (`--dry-run`) and imported into a fresh Qinghai demo
# database with `jiceng import people`, printing one JSON line: rows, preview_seconds, import_seconds (wall), their
# CPU seconds, and the peak resident memory of either run (MB). Usage: bench/import.sh [jiceng] [make_roster] [rows]
set -euo pipefail
cd "$(dirname "$0")/.."
JICENG=${1:-build/jiceng}
MAKER=${2:-build/make_roster}
ROWS=${3:-100000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB=$WORK/bench.db

"$JICENG" init --db "$DB" --province 63 --demo > /dev/null
org=$("$JICENG" org children 632801000000 --db "$DB" --json | python3 -c "import json,sys; print(json.load(sys.stdin)[0]['code'])")
"$MAKER" "$ROWS" "$WORK/roster.xlsx" "$org"

timed() {  # timed OUT ARGS...: wall seconds and peak KB into $WORK/time
  local out=$1
  shift
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "$JICENG" "$@" > "$out"
}
timed "$WORK/preview.json" import people --db "$DB" --file "$WORK/roster.xlsx" --dry-run --json
read -r preview_s preview_kb preview_user preview_sys < "$WORK/time"
timed "$WORK/import.json" import people --db "$DB" --file "$WORK/roster.xlsx" --json
read -r import_s import_kb import_user import_sys < "$WORK/time"
python3 - "$ROWS" "$preview_s" "$preview_kb" "$import_s" "$import_kb" "$WORK/preview.json" "$WORK/import.json" \
  "$WORK/roster.xlsx" "$preview_user" "$preview_sys" "$import_user" "$import_sys" <<'PY'
import json, os, sys
rows, ps, pkb, is_, ikb, preview, imported, xlsx, pu, psys, iu, isys = sys.argv[1:]
p, i = json.load(open(preview)), json.load(open(imported))
assert p["counts"]["added"] == int(rows), p["counts"]
assert i["applied"] and i["counts"]["added"] == int(rows), i["counts"]
print(json.dumps({"bench": "import_people", "rows": int(rows), "file_mb": round(os.path.getsize(xlsx) / 2**20, 1),
                  "preview_seconds": float(ps), "import_seconds": float(is_),
                  "total_seconds": round(float(ps) + float(is_), 2),
                  # CPU time (user + system): what the runs cost when other work shares the machine
                  "preview_cpu_seconds": round(float(pu) + float(psys), 2),
                  "import_cpu_seconds": round(float(iu) + float(isys), 2),
                  "peak_rss_mb": round(max(int(pkb), int(ikb)) / 1024, 1)}))
PY
