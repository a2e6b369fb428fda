#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a C++ file of the project differs from .clang-format's layout.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.h' | grep -E '^(core|ui|app|tests)/')
[ "${#files[@]}" -eq 0 ] && exit 0
if ! clang-format --dry-run --Werror "${files[@]}"; then
  echo "Format drift: run  clang-format -i \$(git ls-files '*.cpp' '*.h')  and commit." >&2
  exit 1
fi
echo "format: ${#files[@]} files clean"
