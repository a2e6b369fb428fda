#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end test of edgefuse-cli: the real executable on real files.
# Usage: cli_e2e.sh EDGEFUSE_CLI SOURCE_DIR
set -u
CLI="$1"
SRC="$2"
SHARED="${EDGEFUSE_SHARED_DIR:-$SRC/../shared}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
failures=0

# shellcheck source=e2e_support.sh
source "$(dirname "$0")/e2e_support.sh"

expect_file() {
  if [ ! -s "$1" ]; then
    echo "FAIL: expected file $1"
    failures=$((failures + 1))
  fi
}

check "--version" 0 "$CLI" --version
grep -q "edgefuse-cli" "$WORK/stdout" || { echo "FAIL: --version output"; failures=$((failures + 1)); }
grep -q "GPL-3.0-or-later" "$WORK/stdout" || { echo "FAIL: --version does not name the licence"; failures=$((failures + 1)); }
check "no arguments is a usage error" 2 "$CLI"
check "unknown command" 2 "$CLI" frobnicate
check "fuse --help" 0 "$CLI" fuse --help
grep -q -- "--strategy" "$WORK/stdout" || { echo "FAIL: fuse --help lacks --strategy"; failures=$((failures + 1)); }

# models: the shipped models and where they were found (EDGEFUSE_DATA_DIR here).
check "models --json" 0 "$CLI" models --json
for name in eh-dran tumor-classifier; do
  grep -q "\"name\": \"$name\"" "$WORK/stdout" || { echo "FAIL: models lacks $name"; failures=$((failures + 1)); }
done
grep -q "\"data_dir\": \"$EDGEFUSE_DATA_DIR\"" "$WORK/stdout" ||
  { echo "FAIL: models data_dir is not EDGEFUSE_DATA_DIR"; failures=$((failures + 1)); }

# The built-in phantom needs nothing but EdgeFuse; the classical method needs no model.
check "demo with the Laplacian method" 0 "$CLI" demo --out-dir "$WORK/demo" --size 96 --method laplacian
expect_file "$WORK/demo/phantom_mri.png"
expect_file "$WORK/demo/phantom_ct.png"
expect_file "$WORK/demo/phantom_fused.png"

A="$WORK/demo/phantom_mri.png"
B="$WORK/demo/phantom_ct.png"
check "fuse average --json" 0 "$CLI" fuse --a "$A" --b "$B" --out "$WORK/avg.png" --method average --json
expect_file "$WORK/avg.png"
grep -q '"method": "average"' "$WORK/stdout" || { echo "FAIL: JSON lacks the method"; failures=$((failures + 1)); }

# Bad input: one clear line on stderr, the documented exit code, nothing written.
check "missing input file" 3 "$CLI" fuse --a "$WORK/nope.png" --b "$B" --out "$WORK/x.png" --method average
[ ! -e "$WORK/x.png" ] || { echo "FAIL: output written despite the error"; failures=$((failures + 1)); }
check "unreadable image" 4 bash -c "echo 'not an image' > '$WORK/bad.png' && '$CLI' fuse --a '$WORK/bad.png' --b '$B' --out '$WORK/x.png' --method average"
check "output over a source" 7 "$CLI" fuse --a "$A" --b "$B" --out "$A" --method average
check "unknown strategy" 2 "$CLI" fuse --a "$A" --b "$B" --out "$WORK/x.png" --strategy nope
check "unknown option" 2 "$CLI" fuse --a "$A" --b "$B" --out "$WORK/x.png" --frobnicate
check "missing output folder" 7 "$CLI" fuse --a "$A" --b "$B" --out "$WORK/no/such/dir/x.png" --method average
check "--json error carries the code" 3 "$CLI" fuse --a "$WORK/nope.png" --b "$B" --out "$WORK/x.png" --method average --json
grep -q '"code": "file_not_found"' "$WORK/stdout" || { echo "FAIL: JSON error lacks the code"; failures=$((failures + 1)); }

"$CLI" demo --out-dir "$WORK/small" --size 64 --method average >/dev/null 2>&1
check "size mismatch" 6 "$CLI" fuse --a "$A" --b "$WORK/small/phantom_ct.png" --out "$WORK/x.png" --method average

# metrics: every key in "metrics", the reference-based ones per source, documented exit codes.
check "metrics --help" 0 "$CLI" metrics --help
grep -q -- "--fused" "$WORK/stdout" || { echo "FAIL: metrics --help lacks --fused"; failures=$((failures + 1)); }
check "metrics --json" 0 "$CLI" metrics --a "$A" --b "$B" --fused "$WORK/avg.png" --json
cp "$WORK/stdout" "$WORK/metrics.json"
for key in psnr ssim ms_ssim mi nmi fmi fmi_gradient fmi_dct fsim cc scd vif vif_sum qabf nabf en en_distinct sd sf ag; do
  grep -q "\"$key\": " "$WORK/metrics.json" || { echo "FAIL: metrics JSON lacks $key"; failures=$((failures + 1)); }
