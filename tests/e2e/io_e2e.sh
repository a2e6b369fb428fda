#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end test of edgefuse-cli info / convert / fuse --out X.dcm: the real
# executable on the phantom and, when present, the shared DICOM files.
# Exported DICOM is checked with dciodvfy (dicom3tools) and dcmdump (DCMTK).
# Usage: io_e2e.sh EDGEFUSE_CLI SOURCE_DIR
set -u
CLI="$1"
SRC="$2"
SHARED="${EDGEFUSE_SHARED_DIR:-$SRC/../shared}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
failures=0

# shellcheck source=e2e_support.sh
source "$(dirname "$0")/e2e_support.sh"

expect() {  # expect DESCRIPTION COMMAND... (a condition that must hold)
  local description="$1"
  shift
  if "$@"; then echo "ok: $description"; else
    echo "FAIL: $description"
    failures=$((failures + 1))
  fi
}

valid_dicom() {  # valid_dicom FILE: dciodvfy reports no Error line
  if [ ! -x /usr/bin/dciodvfy ]; then return 0; fi
  if /usr/bin/dciodvfy "$1" 2>&1 | grep -q '^Error'; then
    /usr/bin/dciodvfy "$1" 2>&1 | grep '^Error' | head -5 | sed 's/^/  /'
    return 1
  fi
  return 0
}

check "info --help" 0 "$CLI" info --help
expect "info --help names --json" grep -q -- "--json" "$WORK/stdout"
check "convert --help" 0 "$CLI" convert --help
expect "convert --help names --window-preset" grep -q -- "--window-preset" "$WORK/stdout"
expect "usage lists info and convert" bash -c "'$CLI' --help | grep -q convert"

# The phantom needs nothing but EdgeFuse.
"$CLI" demo --out-dir "$WORK/demo" --size 64 --method average >/dev/null 2>&1
A="$WORK/demo/phantom_mri.png"
B="$WORK/demo/phantom_ct.png"
check "info on a PNG" 0 "$CLI" info "$A"
expect "info says raster" grep -q "raster" "$WORK/stdout"
check "info --json on a PNG" 0 "$CLI" info --json "$B"
expect "info --json bit depth" grep -q '"bits_stored": 16' "$WORK/stdout"
check "info on a missing file" 3 "$CLI" info --json "$WORK/nope.dcm"
expect "--json error carries the code" grep -q '"code": "file_not_found"' "$WORK/stdout"
check "info without a path" 2 "$CLI" info

check "convert PNG to DICOM" 0 "$CLI" convert "$B" "$WORK/ct.dcm"
expect "converted DICOM passes dciodvfy" valid_dicom "$WORK/ct.dcm"
check "info on the converted DICOM" 0 "$CLI" info --json "$WORK/ct.dcm"
expect "converted DICOM is a secondary capture" grep -q '"modality": "OT"' "$WORK/stdout"
check "convert back to PNG" 0 "$CLI" convert "$WORK/ct.dcm" "$WORK/ct-back.png"
check "unknown window preset" 2 "$CLI" convert "$B" "$WORK/x.png" --window-preset lung
check "malformed window" 2 "$CLI" convert "$B" "$WORK/x.png" --window 40
check "window and preset together" 2 "$CLI" convert "$B" "$WORK/x.png" --window 40,80 --window-preset brain
check "unsupported output format" 4 "$CLI" convert "$B" "$WORK/x.jpg"
check "convert over its input" 7 "$CLI" convert "$B" "$B"
check "convert --no-overwrite of an existing output" 7 "$CLI" convert "$B" "$WORK/ct.dcm" --no-overwrite

check "fuse to DICOM" 0 "$CLI" fuse --a "$A" --b "$B" --out "$WORK/fused.dcm" --method average --json
expect "fused DICOM passes dciodvfy" valid_dicom "$WORK/fused.dcm"
expect "fuse JSON names the output" grep -q '"output"' "$WORK/stdout"
check "fuse to an unknown format" 4 "$CLI" fuse --a "$A" --b "$B" --out "$WORK/fused.tif" --method average

