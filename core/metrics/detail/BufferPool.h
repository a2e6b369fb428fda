// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Working arrays of the metrics, recycled per thread.
//
// computeMetrics allocates and frees some tens of megabytes of image-sized
// arrays per call. Through malloc these come from fresh pages each time (the
// heap top is returned to the system when they are freed and faulted in,
// zeroed, again), which cost as much as the arithmetic. PoolAllocator keeps
// freed blocks of 64 KiB or more in a small per-thread cache and hands a
// block of the same size back on the next request.

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace edgefuse::metrics_detail {

/// A block of at least `bytes` bytes, aligned to 64 bytes (a cache line: the
/// vectors of the FFT's strips then never straddle two lines): from the
/// calling thread's cache when it holds one of that size. Throws
/// std::bad_alloc as operator new.
void* poolAllocate(std::size_t bytes);

/// Gives back a block of poolAllocate(bytes), from any thread: it enters the
/// calling thread's cache (at most 256 blocks, 64 MiB) or is freed.
void poolRelease(void* block, std::size_t bytes) noexcept;

/// A std::allocator replacement over poolAllocate/poolRelease. Stateless:
/// any two compare equal.
template <class T>
struct PoolAllocator {
  using value_type = T;

  PoolAllocator() noexcept = default;
  template <class U>
  PoolAllocator(const PoolAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) { return static_cast<T*>(poolAllocate(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) noexcept { poolRelease(p, n * sizeof(T)); }

  /// Default-initialises: vector(n) and resize(n) leave arithmetic values
  /// unset (for arrays that are written in full); vector(n, value) fills.
  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible<U>::value) {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }

  template <class U>
  bool operator==(const PoolAllocator<U>&) const noexcept {
    return true;
  }
  template <class U>
  bool operator!=(const PoolAllocator<U>&) const noexcept {
    return false;
  }
};

/// A vector whose storage is recycled through the per-thread cache (and
/// whose vector(n) and resize(n) leave the values unset, see construct).
template <class T>
using PooledVector = std::vector<T, PoolAllocator<T>>;

}  // namespace edgefuse::metrics_detail
