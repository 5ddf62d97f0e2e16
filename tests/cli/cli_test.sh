#!/usr/bin/env bash
# End-to-end tests of the jiceng command line against real SQLite files and a
# real server on 127.0.0.1. Usage: cli_test.sh <path to jiceng>
set -uo pipefail
JICENG=$(realpath "$1")
cd "$(dirname "$0")/../.."
WORK=$(mktemp -d)
SERVER_PID=""
trap '[[ -n $SERVER_PID ]] && kill $SERVER_PID 2>/dev/null; rm -rf "$WORK"' EXIT
DB=$WORK/jiceng.db
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"
digest() { sqlite3 "$DB" .dump | sha256sum; }
valid_id() {  # the check character of GB 11643 for 17 digits
  local d=$1 w=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) c=10X98765432 s=0
  for i in $(seq 0 16); do s=$((s + ${d:$i:1} * ${w[$i]})); done
  echo "$d${c:$((s % 11)):1}"
}

"$JICENG" init --db "$DB" --province 63 --demo --json > "$WORK/init.json"
check "init succeeds" test $? -eq 0
check "key file is 0600" test "$(stat -c %a "$DB.key")" = 600
before=$(digest)
"$JICENG" init --db "$DB" --province 63 2> "$WORK/err"
check "init refuses to overwrite with exit 2" test $? -eq 2
check "init names the problem" grep -q "数据库已存在" "$WORK/err"
check "refused init changed nothing" test "$(digest)" = "$before"
"$JICENG" init --db "$WORK/bad.db" --province 99 2> /dev/null
check "unknown province exits 2" test $? -eq 2
check "unknown province leaves no file" test ! -e "$WORK/bad.db"

