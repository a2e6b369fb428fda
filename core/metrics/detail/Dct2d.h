// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// The orthonormal 2-D DCT-II (MATLAB's dct2) of power-of-two sizes, in
// double precision, for FMI's DCT feature.
//
// Each 1-D transform of length N is Makhoul's: the input reordered (even
// samples forward, odd ones backward) is transformed by a real FFT of N
// points, computed as a complex FFT of N/2 points whose outputs are then
// combined, per output k, as one real linear combination of two of its
// values. The transforms run over strips of neighbouring columns (rows for
// the second axis), so every butterfly is a vector loop across the strip.
// Rounding error is that of an FFT (a few ulps of the largest coefficient
// times log2 N), as cv::dct's.

namespace edgefuse::metrics_detail {

/// True when both sides are powers of two from 2 to 8192.
bool fastDctSupports(int width, int height);

/// out = dct2(in) for a height×width row-major image; in and out must not
/// overlap. Requires fastDctSupports(width, height).
void fastDct2(const double* in, double* out, int width, int height);

}  // namespace edgefuse::metrics_detail
