#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Compares Google Benchmark executables on a machine whose speed drifts:
# runs them in turn, round after round (the order reversed every other
# round), so that each sees the same mix of fast and slow periods, and
# prints per executable the median and the 10th percentile of all
# repetitions.
#
#   tools/bench-interleaved.sh FILTER ROUNDS BENCH_A [BENCH_B ...]
#
# Example (a copy of an older build's metrics_bench against the current one):
#   tools/bench-interleaved.sh ComputeMetricsAanlib 6 /tmp/metrics_bench_old build/ci/tests/bench/metrics_bench
set -euo pipefail

if [[ $# -lt 3 ]]; then
  sed -n '2,10p' "$0" >&2
  exit 2
fi
filter=$1
rounds=$2
shift 2
results=$(mktemp)
trap 'rm -f "$results"' EXIT
benches=("$@")
for ((round = 1; round <= rounds; ++round)); do
  # Every other round in reverse order (A B, then B A, …), so that a speed
  # drift within the rounds does not favour the executables that come later.
  order=("${benches[@]}")
  if ((round % 2 == 0)); then
    order=()
    for ((i = ${#benches[@]} - 1; i >= 0; --i)); do order+=("${benches[i]}"); done
  fi
  for bench in "${order[@]}"; do
    "$bench" --benchmark_filter="$filter" --benchmark_min_time=0.3 --benchmark_repetitions=5 2>/dev/null |
      awk -v b="$bench" '/^BM_/ && !/_(mean|median|stddev|cv) / {print b, $2, $3}' >>"$results"
  done
done
sort -k1,1 -k2,2n "$results" | awk '
  { times[$1] = times[$1] " " $2; unit[$1] = $3; n[$1]++ }
  END {
    for (b in times) {
      split(times[b], t, " ")
      printf "%s: median %s %s, 10th percentile %s %s (%d runs)\n", b, t[int(n[b] / 2) + 1], unit[b],
             t[int(n[b] * 0.1) + 1], unit[b], n[b]
    }
  }'