stats=$("$JICENG" stats --db "$DB" --json)
for pair in province:1 prefecture:8 county:45 township:422 village:4716; do
  level=${pair%%:*} n=${pair##*:}
  check "stats $level = $n" test "$(echo "$stats" | python3 -c "import json,sys; print(json.load(sys.stdin)['by_level']['$level'])")" = "$n"
done

# Person add: good and bad.
id=$(valid_id 63280219900101001)
branch=$("$JICENG" org children 632802001204 --db "$DB" --json | python3 -c "import json,sys; print(json.load(sys.stdin)[0]['code'])")
out=$("$JICENG" person add --db "$DB" --name 竺向东 --id-number "$id" --ethnicity 汉族 --education 大学本科 \
  --status 正式党员 --joined 2015-07-01 --org "$branch" --json)
check "person add succeeds" test $? -eq 0
check "person add output is masked" grep -q '632802\*\*\*\*\*\*\*\*' <<< "$out"
check "person add output hides the number" test "$(grep -c "$id" <<< "$out")" = 0
before=$(digest)
bad=${id:0:17}$([[ ${id:17:1} == 1 ]] && echo 2 || echo 1)
"$JICENG" person add --db "$DB" --name 甲 --id-number "$bad" --ethnicity 汉族 --education 高中 --status 群众 2> "$WORK/err"
check "bad checksum exits 2" test $? -eq 2
check "bad checksum names the field" grep -q "id_number" "$WORK/err"
"$JICENG" person add --db "$DB" --name 乙 --id-number "$id" --ethnicity 汉族 --education 高中 --status 群众 2> "$WORK/err"
check "duplicate ID exits 2" test $? -eq 2
"$JICENG" person add --db "$DB" --name 丙 --id-number "$(valid_id 63280219900101003)" --ethnicity 汉族 \
  --education 高中 --status 正式党员 --joined 2099-01-01 --org "$branch" 2> "$WORK/err"
check "future joining date exits 2" test $? -eq 2
printf '姓名,民族\n"未闭合,藏族\n' > "$WORK/bad.csv"
"$JICENG" person import --db "$DB" --csv "$WORK/bad.csv" 2> "$WORK/err"
check "malformed CSV exits 2" test $? -eq 2
check "refused writes changed nothing" test "$(digest)" = "$before"

found=$("$JICENG" person list --db "$DB" --org 632802000000 -q zxd --json)
check "pinyin initials find the person" grep -q "竺向东" <<< "$found"
shown=$("$JICENG" person show 1 --db "$DB" --reveal --json)
check "reveal shows the full number" python3 -c "import json,sys; v=json.loads(sys.argv[1])['id_number']; assert '*' not in v and len(v)==18" "$shown"
"$JICENG" audit verify --db "$DB" > /dev/null
check "audit chain verifies" test $? -eq 0
check "reveal is audited" test "$(sqlite3 "$DB" "SELECT COUNT(*) FROM audit_log WHERE action='person.reveal'")" = 1
sqlite3 "$DB" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE id = 2"
"$JICENG" audit verify --db "$DB" > /dev/null
check "a forged audit record is detected" test $? -ne 0

# Tree changes keep history.
village=$("$JICENG" org children 632802001000 --db "$DB" --json | python3 -c "import json,sys; print(json.load(sys.stdin)[0]['code'])")
"$JICENG" org rename "$village" --name 新名村 --on 2025-03-01 --reason 村庄更名 --db "$DB" > /dev/null
check "rename succeeds" test $? -eq 0
old=$("$JICENG" org show "$village" --as-of 2025-01-01 --db "$DB" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['name'])")
new=$("$JICENG" org show "$village" --db "$DB" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['name'])")
check "as-of sees the old name" test "$old" != 新名村
check "today sees the new name" test "$new" = 新名村
"$JICENG" org rename --org "$village" --name 再名村 --date 2025-06-01 --db "$DB" > /dev/null 2>&1
check "a rename without a reason is refused" test $? -ne 0
"$JICENG" org rename --org "$village" --name 再名村 --date 2025-06-01 --reason " " --db "$DB" > /dev/null 2>&1
check "a blank reason is refused" test $? -eq 2
"$JICENG" org rename --org "$village" --name 再名村 --date 2025-06-01 --reason 村务调整 --db "$DB" > /dev/null
check "rename with --org and --date succeeds" test $? -eq 0
check "the reason is in the history" test "$(sqlite3 "$DB" "SELECT reason FROM org_event e JOIN org_unit u ON u.id = e.unit_id WHERE u.code = '$village' ORDER BY e.id DESC LIMIT 1")" = 村务调整

# The roll-up engine agrees with plain SQL for every node and indicator, after the writes above.
"$JICENG" rollup verify --db "$DB" > "$WORK/verify.json"
check "rollup verify passes" test $? -eq 0
check "rollup verify covered the tree" python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['ok'] and d['nodes'] > 10000" "$WORK/verify.json"

# The national-scale demo generator, on one province: K Party members in every village branch, the counts it
# reports are what the database holds, and the roll-ups agree with SQL. Bad sizes are refused before any file.
"$JICENG" init --db "$WORK/k3.db" --province 63 --demo --members-per-branch 3 --json > "$WORK/k3.json"
check "init --members-per-branch succeeds" test $? -eq 0
check "init --members-per-branch reports what it made" python3 - "$WORK/k3.json" "$WORK/k3.db" <<'PY'
import json, sqlite3, sys
made = json.load(open(sys.argv[1]))
db = sqlite3.connect(sys.argv[2])
one = lambda sql: db.execute(sql).fetchone()[0]
assert made["members_per_branch"] == 3, made
assert made["party_orgs"] == one("SELECT COUNT(*) FROM org_unit WHERE level = 'party'") == 5457, made
assert made["persons"] == one("SELECT COUNT(*) FROM person") > 4716 * 3, made
assert made["posts"] == one("SELECT COUNT(*) FROM post"), made
assert made["accounts"] == 8, made
assert made["duty_lists"] == 45 and made["duty_problems"] == 422, made
assert made["duty_measures"] == one("SELECT COUNT(*) FROM duty_item WHERE kind = 'measure'") > 422, made
sizes = db.execute("""SELECT MIN(n), MAX(n) FROM (SELECT COUNT(*) AS n FROM org_unit v
  JOIN org_link l ON l.parent_id = v.id JOIN person_org po ON po.org_id = l.unit_id
  JOIN person p ON p.id = po.person_id AND p.political_status IN ('full_member', 'probationary_member')
  WHERE v.kind = 'village' GROUP BY l.unit_id)""").fetchone()
assert sizes == (3, 3), sizes
assert one("SELECT COUNT(*) FROM duty_event WHERE action = 'accept'") > 0
PY
"$JICENG" rollup verify --db "$WORK/k3.db" > "$WORK/k3_verify.json"
check "rollup verify passes on the national demo" test $? -eq 0
for bad in 0 201 abc; do
  "$JICENG" init --db "$WORK/bad_k.db" --province 63 --demo --members-per-branch "$bad" 2> "$WORK/err"
  check "members per branch $bad exits 2" test $? -eq 2
  check "members per branch $bad names the field" grep -q "members_per_branch" "$WORK/err"
done
"$JICENG" init --db "$WORK/bad_k.db" --province 63 --members-per-branch 3 2> /dev/null
check "members per branch without --demo exits 2" test $? -eq 2
check "refused sizes leave no file" test ! -e "$WORK/bad_k.db"

# The server answers health and summary on loopback and stops on SIGTERM.
"$JICENG" serve --db "$DB" --port 0 > "$WORK/serve.out" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 50); do grep -q "127.0.0.1:" "$WORK/serve.out" && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$WORK/serve.out" | head -1 | cut -d: -f2)
health=$(curl -s --max-time 5 "http://127.0.0.1:$port/api/v1/health")
check "health answers ok" grep -q '"status":"ok"' <<< "$health"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/api/v1/people")
check "the API refuses a request without a session" test "$code" = 401
kill -TERM $SERVER_PID
wait $SERVER_PID
check "server exits cleanly on SIGTERM" test $? -eq 0
SERVER_PID=""

checks_done
