// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Run-time dispatch of the metrics' vector loops: GCC and Clang build an
// AVX-512, an AVX2, an AVX and a default variant of a function marked
// EDGEFUSE_VECTOR_CLONES and pick one at load time on x86-64 (AVX2 for the
// 256-bit integer instructions of the bit-level logarithm and exponential).
// The metrics library is built without FMA contraction (-ffp-contract=off),
// so every variant computes bit-identical values. Define
// EDGEFUSE_NO_VECTOR_CLONES to build the default variant only.

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(EDGEFUSE_NO_VECTOR_CLONES)
#define EDGEFUSE_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "avx", "default")))
#else
#define EDGEFUSE_VECTOR_CLONES
#endif
