#!/usr/bin/env bash
# The audit log against tampering, end to end (issue #10 §5): each tampering on its own copy of a demo database,
# with no server running, as someone holding the files would do it with sqlite3; `jiceng audit verify` must exit
# non-zero and name what it found. Usage: audit_tamper_test.sh <path to jiceng>
set -uo pipefail
JICENG=$(realpath "$1")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB=$WORK/base.db
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"
copy() {  # copy NAME: a copy of the base database with its key and anchor files; prints its path
  local to=$WORK/$1.db
  cp "$DB" "$to" && cp -p "$DB.key" "$to.key" && cp -p "$DB.anchor" "$to.anchor"
  echo "$to"
}
found() {  # found DB WORDS [verify options]: verify fails, naming WORDS
  local db=$1 words=$2
  shift 2
  "$JICENG" audit verify --db "$db" "$@" > "$WORK/out" 2>&1
  local rc=$?
  if [[ $rc -eq 0 ]] || ! grep -q "$words" "$WORK/out"; then
    echo "  verify exited $rc: $(cat "$WORK/out")"
    return 1
  fi
}
rechain() {  # rechain DB FROM: recompute the hashes from record FROM on with unkeyed BLAKE2b, as anyone could before
  python3 - "$1" "$2" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
start = int(sys.argv[2])
db.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
rows = db.execute("SELECT id, at, actor, address, action, object, org_code, before_digest, after_digest,"
                  " sealed_digest FROM audit_log ORDER BY id").fetchall()
prev = "0" * 64
for r in rows:
    if r[0] < start:
        prev = db.execute("SELECT hash FROM audit_log WHERE id = ?", (r[0],)).fetchone()[0]
        continue
    text = prev + "".join("\x1f" + f for f in r[1:9]) + "\x1f" + str(r[0]) + "\x1f" + r[9]
    h = hashlib.blake2b(text.encode(), digest_size=32).hexdigest()
    db.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", (prev, h, r[0]))
    prev = h
db.commit()
PY
}

"$JICENG" init --db "$DB" --province 63 --demo --demo-password 'Qh-Audit-2026!x' > /dev/null
check "init succeeds" test $? -eq 0
check "anchor file is 0600" test "$(stat -c %a "$DB.anchor")" = 600
for i in $(seq 10 130); do
  "$JICENG" person update 1 --db "$DB" --phone "$(printf 1390970%04d "$i")" > /dev/null || break
done
n=$(sqlite3 "$DB" "SELECT COUNT(*) FROM audit_log")
check "more than 120 records" test "$n" -gt 120
check "the demo timeline is sealed" test "$(sqlite3 "$DB" "SELECT COUNT(*) FROM duty_event WHERE audit_id IS NULL")" = 0
"$JICENG" audit verify --db "$DB" > "$WORK/out"
check "an untouched log verifies" test $? -eq 0
check "the anchor names the head" python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['anchored'] == d['records'] == $n" "$WORK/out"
checkpoint=$("$JICENG" audit checkpoint --db "$DB")
check "checkpoint prints the head" grep -q "^jiceng-audit-checkpoint $n [0-9a-f]\{64\} " <<< "$checkpoint"
"$JICENG" audit verify --db "$DB" --checkpoint "$checkpoint" > /dev/null
check "the log extends its checkpoint" test $? -eq 0

db=$(copy newest)
sqlite3 "$db" "DROP TRIGGER audit_log_keep_180_days; DELETE FROM audit_log WHERE id > $n - 100"
check "deleting the newest 100 records is found" found "$db" 记录被删除

db=$(copy actor)
sqlite3 "$db" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE id = 5"
rechain "$db" 5
check "changing an actor and recomputing the chain is found" found "$db" 链被改写

db=$(copy renumber)
sqlite3 "$db" "DROP TRIGGER audit_log_keep_180_days; DROP TRIGGER audit_log_no_update;
  DELETE FROM audit_log WHERE id = 20; UPDATE audit_log SET id = id - 1 WHERE id > 20"
rechain "$db" 20
check "deleting a record and renumbering is found" found "$db" 链被改写

db=$(copy empty)
sqlite3 "$db" "DROP TRIGGER audit_log_keep_180_days; DELETE FROM audit_log"
check "deleting every record is found" found "$db" 记录被删除

db=$(copy backdate)
sqlite3 "$db" "DROP TRIGGER audit_log_no_update;
  UPDATE audit_log SET at = date(substr(at, 1, 10), '-1 day') || substr(at, 11) WHERE id > $n - 101"
rechain "$db" $((n - 100))
check "backdating 101 records is found" found "$db" 时间倒退

db=$(copy forged)
sqlite3 "$db" "INSERT INTO audit_log(id, at, actor, address, action, object, org_code, before_digest, after_digest,
  prev_hash, hash) SELECT id + 1, at, 'demo_admin', 'local', 'person.reveal', '1', '', '', '', hash, hash
  FROM audit_log WHERE id = $n"
check "inserting a forged record is found" found "$db" 链被改写

db=$(copy timeline_edit)
sqlite3 "$db" "UPDATE duty_event SET note = '已整改', actor = 'demo_village' WHERE id = (SELECT MIN(id) FROM duty_event)"
check "editing a duty timeline row is found" found "$db" 时间线被改动

db=$(copy timeline_delete)
sqlite3 "$db" "DELETE FROM duty_event WHERE id = (SELECT MAX(id) FROM duty_event)"
check "deleting a duty timeline row is found" found "$db" 时间线被改动

db=$(copy timeline_insert)
sqlite3 "$db" "INSERT INTO duty_event(item_id, at, actor, action, from_state, to_state)
  SELECT item_id, at, 'demo_town', 'accept', 'submitted', 'accepted' FROM duty_event LIMIT 1"
check "a duty timeline row without its audit record is found" found "$db" 时间线缺审计记录

db=$(copy anchor_lost)
rm "$db.anchor"
check "a lost anchor file is found" found "$db" 锚点缺失

db=$(copy offsite)
sqlite3 "$db" "DROP TRIGGER audit_log_keep_180_days; DELETE FROM audit_log WHERE id > $n - 3"
awk -v m=$((n - 3)) '$1 <= m' "$db.anchor" > "$WORK/cut" && cat "$WORK/cut" > "$db.anchor"  # the anchor cut to match
"$JICENG" audit verify --db "$db" > /dev/null
check "cutting database and anchor together passes without the checkpoint" test $? -eq 0
check "the off-site checkpoint finds what a rewritten anchor hides" found "$db" 记录被删除 --checkpoint "$checkpoint"

db=$(copy young)
sqlite3 "$db" "DELETE FROM audit_log WHERE id = $n" 2> "$WORK/err"
check "the database refuses to delete a young record" grep -q "180" "$WORK/err"
sqlite3 "$db" "UPDATE audit_log SET actor = 'x' WHERE id = 1" 2> "$WORK/err"
check "the database refuses to change a record" grep -q "不可修改" "$WORK/err"
db=$(copy reinit)
"$JICENG" init --db "$db" --province 63 --force > /dev/null
"$JICENG" audit verify --db "$db" > "$WORK/out"
check "init --force starts a new anchor with the new chain" python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['ok'] and d['anchored'] == d['records'] == 1" "$WORK/out"

"$JICENG" --help 2>&1 | grep -qi "prune"
check "no command prunes the audit log" test $? -ne 0

checks_done "audit tamper tests"
