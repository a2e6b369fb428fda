// SPDX-License-Identifier: GPL-3.0-or-later
// The top-level handler: what escapes main() or a thread ends the program
// with the documented `internal` exit code and one line, never an abort.

#include <gtest/gtest.h>

#include <new>
#include <stdexcept>
#include <thread>

#include "core/base/Error.h"
#include "core/base/TopLevel.h"

using namespace edgefuse;

namespace {

const int kInternal = exitCodeFor(ErrorCode::Internal);

TEST(TopLevel, ReturnsWhatMainReturns) {
  EXPECT_EQ(runGuarded("prog", [] { return 7; }), 7);
}

TEST(TopLevelDeathTest, AllocationFailureEndsWithOneOutOfMemoryLine) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(runGuarded("prog", []() -> int { throw std::bad_alloc(); }), ::testing::ExitedWithCode(kInternal),
              "^prog: error: out of memory: [^\n]*\n$");
}

TEST(TopLevelDeathTest, AnyExceptionEndsWithOneInternalErrorLine) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(runGuarded("prog", []() -> int { throw std::runtime_error("a library message\nover two lines\n"); }),
              ::testing::ExitedWithCode(kInternal),
              "^prog: error: internal error: a library message over two lines \\(please report it\\)\n$");
}

TEST(TopLevelDeathTest, ExceptionEscapingAThreadEndsTheSameWay) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(runGuarded("prog",
                         []() -> int {
                           std::thread([] { throw std::runtime_error("from a worker"); }).join();
                           return 0;
                         }),
              ::testing::ExitedWithCode(kInternal),
              "^prog: error: internal error: from a worker \\(please report it\\)\n$");
}

}  // namespace