if [ -d "$SHARED/data/dicom" ]; then
  D="$SHARED/data/dicom"
  T="$D/pydicom/test_files"
  check "info on a DICOM MR" 0 "$CLI" info --json "$T/MR_small.dcm"
  expect "info MR modality" grep -q '"modality": "MR"' "$WORK/stdout"
  expect "info transfer syntax" grep -q '"uid": "1.2.840.10008.1.2.1"' "$WORK/stdout"
  check "info on the head CT folder" 0 "$CLI" info --json "$D/slicer-ct-head"
  expect "info slice count" grep -q '"slice_count": 93' "$WORK/stdout"
  check "info on a DICOMDIR lists its series" 0 "$CLI" info "$T/dicomdirtests/DICOMDIR"
  expect "info lists series" grep -q "series in this input" "$WORK/stdout"
  check "JPEG 2000 is unsupported" 4 "$CLI" info --json "$T/JPEG2000.dcm"
  expect "JPEG 2000 error code" grep -q '"code": "unsupported_transfer_syntax"' "$WORK/stdout"
  expect "JPEG 2000 message" grep -q "unsupported transfer syntax JPEG 2000 (1.2.840.10008.1.2.4.91)" "$WORK/stderr"
  check "truncated DICOM" 5 "$CLI" info "$T/MR_truncated.dcm"
  check "RTSTRUCT is not an image" 4 "$CLI" info --json "$T/rtstruct.dcm"
  expect "RTSTRUCT error code" grep -q '"code": "not_an_image"' "$WORK/stdout"

  check "convert CT with the brain preset" 0 "$CLI" convert "$T/CT_small.dcm" "$WORK/brain.png" --window-preset brain
  check "convert a series folder to DICOM" 0 "$CLI" convert "$D/slicer-ct-head" "$WORK/head.dcm"
  expect "series folder written" test "$(ls "$WORK/head" | wc -l)" -eq 93
  expect "series instance passes dciodvfy" valid_dicom "$WORK/head/IM0047.dcm"
  check "convert into the source folder" 7 "$CLI" convert "$T/CT_small.dcm" "$T/copy.dcm"
  check "anonymised conversion" 0 "$CLI" convert "$T/CT_small.dcm" "$WORK/anon.dcm" --anonymize
  NAME="$(dcmdump +P PatientName "$T/CT_small.dcm" 2>/dev/null | sed 's/.*\[\(.*\)\].*/\1/')"
  expect "anonymised output has no patient name ($NAME)" bash -c "! grep -aq '$NAME' '$WORK/anon.dcm'"
  expect "anonymised output passes dciodvfy" valid_dicom "$WORK/anon.dcm"

  check "fuse MR and CT slices to DICOM" 0 "$CLI" fuse --a "$T/MR_small.dcm" --b "$D/slicer-ct-head/CTHead40.dcm" \
    --out "$WORK/mrct.dcm" --method average
  expect "MR+CT export passes dciodvfy" valid_dicom "$WORK/mrct.dcm"
  expect "MR+CT export in the MR's study" bash -c \
    "[ \"\$(dcmdump +P StudyInstanceUID '$WORK/mrct.dcm')\" = \"\$(dcmdump +P StudyInstanceUID '$T/MR_small.dcm')\" ]"
  check "fuse two volumes slice by slice" 0 "$CLI" fuse --a "$D/slicer-ct-head" --b "$D/slicer-ct-head" \
    --out "$WORK/volume.dcm" --method average --json
  expect "volume JSON slice count" grep -q '"slices": 93' "$WORK/stdout"
  expect "volume series folder" test "$(ls "$WORK/volume" | wc -l)" -eq 93
  expect "volume instance passes dciodvfy" valid_dicom "$WORK/volume/IM0093.dcm"
  check "volume against a single slice" 6 "$CLI" fuse --a "$D/slicer-ct-head" --b "$T/MR_small.dcm" \
    --out "$WORK/bad.dcm" --method average
else
  echo "note: ../shared absent: skipping the real-data checks"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
