#!/usr/bin/env bash
# The import command line against a real SQLite file: exit 0 when applied, 2 with the row errors (and nothing
# changed) when any row is bad, --dry-run writes nothing, --json prints the report, --org keeps to a subtree,
# and `person import --csv` still works. Usage: import_test.sh <path to jiceng>
set -uo pipefail
JICENG=$(realpath "$1")
cd "$(dirname "$0")/../.."
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB=$WORK/jiceng.db
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"
digest() { sqlite3 "$DB" .dump | sha256sum; }
persons() { sqlite3 "$DB" "SELECT COUNT(*) FROM person"; }
json_field() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
valid_id() {  # the check character of GB 11643 for 17 digits
  local d=$1 w=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) c=10X98765432 s=0
  for i in $(seq 0 16); do s=$((s + ${d:$i:1} * ${w[$i]})); done
  echo "$d${c:$((s % 11)):1}"
}
bad_id() { local v; v=$(valid_id "$1"); echo "${v:0:17}$([[ ${v:17:1} == 1 ]] && echo 2 || echo 1)"; }

"$JICENG" init --db "$DB" --province 63 > /dev/null
check "init succeeds" test $? -eq 0
towns=$("$JICENG" org children 632802000000 --db "$DB" --json)
town=$(json_field "d[0]['code']" <<< "$towns")
far=$(json_field "d[1]['code']" <<< "$towns")
H='姓名*,民族,身份证号码（必填）,学历,政治面貌,所在组织代码'
A=$(valid_id 63280219800101001) B=$(valid_id 63280219800101011)

printf '%s\n扎西,藏族,%s,高中,群众,%s\n拉毛,藏族,%s,高中,群众,%s\n' "$H" "$A" "$town" "$(bad_id 63280219800101002)" "$town" > "$WORK/bad.csv"
before=$(digest)
"$JICENG" import people --db "$DB" --file "$WORK/bad.csv" > "$WORK/out" 2> "$WORK/err"
check "a bad row exits 2" test $? -eq 2
check "the error names row and column" grep -q "第 3 行 身份证号码" "$WORK/err"
check "it says nothing was imported" grep -q "未导入任何数据" "$WORK/err"
check "a refused import changed nothing" test "$(digest)" = "$before"

out=$("$JICENG" import people --db "$DB" --file "$WORK/bad.csv" --dry-run --json)
check "a bad dry run exits 2" test $? -eq 2
check "--json counts the bad row" test "$(json_field "d['counts']['failed']" <<< "$out")" = 1
check "--json gives the row number" test "$(json_field "d['errors'][0]['row']" <<< "$out")" = 3
check "--json gives the column" test "$(json_field "d['errors'][0]['column']" <<< "$out")" = 身份证号码

# Every bad cell of a row is an error of its own (issue #11): a vocabulary, another vocabulary and an organization
# that does not exist, in the columns' order; the row counts once.
printf '%s\n多杰,火星族,%s,博士,群众,639999999999\n' "$H" "$(valid_id 63280219800101031)" > "$WORK/three.csv"
out=$("$JICENG" import people --db "$DB" --file "$WORK/three.csv" --dry-run --json)
check "three bad cells exit 2" test $? -eq 2
check "three bad cells are three errors" test "$(json_field "len(d['errors'])" <<< "$out")" = 3
check "they name three columns in order" \
  test "$(json_field "','.join(e['column'] for e in d['errors'])" <<< "$out")" = "民族,学历,所在组织代码"
check "all on row 2" test "$(json_field "','.join(str(e['row']) for e in d['errors'])" <<< "$out")" = "2,2,2"
check "the row counts once" test "$(json_field "d['counts']['failed']" <<< "$out")" = 1
"$JICENG" import people --db "$DB" --file "$WORK/three.csv" 2> "$WORK/err" > /dev/null
check "the text output names each" grep -q "第 2 行 学历" "$WORK/err"

printf '%s\n扎西,藏族,%s,高中,群众,%s\n才让,藏族,%s,初中,群众,%s\n' "$H" "$A" "$town" "$B" "$town" > "$WORK/good.csv"
"$JICENG" import people --db "$DB" --file "$WORK/good.csv" --dry-run > "$WORK/out"
check "a clean dry run exits 0" test $? -eq 0
check "the dry run counts two to add" grep -q "新增 2" "$WORK/out"
check "a dry run writes nothing" test "$(digest)" = "$before"
"$JICENG" import people --db "$DB" --file "$WORK/good.csv" > "$WORK/out"
check "a good file exits 0" test $? -eq 0
check "both persons are in" test "$(persons)" = 2
check "one audit record for the import" \
  test "$(sqlite3 "$DB" "SELECT COUNT(*) FROM audit_log WHERE action = 'person.import'")" = 1