done
for block in '"metrics": {' '"per_source": {' '"a": {' '"b": {' '"conventions": {' '"notes": ['; do
  grep -qF "$block" "$WORK/metrics.json" || { echo "FAIL: metrics JSON lacks $block"; failures=$((failures + 1)); }
done
# psnr appears in metrics, per_source.a, per_source.b and conventions; en only in metrics and conventions.
[ "$(grep -c '"psnr": ' "$WORK/metrics.json")" -eq 4 ] || { echo "FAIL: psnr is not reported per source"; failures=$((failures + 1)); }
[ "$(grep -c '"en": ' "$WORK/metrics.json")" -eq 2 ] || { echo "FAIL: en is reported per source"; failures=$((failures + 1)); }
check "metrics of a source against itself" 0 "$CLI" metrics --a "$A" --b "$B" --fused "$A" --json
grep -q '"psnr": 100' "$WORK/stdout" || { echo "FAIL: PSNR of identical images is not capped at 100"; failures=$((failures + 1)); }
check "metrics text table" 0 "$CLI" metrics --a "$A" --b "$B" --fused "$WORK/avg.png"
grep -q "^fsim " "$WORK/stdout" || { echo "FAIL: metrics table lacks fsim"; failures=$((failures + 1)); }
check "metrics: missing fused image" 3 "$CLI" metrics --a "$A" --b "$B" --fused "$WORK/nope.png"
check "metrics: missing --fused" 2 "$CLI" metrics --a "$A" --b "$B"
check "metrics: unknown normalisation" 2 "$CLI" metrics --a "$A" --b "$B" --fused "$A" --normalize nope
check "metrics: unreadable image" 4 "$CLI" metrics --a "$WORK/bad.png" --b "$B" --fused "$A"
check "metrics: size mismatch" 6 "$CLI" metrics --a "$A" --b "$B" --fused "$WORK/small/phantom_ct.png" --json
grep -q '"code": "size_mismatch"' "$WORK/stdout" || { echo "FAIL: size mismatch JSON error"; failures=$((failures + 1)); }

# eval over two folders, with one unmatched file.
mkdir -p "$WORK/evalA" "$WORK/evalB"
cp "$A" "$WORK/evalA/p1.png"; cp "$B" "$WORK/evalB/p1.png"
cp "$A" "$WORK/evalA/p2.png"; cp "$B" "$WORK/evalB/p2.png"
cp "$A" "$WORK/evalA/only.png"
check "eval" 0 "$CLI" eval --a "$WORK/evalA" --b "$WORK/evalB" --method laplacian --json "$WORK/report.json" --out-dir "$WORK/evalOut"
grep -q '"ms_per_pair_mean"' "$WORK/report.json" || { echo "FAIL: report lacks ms_per_pair_mean"; failures=$((failures + 1)); }
grep -q '"pair_count": 2' "$WORK/report.json" || { echo "FAIL: report pair count"; failures=$((failures + 1)); }
for key in psnr ssim fmi fsim vif qabf nabf en_distinct; do
  # Once per pair and once in "mean".
  [ "$(grep -c "\"$key\": " "$WORK/report.json")" -eq 3 ] || { echo "FAIL: eval report lacks $key per pair and in mean"; failures=$((failures + 1)); }
done
grep -q '"mean": {' "$WORK/report.json" || { echo "FAIL: eval report lacks the mean block"; failures=$((failures + 1)); }
expect_file "$WORK/evalOut/p1.png"
cp "$A" "$WORK/evalA/5001.png"; cp "$B" "$WORK/evalB/5001.png"
check "eval --cases keeps only those cases" 0 "$CLI" eval --a "$WORK/evalA" --b "$WORK/evalB" --method average --cases 5 --json "$WORK/r5.json"
grep -q '"pair_count": 1' "$WORK/r5.json" || { echo "FAIL: --cases filter"; failures=$((failures + 1)); }
check "eval --cases with no such case" 6 "$CLI" eval --a "$WORK/evalA" --b "$WORK/evalB" --method average --cases 99 --json "$WORK/r6.json"
mkdir -p "$WORK/empty"
check "eval with no pairs" 6 "$CLI" eval --a "$WORK/empty" --b "$WORK/evalB" --method average --json "$WORK/r2.json"

