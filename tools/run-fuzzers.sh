#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds EdgeFuse's libFuzzer targets with clang-14 (AddressSanitizer) in
# build/fuzz and runs each for a CI-sized time, seeded with ../shared.
#
#   tools/run-fuzzers.sh [SECONDS_EACH]     (default 60)
#
# Crash inputs land in build/fuzz/tests/fuzz/artifacts/ (dicom-crash-*, raster-oom-*, …);
# the script fails when a fuzzer found one. Reproduce one with
#   build/fuzz/tests/fuzz/dicom_fuzzer build/fuzz/tests/fuzz/artifacts/dicom-crash-…
# and turn it into a regression test in tests/unit/io before fixing it.
# The same runs are registered as ctest tests (label slow) in build/fuzz:
#   ctest --test-dir build/fuzz -L slow
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-60}"
BUILD=build/fuzz
cmake -S . -B "$BUILD" -G Ninja \
  -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DEDGEFUSE_BUILD_FUZZERS=ON -DEDGEFUSE_BUILD_GUI=OFF -DEDGEFUSE_BUILD_BENCHMARKS=OFF >/dev/null
nice -n 10 ninja -C "$BUILD" -j2 dicom_fuzzer raster_fuzzer
status=0
for kind in dicom raster; do
  bash tests/fuzz/run_fuzzer.sh "$BUILD/tests/fuzz/${kind}_fuzzer" "$kind" "$SECONDS_EACH" \
    "$BUILD/tests/fuzz/artifacts" "$PWD" || status=$?
done
exit "$status"
