#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Debian package of a build folder (cpack -G DEB), checks its
# metadata and contents, extracts it into a throw-away root (dpkg -x) and runs
# the installed programs there: edgefuse-cli --version, models (the shipped
# models must resolve from the installed share/edgefuse, not from the source
# tree), demo (a fusion with the installed default model), edgefuse --version;
# validates the .desktop entry and the AppStream metainfo with the Debian tools.
# Usage: package_test.sh BUILD_DIR
set -u
BUILD="$1"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
failures=0

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
ok() { echo "ok: $*"; }

for tool in cpack dpkg-deb dpkg-shlibdeps; do
  if ! command -v "$tool" > /dev/null; then
    echo "SKIP: $tool is not installed (Debian packages cmake, dpkg-dev); the package test needs it"
    exit 77
  fi
done

if ! cpack --config "$BUILD/CPackConfig.cmake" -G DEB -B "$WORK/out" > "$WORK/cpack.log" 2>&1; then
  cat "$WORK/cpack.log"
  echo "FAIL: cpack -G DEB"
  exit 1
fi
deb="$(ls "$WORK"/out/*.deb 2> /dev/null | head -1)"
[ -n "$deb" ] || { cat "$WORK/cpack.log"; echo "FAIL: no .deb written"; exit 1; }
ok "cpack wrote $(basename "$deb") ($(du -h "$deb" | cut -f1))"

# Metadata: dependencies found by dpkg-shlibdeps plus the explicit ones.
dpkg-deb -f "$deb" Depends > "$WORK/depends"
for dep in libqt6widgets6 libqt6gui6 libqt6svg6 libtorch1.13 libopencv-core406 libdcmtk17 libqcustomplot2.1; do
  if grep -q "$dep" "$WORK/depends"; then ok "Depends has $dep"; else fail "Depends lacks $dep: $(cat "$WORK/depends")"; fi
done
[ "$(dpkg-deb -f "$deb" Package)" = "edgefuse" ] && ok "Package: edgefuse" || fail "package name"

# Contents.
dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|' > "$WORK/contents"
for path in /usr/bin/edgefuse /usr/bin/edgefuse-cli /usr/bin/edgefuse-train \
  /usr/share/edgefuse/models/eh-dran/model.json /usr/share/edgefuse/models/eh-dran/weights.pt \
  /usr/share/edgefuse/models/eh-dran/MODEL_CARD.md \
  /usr/share/edgefuse/models/tumor-classifier/model.json /usr/share/edgefuse/models/tumor-classifier/MODEL_CARD.md \
  /usr/share/edgefuse/translations/edgefuse_de.qm /usr/share/edgefuse/translations/edgefuse_zh_CN.qm \
  /usr/share/applications/org.edgefuse.EdgeFuse.desktop /usr/share/metainfo/org.edgefuse.EdgeFuse.metainfo.xml \
  /usr/share/icons/hicolor/scalable/apps/org.edgefuse.EdgeFuse.svg \
  /usr/share/icons/hicolor/48x48/apps/org.edgefuse.EdgeFuse.png \
  /usr/share/icons/hicolor/256x256/apps/org.edgefuse.EdgeFuse.png \
  /usr/share/doc/edgefuse/copyright /usr/share/doc/edgefuse/THIRD_PARTY.md; do
  if grep -qx "$path" "$WORK/contents"; then ok "contains $path"; else fail "missing $path"; fi
done
if grep -q "test\|bench\|fuzz" <(grep "^/usr/bin/" "$WORK/contents"); then
  fail "test or benchmark programs in the package: $(grep '^/usr/bin/' "$WORK/contents" | tr '\n' ' ')"
fi

# The installed programs, in a throw-away root, without the source tree's help.
root="$WORK/root"
dpkg -x "$deb" "$root"
export -n EDGEFUSE_DATA_DIR
unset EDGEFUSE_DATA_DIR
copyright="$root/usr/share/doc/edgefuse/copyright"
if head -n 1 "$copyright" | grep -qx "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/" &&
  grep -qx "License: GPL-3.0-or-later" "$copyright"; then
  ok "copyright is machine-readable (DEP-5) and names GPL-3.0-or-later"
else
  fail "copyright is not a DEP-5 file naming GPL-3.0-or-later"
fi
cli="$root/usr/bin/edgefuse-cli"
if "$cli" --version > "$WORK/version" 2>&1 && grep -q "^edgefuse-cli [0-9]" "$WORK/version"; then
  ok "installed edgefuse-cli --version: $(cat "$WORK/version")"
else
  fail "installed edgefuse-cli --version: $(cat "$WORK/version")"
fi
if "$cli" models --json > "$WORK/models.json" 2> "$WORK/models.err"; then
  if grep -q "\"data_dir\": \"$root/usr/share/edgefuse\"" "$WORK/models.json"; then
    ok "models resolve from the installed share/edgefuse"
  else
    fail "models resolve elsewhere: $(grep data_dir "$WORK/models.json")"
  fi
  for name in eh-dran tumor-classifier; do
    grep -q "\"path\": \"$root/usr/share/edgefuse/models/$name\"" "$WORK/models.json" && ok "model $name installed" ||
      fail "model $name not listed from the installed folder"
  done
else
  fail "installed edgefuse-cli models: $(cat "$WORK/models.err")"
fi
if "$cli" demo --out-dir "$WORK/demo" > "$WORK/demo.log" 2>&1 && ls "$WORK"/demo/*.png > /dev/null 2>&1; then
  ok "installed edgefuse-cli demo fuses with the installed default model"
else
  fail "installed edgefuse-cli demo: $(tail -3 "$WORK/demo.log")"
fi
if "$root/usr/bin/edgefuse" --version > "$WORK/gui-version" 2>&1 && grep -qi "edgefuse" "$WORK/gui-version"; then
  ok "installed edgefuse --version: $(head -1 "$WORK/gui-version")"
else
  fail "installed edgefuse --version: $(cat "$WORK/gui-version")"
fi

# Desktop integration, validated by the freedesktop/AppStream tools when present.
if command -v desktop-file-validate > /dev/null; then
  if desktop-file-validate "$root/usr/share/applications/org.edgefuse.EdgeFuse.desktop" > "$WORK/dfv" 2>&1; then
    ok "desktop-file-validate"
  else
    fail "desktop-file-validate: $(cat "$WORK/dfv")"
  fi
else
  echo "note: desktop-file-validate not installed (Debian package desktop-file-utils); .desktop not validated"
fi
if command -v appstreamcli > /dev/null; then
  if appstreamcli validate --no-net --pedantic "$root/usr/share/metainfo/org.edgefuse.EdgeFuse.metainfo.xml" \
    > "$WORK/asv" 2>&1; then
    ok "appstreamcli validate"
  else
    fail "appstreamcli validate: $(cat "$WORK/asv")"
  fi
else
  echo "note: appstreamcli not installed (Debian package appstream); metainfo not validated"
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "package: all checks passed"