# With the shared data: the authors' DILRAN weights import by path and fuse a real pair.
if [ -d "$SHARED/weights" ] && [ -d "$SHARED/data/aanlib" ]; then
  check "fuse an AANLIB pair with the published DILRAN weights" 0 "$CLI" fuse \
    --a "$SHARED/data/aanlib/CT-MRI/MRI/2004.png" --b "$SHARED/data/aanlib/CT-MRI/CT/2004.png" \
    --model "$SHARED/weights/dilran_last.cpu.pt" --out "$WORK/dilran.png" --json
  grep -q '"dilran_last.cpu"' "$WORK/stdout" || { echo "FAIL: model name in JSON"; failures=$((failures + 1)); }
  check "colour SPECT pair gives an RGB result" 0 "$CLI" fuse \
    --a "$SHARED/data/aanlib/SPECT-MRI/MRI/3010.png" --b "$SHARED/data/aanlib/SPECT-MRI/SPECT/3010.png" \
    --model "$SHARED/weights/dilran_last.cpu.pt" --out "$WORK/spect.png" --json
  grep -q '"colour": true' "$WORK/stdout" || { echo "FAIL: SPECT result not colour"; failures=$((failures + 1)); }
  check "metrics of a colour fusion use its Y channel" 0 "$CLI" metrics \
    --a "$SHARED/data/aanlib/SPECT-MRI/MRI/3010.png" --b "$SHARED/data/aanlib/SPECT-MRI/SPECT/3010.png" \
    --fused "$WORK/spect.png" --json
  grep -q "F is colour: its Y channel" "$WORK/stdout" || { echo "FAIL: colour F not stated"; failures=$((failures + 1)); }
  grep -q "B is colour: its Y channel" "$WORK/stdout" || { echo "FAIL: colour B not stated"; failures=$((failures + 1)); }
  check "the authors' torch.save(state_dict) original (OrderedDict, CUDA-tagged) imports" 0 "$CLI" fuse \
    --a "$A" --b "$B" --out "$WORK/x.png" --model "$SHARED/weights/dilran_last.pt"
else
  echo "note: ../shared absent: skipping the real-data checks"
fi

# register and fuse --align on ITK's T1 / proton-density slices (shifted by 13, 17 px).
ITKDATA=/usr/share/doc/insighttoolkit5-examples/examples/Data
if [ -f "$ITKDATA/BrainT1SliceBorder20.png" ]; then
  T1="$ITKDATA/BrainT1SliceBorder20.png"
  PD="$ITKDATA/BrainProtonDensitySliceShifted13x17y.png"
  check "register --json --out --save-transform" 0 "$CLI" register --fixed "$T1" --moving "$PD" --json \
    --out "$WORK/pd_in_t1.png" --save-transform "$WORK/pd.tfm"
  expect_file "$WORK/pd_in_t1.png"
  expect_file "$WORK/pd.tfm"
  python3 - "$WORK/stdout" <<'PY' || { echo "FAIL: register JSON"; failures=$((failures + 1)); }
import json, sys
j = json.load(open(sys.argv[1]))
assert j["maps"] == "fixed_to_moving" and j["method"] == "registration", j
assert abs(j["translation_mm"][0] - 13) < 0.5 and abs(j["translation_mm"][1] - 17) < 0.5, j["translation_mm"]
assert j["gate"]["passed"] and len(j["matrix"]) == 4
PY
  check "fuse --align FILE (the saved transform)" 0 "$CLI" fuse --a "$T1" --b "$PD" --out "$WORK/aligned.png" \
    --method average --align "$WORK/pd.tfm" --json
  grep -q '"user_transform"' "$WORK/stdout" || { echo "FAIL: fuse --align FILE JSON"; failures=$((failures + 1)); }
  check "fuse --align none refuses other sizes" 6 "$CLI" fuse --a "$T1" --b "$ITKDATA/BrainProtonDensitySlice.png" \
    --out "$WORK/x.png" --method average
  # The identity leaves B shifted by 13/17 px: the gate refuses it.
  printf '#Insight Transform File V1.0\n#Transform 0\nTransform: AffineTransform_double_3_3\nParameters: 1 0 0 0 1 0 0 0 1 0 0 0\nFixedParameters: 0 0 0\n' >"$WORK/identity.tfm"
  check "gate refuses an unaligned pair (exit 11)" 11 "$CLI" fuse --a "$T1" --b "$PD" --out "$WORK/y.png" \
    --method average --align "$WORK/identity.tfm"
  test ! -e "$WORK/y.png" || { echo "FAIL: refused fusion wrote output"; failures=$((failures + 1)); }
  # eval --align: the same pair as two folders.
  mkdir -p "$WORK/eval_a" "$WORK/eval_b"
  cp "$T1" "$WORK/eval_a/pair.png"
  cp "$PD" "$WORK/eval_b/pair.png"
  check "eval --align register" 0 "$CLI" eval --a "$WORK/eval_a" --b "$WORK/eval_b" --json "$WORK/eval_reg.json" \
    --method average --align register
  python3 - "$WORK/eval_reg.json" <<'PY' || { echo "FAIL: eval --align JSON"; failures=$((failures + 1)); }
