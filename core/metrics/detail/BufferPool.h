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
#include <vector>

namespace edgefuse::metrics_detail {

/// A block of at least `bytes` bytes (aligned as operator new): from the
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

  template <class U>
  bool operator==(const PoolAllocator<U>&) const noexcept {
    return true;
  }
  template <class U>
  bool operator!=(const PoolAllocator<U>&) const noexcept {
    return false;
  }
};

/// A vector whose storage is recycled through the per-thread cache.
template <class T>
using PooledVector = std::vector<T, PoolAllocator<T>>;

}  // namespace edgefuse::metrics_detail
