#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a user-visible string in ui/ or app/gui/ has no translation:
# runs lupdate over the sources into copies of the .ts files and checks that
# nothing new or unfinished appears. Usage: translations_up_to_date.sh LUPDATE SOURCE_DIR
set -euo pipefail
lupdate="$1"
src="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$src"/translations/edgefuse_*.ts "$work"/
mapfile -t sources < <(ls "$src"/ui/*.cpp "$src"/ui/*.h "$src"/app/gui/main.cpp)
"$lupdate" -no-obsolete -locations none -I "$src" "${sources[@]}" -ts "$work"/edgefuse_*.ts > "$work/log" 2>&1 || {
  cat "$work/log"
  exit 1
}
cat "$work/log"
status=0
for ts in "$work"/edgefuse_*.ts; do
  name="$(basename "$ts")"
  if grep -q 'type="unfinished"' "$ts"; then
    echo "FAIL: $name has untranslated strings (run the edgefuse_ui_lupdate target and translate them):"
    grep -B2 'type="unfinished"' "$ts" | grep '<source>' | head -20
    status=1
  fi
  if ! diff -q "$ts" "$src/translations/$name" > /dev/null; then
    echo "FAIL: $name is not up to date with the sources (run the edgefuse_ui_lupdate target)"
    diff "$src/translations/$name" "$ts" | head -20
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "translations: complete and up to date"
exit "$status"
