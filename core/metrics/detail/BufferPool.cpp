// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/metrics/detail/BufferPool.h"

#include <new>

namespace edgefuse::metrics_detail {

namespace {

constexpr std::size_t kSmallest = 64 * 1024;  // smaller blocks are cheap for malloc
constexpr std::align_val_t kAlignment{64};    // a cache line
constexpr std::size_t kMaxBlocks = 256;
constexpr std::size_t kMaxBytes = 64u * 1024 * 1024;

struct Block {
  void* data;
  std::size_t bytes;
};

/// The calling thread's freed blocks.
struct Cache {
  Block blocks[kMaxBlocks];
  std::size_t count = 0;
  std::size_t bytes = 0;

  ~Cache() {
    for (std::size_t i = 0; i < count; ++i) ::operator delete(blocks[i].data, kAlignment);
    count = 0;
    alive = false;
  }

  // Blocks released while the thread's other thread_local objects are
  // destroyed after the cache go straight back to the heap.
  static thread_local bool alive;
};

thread_local bool Cache::alive = true;

Cache& cache() {
  static thread_local Cache c;
  return c;
}

}  // namespace

void* poolAllocate(std::size_t bytes) {
  if (bytes >= kSmallest && Cache::alive) {
    Cache& c = cache();
    for (std::size_t i = c.count; i-- > 0;) {
      if (c.blocks[i].bytes != bytes) continue;
      void* data = c.blocks[i].data;
      c.blocks[i] = c.blocks[--c.count];
      c.bytes -= bytes;
      return data;
    }
  }
  return ::operator new(bytes, kAlignment);
}

void poolRelease(void* block, std::size_t bytes) noexcept {
  if (block == nullptr) return;
  if (bytes >= kSmallest && Cache::alive) {
    Cache& c = cache();
    if (c.count < kMaxBlocks && c.bytes + bytes <= kMaxBytes) {
      c.blocks[c.count++] = {block, bytes};
      c.bytes += bytes;
      return;
    }
  }
  ::operator delete(block, kAlignment);
}

}  // namespace edgefuse::metrics_detail
