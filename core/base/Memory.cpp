// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/base/Memory.h"

#include <cstdlib>  // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace edgefuse {

void reuseFreedMemory() {
#if defined(__GLIBC__)
  constexpr int kKeepFreeBytes = 512 * 1024 * 1024;
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, kKeepFreeBytes);
#endif
}

}  // namespace edgefuse
