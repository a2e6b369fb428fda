#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one EdgeFuse fuzzer for a fixed time, seeded with the shared files.
# Usage: run_fuzzer.sh FUZZER dicom|raster SECONDS ARTIFACT_DIR [SOURCE_DIR]
# Seeds are copied at run time from ../shared (beside SOURCE_DIR, or
# $EDGEFUSE_SHARED_DIR) into a temporary corpus: nothing goes into the repo.
# Crashes are written to ARTIFACT_DIR (crash-*, oom-*, timeout-*); the exit
# status is libFuzzer's (non-zero when it found one). Exit 77: no seeds.
set -u
FUZZER="$1"
KIND="$2"
SECONDS_TO_RUN="$3"
ARTIFACTS="$4"
SRC="${5:-$(cd "$(dirname "$0")/../.." && pwd)}"
SHARED="${EDGEFUSE_SHARED_DIR:-$SRC/../shared}"
CORPUS="$(mktemp -d)"
trap 'rm -rf "$CORPUS"' EXIT
mkdir -p "$ARTIFACTS"

case "$KIND" in
  dicom)
    [ -d "$SHARED/data/dicom" ] || { echo "skipped: $SHARED/data/dicom absent"; exit 77; }
    find "$SHARED/data/dicom" -type f -size -2M -print0 |
      while IFS= read -r -d '' f; do cp "$f" "$CORPUS/$(echo "$f" | md5sum | cut -c1-16)"; done
    ;;
  raster)
    [ -d "$SHARED/data" ] || { echo "skipped: $SHARED/data absent"; exit 77; }
    # PNGs of every kind in the shared set (grey, RGB pseudo-colour) ...
    for d in CT-MRI/CT CT-MRI/MRI PET-MRI/PET SPECT-MRI/SPECT; do
      find "$SHARED/data/aanlib/$d" -name '*.png' 2>/dev/null | head -5 | while read -r f; do
        cp "$f" "$CORPUS/$(echo "$f" | md5sum | cut -c1-16).png"
      done
    done
    # ... and JPEG, TIFF, BMP and 16-bit PNG renderings of shared DICOM files, made with DCMTK.
    for f in "$SHARED/data/dicom/pydicom/test_files/CT_small.dcm" "$SHARED/data/dicom/pydicom/test_files/SC_rgb_rle.dcm"; do
      [ -f "$f" ] || continue
      base="$CORPUS/$(basename "$f" .dcm)"
      dcm2pnm +ot "$f" "$base.tif" >/dev/null 2>&1
      dcm2pnm +ob "$f" "$base.bmp" >/dev/null 2>&1
      dcm2pnm +on2 "$f" "$base-16.png" >/dev/null 2>&1
      dcmj2pnm +oj "$f" "$base.jpg" >/dev/null 2>&1
    done
    ;;
  *) echo "unknown fuzzer kind $KIND"; exit 2 ;;
esac
echo "$KIND fuzzer: $(ls "$CORPUS" | wc -l) seeds, ${SECONDS_TO_RUN} s"
# Inputs above 1 MiB are not interesting; allocations above 2 GiB are bugs
# (headers must be refused before allocating).
ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" nice -n 10 "$FUZZER" "$CORPUS" \
  -max_total_time="$SECONDS_TO_RUN" -max_len=1048576 -rss_limit_mb=3072 -malloc_limit_mb=2048 -timeout=20 \
  -print_final_stats=1 -artifact_prefix="$ARTIFACTS/$KIND-" </dev/null
