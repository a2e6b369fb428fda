// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/base/Memory.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {

// After reuseFreedMemory a large block comes from the heap, not from a fresh
// mmap, and freeing it keeps the pages in the process for the next block.
TEST(Memory, LargeBlocksComeFromTheHeapAndStayForReuse) {
#if defined(__GLIBC__)
  edgefuse::reuseFreedMemory();
  constexpr std::size_t kBytes = 48u << 20;  // above glibc's largest mmap threshold (32 MiB)
  const std::size_t mappedBefore = mallinfo2().hblkhd;
  void* block = std::malloc(kBytes);
  ASSERT_NE(block, nullptr);
  std::memset(block, 1, kBytes);
  EXPECT_EQ(mallinfo2().hblkhd, mappedBefore) << "the block was mmapped";
  const std::size_t arenaWithBlock = mallinfo2().arena;
  std::free(block);
  EXPECT_EQ(mallinfo2().arena, arenaWithBlock) << "the heap was trimmed below 512 MiB of free memory";
#else
  GTEST_SKIP() << "reuseFreedMemory tunes glibc's allocator only; this C library is not glibc";
#endif
}

}  // namespace
