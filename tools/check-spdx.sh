#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a tracked source file lacks the SPDX licence line: first line of
# C++ files (.cpp, .h, .h.in), first line after a shebang (or first line) of
# CMake files, shell and Python scripts. Usage: check-spdx.sh [SOURCE_DIR]
# Exit 77 (skipped) outside a git checkout, e.g. in an unpacked tarball.
set -uo pipefail
cd "${1:-$(dirname "$0")/..}" || exit 2
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || { echo "not a git checkout: skipped"; exit 77; }
readonly tag="SPDX-License-Identifier: GPL-3.0-or-later"
missing=0
checked=0
while IFS= read -r file; do
  case "$file" in
    *.cpp | *.h | *.h.in) expected="// $tag" ;;
    *CMakeLists.txt | *.cmake | *.sh | *.py | .ci/run) expected="# $tag" ;;
    *) continue ;;
  esac
  checked=$((checked + 1))
  first="$(head -n 1 "$file")"
  [[ "$first" == '#!'* ]] && first="$(sed -n 2p "$file")"
  if [ "$first" != "$expected" ]; then
    echo "missing SPDX line: $file"
    missing=$((missing + 1))
  fi
done < <(git ls-files)
if [ "$missing" -ne 0 ]; then
  echo "$missing of $checked files lack '$tag' as their first line (after a shebang)" >&2
  exit 1
fi
echo "spdx: $checked files carry the licence line"
