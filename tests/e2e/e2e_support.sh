# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the end-to-end scripts (sourced): each sets WORK (a scratch
# folder) and failures=0 first.

check() {  # check DESCRIPTION EXPECTED_EXIT COMMAND...
  local description="$1" expected="$2"
  shift 2
  "$@" >"$WORK/stdout" 2>"$WORK/stderr"
  local rc=$?
  if [ "$rc" -ne "$expected" ]; then
    echo "FAIL: $description: exit $rc, expected $expected"
    sed 's/^/  stderr: /' "$WORK/stderr" | head -5
    failures=$((failures + 1))
  else
    echo "ok: $description"
  fi
}
