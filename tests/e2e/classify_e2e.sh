#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end test of the classifier front ends: edgefuse-cli classify,
# fuse --classify, and edgefuse-train classifier / classifier-eval.
# Usage: classify_e2e.sh EDGEFUSE_CLI EDGEFUSE_TRAIN SOURCE_DIR
set -u
CLI="$1"
TRAIN="$2"
SRC="$3"
SHARED="${EDGEFUSE_SHARED_DIR:-$SRC/../shared}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
failures=0

# shellcheck source=e2e_support.sh
source "$(dirname "$0")/e2e_support.sh"

expect() {  # expect DESCRIPTION PATTERN FILE
  if ! grep -q -- "$2" "$3"; then
    echo "FAIL: $1 (no '$2' in $(basename "$3"))"
    failures=$((failures + 1))
  fi
}

check "classify --help" 0 "$CLI" classify --help
for option in --model --kind --cam --json --threads; do expect "classify --help lists $option" "$option" "$WORK/stdout"; done
check "classify without images is a usage error" 2 "$CLI" classify

"$CLI" demo --out-dir "$WORK/demo" --size 128 --method laplacian >/dev/null 2>&1
MRI="$WORK/demo/phantom_mri.png"
CT="$WORK/demo/phantom_ct.png"

check "classify the phantom MRI (--json)" 0 "$CLI" classify "$MRI" --json
for key in '"file"' '"label"' '"glioma"' '"meningioma"' '"notumor"' '"pituitary"' '"model": "tumor-classifier' '"note"'; do
  expect "classify JSON has $key" "$key" "$WORK/stdout"
done
expect "unknown kind gives a caution" "was not stated" "$WORK/stdout"

check "classify as fused" 0 "$CLI" classify "$MRI" --kind fused --json
expect "fused image is out of distribution" '"out_of_distribution": true' "$WORK/stdout"
check "classify as mri" 0 "$CLI" classify "$MRI" --kind mri --json
expect "MRI is in distribution" '"out_of_distribution": false' "$WORK/stdout"

check "plain text output" 0 "$CLI" classify "$MRI" "$CT"
expect "one line per image" "phantom_ct.png: " "$WORK/stdout"

check "--cam writes the overlay" 0 "$CLI" classify "$MRI" --cam "$WORK/cam.png" --json
[ -s "$WORK/cam.png" ] || { echo "FAIL: no cam.png"; failures=$((failures + 1)); }
expect "JSON names the cam file" '"cam"' "$WORK/stdout"
expect "Grad-CAM is used" '"saliency_method": "grad-cam"' "$WORK/stdout"
check "--cam with two images writes one file each" 0 "$CLI" classify "$MRI" "$CT" --cam "$WORK/many.png"
[ -s "$WORK/many-phantom_mri.png" ] && [ -s "$WORK/many-phantom_ct.png" ] ||
  { echo "FAIL: per-image cam files"; failures=$((failures + 1)); }
check "--cam over a source is refused" 7 "$CLI" classify "$MRI" --cam "$MRI"
check "--cam must be PNG" 4 "$CLI" classify "$MRI" --cam "$WORK/cam.jpg"
check "unknown kind" 2 "$CLI" classify "$MRI" --kind xray
check "missing model folder" 8 "$CLI" classify "$MRI" --model "$WORK/no-model"
mkdir -p "$WORK/empty-model"
check "folder without model.json" 8 "$CLI" classify "$MRI" --model "$WORK/empty-model"
check "a missing image among others: exit 3, the rest classified" 3 "$CLI" classify "$WORK/nope.png" "$MRI" --json
expect "JSON error entry" '"code": "file_not_found"' "$WORK/stdout"
expect "JSON still has the other image" '"label"' "$WORK/stdout"

check "fuse --classify" 0 "$CLI" fuse --a "$MRI" --b "$CT" --out "$WORK/fused.png" --method average --classify --json
expect "fuse JSON has the classification" '"classification"' "$WORK/stdout"
expect "fuse JSON classifies the fused image" '"fused": {' "$WORK/stdout"
expect "fuse JSON classifies B as CT/SPECT/PET" '"kind": "ct-spect-pet"' "$WORK/stdout"
check "fuse --classify with a missing classifier writes nothing" 8 "$CLI" fuse --a "$MRI" --b "$CT" \
  --out "$WORK/fused2.png" --method average --classify --classifier "$WORK/no-model"
[ ! -e "$WORK/fused2.png" ] || { echo "FAIL: fused2.png written despite the error"; failures=$((failures + 1)); }

check "edgefuse-train --help lists classifier" 0 "$TRAIN" --help
expect "train help" "classifier" "$WORK/stdout"
check "edgefuse-train classifier --help" 0 "$TRAIN" classifier --help
for option in --data --out --epochs --batch --lr --seed --deterministic --device --threads --resume --rotation; do
  expect "classifier --help lists $option" "$option" "$WORK/stdout"
done
check "classifier without --data" 2 "$TRAIN" classifier --out "$WORK/run"
check "classifier with a bad number" 2 "$TRAIN" classifier --data "$WORK" --out "$WORK/run" --epochs many

if [ -d "$SHARED/data/brain-tumor/validation" ]; then
  GLIOMA="$(ls "$SHARED"/data/brain-tumor/validation/glioma/*.png | head -1)"
  check "classify a real MRI slice" 0 "$CLI" classify "$GLIOMA" --kind mri --json
  expect "real slice in distribution" '"out_of_distribution": false' "$WORK/stdout"
  expect "real slice has structure" '"no_structure": false' "$WORK/stdout"
  # A noise file of the data (labelled pituitary; no anatomy in it) is flagged.
  NOISE="$SHARED/data/brain-tumor/validation/pituitary/image_17561.png"
  check "classify a noise file" 0 "$CLI" classify "$NOISE" --kind mri --json
  expect "noise file flagged" '"no_structure": true' "$WORK/stdout"
  expect "noise file out of distribution" '"out_of_distribution": true' "$WORK/stdout"
  check "train 1 step on a few images" 0 "$TRAIN" classifier --data "$SHARED/data/brain-tumor" --out "$WORK/run" \
    --limit-per-class 2 --max-steps 1 --batch 4 --widths 8,16 --strides 1,2 --threads 1
  [ -s "$WORK/run/model/model.json" ] && [ -s "$WORK/run/model/MODEL_CARD.md" ] ||
    { echo "FAIL: trained model folder"; failures=$((failures + 1)); }
  check "the trained model classifies" 0 "$CLI" classify "$GLIOMA" --model "$WORK/run/model" --json
  mkdir -p "$WORK/heldout"
  for c in glioma meningioma notumor pituitary; do
    mkdir -p "$WORK/heldout/$c"
    cp "$(ls "$SHARED"/data/brain-tumor/validation/$c/*.png | head -1)" "$WORK/heldout/$c/"
  done
  cp "$NOISE" "$WORK/heldout/pituitary/"
  check "classifier-eval" 0 "$TRAIN" classifier-eval --data "$WORK/heldout" --json "$WORK/eval.json"
  expect "classifier-eval JSON" '"confusion_matrix"' "$WORK/eval.json"
  expect "classifier-eval counts the noise file" '"pituitary": 1' "$WORK/eval.json"
  expect "classifier-eval says what it left out" "1 noise files (no spatial structure) are not counted above" \
    "$WORK/stdout"
else
  echo "note: ../shared absent: skipping the real-data checks"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
