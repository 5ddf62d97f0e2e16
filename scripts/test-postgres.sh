#!/usr/bin/env bash
# `make test`'s PostgreSQL pass, on one throwaway PostgreSQL 15 cluster (scripts/pg-cluster.sh: started here on a
# free loopback port, stopped and removed at the end, whatever happens):
#   cxx  the C++ suite again, every test database on the cluster (JICENG_TEST_PG). Tests labelled sqlite-only are
#        about the SQLite file itself (its locks, journal, damage, the file backup set) and are left out;
#   api  the API suite (tests/api, JICENG_SUITE_PG): each test file's database is a copy of one demo database made
#        here once by `jiceng init --demo` and copied with CREATE DATABASE … TEMPLATE;
#   e2e  the browser smoke walk (tests/e2e/postgres_smoke.test.mjs) on another copy of that demo.
# Tests not run on PostgreSQL yet are in tests/postgres-pending.txt, each with its reason.
# Usage: test-postgres.sh BUILD_DIR JOBS [ctest arguments…]; JICENG_PG_PASSES picks passes (default "cxx api e2e").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-build}" && pwd)
jobs=${2:-2}
shift 2 || true
passes=${JICENG_PG_PASSES:-cxx api e2e}
dir=$(mktemp -d /tmp/jiceng-pg.XXXXXX)
work=$(mktemp -d /tmp/jiceng-pg-work.XXXXXX)  # key files, anchors and evidence of the API and browser databases
port=${JICENG_PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}  # or the port given
trap '[[ -n ${demo_pid:-} ]] && kill "$demo_pid" 2>/dev/null; "$root/scripts/pg-cluster.sh" stop "$dir"; rm -rf "$work"' EXIT
trap 'exit 130' INT  # interrupted or killed: exit, so that the EXIT trap stops the cluster
trap 'exit 143' TERM
uri=$("$root/scripts/pg-cluster.sh" start "$dir" "$port")
echo "test-postgres: cluster at $uri"
pending() {  # the pending names of one pass: C++ test names (no slash), or the files under tests/$1/
  grep -v '^\s*#' "$root/tests/postgres-pending.txt" | awk 'NF {print $1}' | { if [[ $1 == cxx ]]; then grep -v / || true; else grep "^tests/$1/" || true; fi; }
}
failed=()
seconds() { echo $(( $(date +%s) - $1 )); }

# The demo database the API and browser passes copy: `init --demo` on PostgreSQL takes minutes, mostly waiting on
# round trips, so it is made in the background while the C++ pass runs.
demo_pid=
if [[ " $passes " == *" api "* || " $passes " == *" e2e "* ]]; then
  mkdir -p "$work/state"
  demo_began=$(date +%s)
  psql -X -q -v ON_ERROR_STOP=1 -d "$uri" \
    -c "CREATE DATABASE jiceng_demo TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
  JICENG_STATE_DIR="$work/state" "$build/jiceng" init --db "${uri%/*}/jiceng_demo" --province 63 --demo --demo-password 'Demo#2026pass' --json \
    >"$work/demo.log" 2>&1 &
  demo_pid=$!
fi
wait_demo() {
  local pid=$demo_pid
  demo_pid=
  if ! wait "$pid"; then
    cat "$work/demo.log" >&2
    return 1
  fi
  echo "test-postgres: demo database ready $(seconds "$demo_began") s after it began"
}

if [[ " $passes " == *" cxx "* ]]; then
  began=$(date +%s)
  # Left out by name, so the list is the whole truth of what this pass does not prove.
  names=$(pending cxx | paste -sd'|' -)
  exclude=()
  [[ -n "$names" ]] && exclude=(-E "^($names)\$")
  (cd "$build" && JICENG_TEST_PG="$uri" ctest --output-on-failure -j "$jobs" --timeout 900 -LE sqlite-only "${exclude[@]}" "$@") \
    || failed+=(cxx)
  echo "test-postgres: C++ pass $(seconds "$began") s"
fi

if [[ " $passes " == *" api "* || " $passes " == *" e2e "* ]]; then
  demo=ok
  wait_demo || { failed+=(demo); demo=; }
  export JICENG_STATE_DIR="$work/state" JICENG_SUITE_PG="$uri" JICENG_SUITE_PG_TEMPLATE=jiceng_demo
  cd "$root"
  if [[ -n $demo && " $passes " == *" api "* ]]; then
    began=$(date +%s)
    mapfile -t skip < <(pending api)
    files=()
    for f in tests/api/*.test.mjs; do [[ " ${skip[*]} " == *" $f "* ]] || files+=("$f"); done
    JICENG="$build/jiceng" node --test --test-concurrency=1 "${files[@]}" || failed+=(api)
    echo "test-postgres: API pass $(seconds "$began") s"
  fi
  if [[ -n $demo && " $passes " == *" e2e "* ]]; then
    began=$(date +%s)
    JICENG_BIN="$build/jiceng" node --test --test-concurrency=1 tests/e2e/postgres_smoke.test.mjs || failed+=(e2e)
    echo "test-postgres: browser smoke walk $(seconds "$began") s"
  fi
fi

if ((${#failed[@]})); then
  echo "test-postgres: failed: ${failed[*]}" >&2
  exit 1
fi
