// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// A floating-point sum that vector loops can feed without reordering it.

namespace edgefuse::metrics_detail {

/// A sum kept in 8 interleaved partial sums (value i goes to lane i mod 8 of
/// the block it came in), added in a fixed order at the end. The compiler
/// may vectorise the lanes but not reorder a plain `sum += v[i]` (that would
/// change the rounding), so loops that fill blocks of values and add them
/// here vectorise, and every variant of them, whatever its vector width,
/// adds the same values in the same order. Blocks other than the last should
/// hold a multiple of 8 values, such as kLaneSumBlock.
struct LaneSum {
  double lane[8] = {};

  void add(const double* __restrict v, int n) {
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      for (int l = 0; l < 8; ++l) lane[l] += v[i + l];
    }
    for (int l = 0; i < n; ++i, ++l) lane[l] += v[i];
  }

  double total() const {
    return ((lane[0] + lane[1]) + (lane[2] + lane[3])) + ((lane[4] + lane[5]) + (lane[6] + lane[7]));
  }
};

/// Values per block of the per-pixel loops that feed a LaneSum (a multiple of
/// 8; small enough for the block's arrays to live on the stack).
constexpr int kLaneSumBlock = 1024;

}  // namespace edgefuse::metrics_detail