import json, sys
j = json.load(open(sys.argv[1]))
a = j["pairs"][0]["alignment"]
assert a["method"] == "registration" and a["passed"], a
assert abs(a["translation_mm"][0] - 13) < 0.5 and abs(a["translation_mm"][1] - 17) < 0.5, a
assert j["refused"] == [], j["refused"]
PY
  check "eval: the gate refuses every pair (exit 11)" 11 "$CLI" eval --a "$WORK/eval_a" --b "$WORK/eval_b" \
    --json "$WORK/eval_refused.json" --method average --align "$WORK/identity.tfm"
  test ! -e "$WORK/eval_refused.json" || { echo "FAIL: refused eval wrote a report"; failures=$((failures + 1)); }
else
  echo "skip: register checks need ITK's example images (Debian package insighttoolkit5-examples)"
fi

# DICOM Spatial Registration objects: two copies of the head CT written as
# derived series (each gets its own frame of reference), registered; the
# object passes dciodvfy and places B again through fuse --align REG.dcm.
if [ -d "$SHARED/data/dicom/slicer-ct-head" ]; then
  "$CLI" convert "$SHARED/data/dicom/slicer-ct-head" "$WORK/ct1.dcm" >/dev/null 2>&1
  "$CLI" convert "$SHARED/data/dicom/slicer-ct-head" "$WORK/ct2.dcm" >/dev/null 2>&1
  check "register two series --save-transform REG.dcm --out DICOM" 0 "$CLI" register --fixed "$WORK/ct1" \
    --moving "$WORK/ct2" --save-transform "$WORK/reg.dcm" --out "$WORK/resampled.dcm" --json
  expect_file "$WORK/reg.dcm"
  expect_file "$WORK/resampled.dcm/IM0093.dcm"
  if command -v dciodvfy >/dev/null; then
    dciodvfy "$WORK/reg.dcm" >"$WORK/dciodvfy.txt" 2>&1
    if grep -q '^Error' "$WORK/dciodvfy.txt"; then
      echo "FAIL: dciodvfy reports errors in the Spatial Registration object"
      grep '^Error' "$WORK/dciodvfy.txt" | head -5
      failures=$((failures + 1))
    fi
  else
    echo "skip: dciodvfy (Debian package dicom3tools) is not installed"
  fi
  check "fuse --align REG.dcm" 0 "$CLI" fuse --a "$WORK/ct1" --b "$WORK/ct2" --align "$WORK/reg.dcm" \
    --method average --out "$WORK/fused_reg.dcm" --json
  grep -q '"user_transform"' "$WORK/stdout" || { echo "FAIL: fuse --align REG.dcm JSON"; failures=$((failures + 1)); }
  check "fuse two series into one NIfTI volume on A's grid" 0 "$CLI" fuse --a "$WORK/ct1" --b "$WORK/ct2" \
    --method average --out "$WORK/fused.nii.gz"
  check "info of the fused NIfTI" 0 "$CLI" info "$WORK/fused.nii.gz"
  grep -q "64x64x93 voxels, 3.2 x 3.2 x 1.5 mm" "$WORK/stdout" || { echo "FAIL: fused NIfTI geometry"; failures=$((failures + 1)); }
  if [ -n "${T1:-}" ]; then
    check "a registration object for other series is refused (exit 6)" 6 "$CLI" fuse --a "$WORK/ct1" --b "$T1" \
      --align "$WORK/reg.dcm" --method average --out "$WORK/other.dcm"
    test ! -e "$WORK/other.dcm" || { echo "FAIL: refused fusion wrote output"; failures=$((failures + 1)); }
    check "REG.dcm needs DICOM series (exit 2, nothing written)" 2 "$CLI" register --fixed "$T1" --moving "$PD" \
      --save-transform "$WORK/raster_reg.dcm" --out "$WORK/raster_out.png"
    test ! -e "$WORK/raster_out.png" || { echo "FAIL: refused register wrote output"; failures=$((failures + 1)); }
  fi
else
  echo "skip: Spatial Registration checks need ../shared/data/dicom/slicer-ct-head"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
