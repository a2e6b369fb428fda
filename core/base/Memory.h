// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

namespace edgefuse {

/// Tunes the C library's allocator for EdgeFuse's workload: freed tensors and
/// image planes (tens of MB each, allocated and freed many times per fusion)
/// stay in the process for reuse instead of going back to the operating
/// system at once. On the machines we measured, faulting fresh pages in cost
/// as much as the convolutions themselves (docs/performance.md: 4.0 s → 0.8 s
/// per 256×256 EH-DRAN fusion on 2 cores). With glibc: no mmap for large
/// blocks (M_MMAP_MAX 0) and up to 512 MiB of free heap kept (M_TRIM_THRESHOLD);
/// elsewhere it does nothing. The price is a resident size that stays near its
/// peak. Call once at the start of main(), before other threads start.
void reuseFreedMemory();

}  // namespace edgefuse
