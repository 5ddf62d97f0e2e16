# Shared by the command-line tests (sourced): check NAME CONDITION... counts a passed or failed check and names a
# failure; `checks_done LABEL` prints the tally and fails the script when any check failed.
passed=0
failed=0

check() {
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAILED: $name"
  fi
}

checks_done() {
  echo "${1:+$1: }$passed passed, $failed failed"
  [[ $failed -eq 0 ]]
}
