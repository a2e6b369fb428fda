#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The GPU check (issue "fusion model"): on a CUDA machine with a Python whose
# PyTorch has CUDA (and no Qt, OpenCV, DCMTK or network), build the `engine`
# preset against that PyTorch's LibTorch, measure fusion throughput at batch 16
# (the target of issue "Foundation": <= 2 ms per 256x256 pair), and run a short
# full-resolution training run. Everything it prints and writes goes to one
# folder.
#
#   tools/gpu-check.sh prepare   # here (Debian 12 with the project's packages and ../shared):
#                                # header-only dependencies and the packed, gzipped AANLIB
#                                # data into build/gpu-deps (about 30 MB)
#   tools/gpu-check.sh run [OUT] # on the CUDA machine, with build/gpu-deps carried along
#                                # (the device tool: carry ["build/gpu-deps"]); OUT defaults
#                                # to $OUT/gpu-check or ./gpu-check-results
#
# Environment for `run`: GPU_CHECK_DEVICE (cuda; cpu for a smoke run anywhere),
# GPU_CHECK_TRAIN_STEPS (steps per epoch, 150), GPU_CHECK_TRAIN_EPOCHS (2),
# GPU_CHECK_TRAIN_SECONDS (time limit of the training run, 420), GPU_CHECK_JOBS
# (build jobs, all cores).
set -euo pipefail
cd "$(dirname "$0")/.."
readonly deps=build/gpu-deps

prepare() {
  local shared="${EDGEFUSE_SHARED_DIR:-../shared}"
  mkdir -p "$deps/include/tl" "$deps/include/nlohmann"
  # Header-only libraries the engine needs (CC0 and MIT; not committed).
  cp /usr/include/tl/expected.hpp "$deps/include/tl/"
  cp -r /usr/include/nlohmann/. "$deps/include/nlohmann/"
  local trainer=build/ci/app/train/edgefuse-train
  if [ ! -x "$trainer" ]; then
    echo "build the ci preset first (cmake --preset ci && cmake --build --preset ci)" >&2
    exit 2
  fi
  "$trainer" pack --data "$shared/data/aanlib" --out "$deps/aanlib.pt"
  gzip -f -9 "$deps/aanlib.pt"
  du -sh "$deps"
}

run() {
  local out="${1:-${OUT:+$OUT/gpu-check}}"
  out="${out:-gpu-check-results}"
  mkdir -p "$out"
  exec > >(tee "$out/gpu-check.log") 2>&1
  local device="${GPU_CHECK_DEVICE:-cuda}"
  echo "== machine"
  date -u
  nvidia-smi 2>&1 || echo "nvidia-smi: not available"
  nproc
  local prefix=""
  if python3 -c 'import torch' 2>/dev/null; then
    prefix="$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')"
    python3 -c 'import torch; print("PyTorch", torch.__version__, "CUDA", torch.version.cuda, "available", torch.cuda.is_available())'
  else
    echo "no Python PyTorch: the system LibTorch is used"
  fi
  [ -f "$deps/include/tl/expected.hpp" ] || { echo "run 'tools/gpu-check.sh prepare' first and carry $deps" >&2; exit 2; }

  echo "== build (engine preset)"
  local build=build/engine
  cmake --preset engine ${prefix:+-DCMAKE_PREFIX_PATH="$prefix"} \
    -DTL_EXPECTED_INCLUDE_DIR="$PWD/$deps/include" -DNLOHMANN_JSON_INCLUDE_DIR="$PWD/$deps/include" \
    -DEDGEFUSE_BUILD_TESTS=OFF -DEDGEFUSE_WARNINGS_AS_ERRORS=OFF
  local start=$SECONDS
  cmake --build "$build" --target fusion_bench edgefuse-train -j "${GPU_CHECK_JOBS:-$(nproc)}"
  echo "build: $((SECONDS - start)) s"

  echo "== fusion throughput ($device)"
  export EDGEFUSE_DATA_DIR="$PWD/resources"
  for batch in 1 16; do
    "$build/tests/bench/fusion_bench" --model eh-dran --device "$device" --batch "$batch" --repeat 5 \
      | tee "$out/fusion_bench_batch$batch.txt"
  done

  echo "== short full-resolution training run ($device)"
  [ -f "$deps/aanlib.pt" ] || gunzip -k "$deps/aanlib.pt.gz"
  start=$SECONDS
  timeout "${GPU_CHECK_TRAIN_SECONDS:-420}" "$build/app/train/edgefuse-train" fusion --data "$deps/aanlib.pt" \
    --out "$out/train" --device "$device" --crop 256 --batch 16 --epochs "${GPU_CHECK_TRAIN_EPOCHS:-2}" \
    --steps-per-epoch "${GPU_CHECK_TRAIN_STEPS:-150}" --validation-pairs 4 || echo "training: exit $?"
  echo "training: $((SECONDS - start)) s"
  echo "== done: results in $out"
}

case "${1:-}" in
  prepare) prepare ;;
  run) shift; run "$@" ;;
  *)
    sed -n '3,22p' "$0"
    exit 2
    ;;
esac