printf '%s\n扎西,藏族,%s,大学本科,群众,%s\n才让,藏族,%s,初中,群众,%s\n' "$H" "$A" "$town" "$B" "$town" > "$WORK/again.csv"
out=$("$JICENG" import people --db "$DB" --file "$WORK/again.csv" --json)
check "a known ID number updates" test "$(json_field "d['counts']['updated']" <<< "$out")" = 1
check "an unchanged row is skipped" test "$(json_field "d['counts']['skipped']" <<< "$out")" = 1
check "nobody was added twice" test "$(persons)" = 2

printf '%s\n多杰,藏族,%s,高中,群众,%s\n' "$H" "$(valid_id 63280219800101021)" "$far" > "$WORK/far.csv"
before=$(digest)
"$JICENG" import people --db "$DB" --file "$WORK/far.csv" --org "$town" 2> "$WORK/err" > /dev/null
check "a row outside --org exits 2" test $? -eq 2
check "the row is outside the scope" grep -q "不在您的管辖范围内" "$WORK/err"
check "the scoped refusal changed nothing" test "$(digest)" = "$before"

printf '姓名,血型\n扎西,O\n' > "$WORK/header.csv"
"$JICENG" import people --db "$DB" --file "$WORK/header.csv" 2> "$WORK/err" > /dev/null
check "missing required columns exit 2" test $? -eq 2
check "they are named in one error" grep -q "表头缺少必填列：民族、身份证号码、学历、政治面貌" "$WORK/err"
"$JICENG" import people --db "$DB" --file "$WORK/missing.csv" 2> /dev/null
check "a missing file exits 2" test $? -eq 2

"$JICENG" person import --db "$DB" --csv "$WORK/far.csv" > /dev/null
check "person import --csv is still the roster import" test $? -eq 0
check "and it added the person" test "$(persons)" = 3

# A ledger into the problems of an org (no list): --org acts as its org department; --list or --org, not neither.
L='问题,措施,责任单位,完成时限'
printf '%s\n命令行导入问题,,%s,2099-06-30\n' "$L" "$town" > "$WORK/ledger.csv"
"$JICENG" import duty --db "$DB" --file "$WORK/ledger.csv" 2> "$WORK/err" > /dev/null
check "a ledger with neither --org nor --list exits 2" test $? -eq 2
check "it says which to give" grep -q "\-\-org" "$WORK/err"
"$JICENG" import duty --db "$DB" --org 632802000000 --file "$WORK/ledger.csv" > "$WORK/out"
check "a ledger into the county's problems exits 0" test $? -eq 0
check "the problem is a draft of the county, in no list" test "$(sqlite3 "$DB" \
  "SELECT COUNT(*) FROM duty_item WHERE title = '命令行导入问题' AND state = 'draft' AND list_id IS NULL")" = 1
printf '%s\n命令行坏问题,,没有这个单位,2000-01-01\n' "$L" > "$WORK/badledger.csv"
out=$("$JICENG" import duty --db "$DB" --org 632802000000 --file "$WORK/badledger.csv" --json)
check "a bad ledger row exits 2" test $? -eq 2
check "its two bad cells are two errors" \
  test "$(json_field "','.join(e['column'] for e in d['errors'])" <<< "$out")" = "责任单位,完成时限"

# An .xlsx whose ID column Excel stored as numbers (SheetJS writes it as a real workbook would).
if node -e "require('xlsx')" 2> /dev/null; then
  node -e "
    const X = require('xlsx');
    const ws = X.utils.aoa_to_sheet([['姓名','民族','身份证号码','学历','政治面貌'], ['卓玛','藏族',630102199001011234,'高中','群众']]);
    const wb = X.utils.book_new(); X.utils.book_append_sheet(wb, ws, '花名册'); X.writeFile(wb, '$WORK/lost.xlsx');"
  "$JICENG" import people --db "$DB" --file "$WORK/lost.xlsx" 2> "$WORK/err" > /dev/null
  check "an ID number stored as a number exits 2" test $? -eq 2
  check "it says the digits are lost" grep -q "末几位已丢失" "$WORK/err"
fi

checks_done "import"
