#!/usr/bin/env bash
# Reads a generated 100,000-row × 15-column .xlsx with core/sheet's reader and prints one JSON line:
# rows, seconds (file load + parse), peak resident memory of the reading process (MB).
# Usage: bench/sheet.sh [rows, default 100000] [path to sheet_bench, default build/src/core/sheet_bench]
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-100000}
BENCH=${2:-build/src/core/sheet_bench}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$BENCH" make "$WORK/roster.xlsx" "$ROWS"
"$BENCH" read "$WORK/roster.xlsx"
