// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <set>

#include "core/base/Error.h"

using namespace edgefuse;

TEST(Error, DescribeIncludesContextWhenPresent) {
  EXPECT_EQ((Error{ErrorCode::FileNotFound, "file not found", "a.png"}.describe()), "file not found (a.png)");
  EXPECT_EQ((Error{ErrorCode::Internal, "boom", ""}.describe()), "boom");
}

TEST(Error, FailBuildsAnUnexpected) {
  Expected<int> value = fail(ErrorCode::SizeMismatch, "sizes differ", "pair 2");
  ASSERT_FALSE(value);
  EXPECT_EQ(value.error().code, ErrorCode::SizeMismatch);
  EXPECT_EQ(value.error().context, "pair 2");
}

TEST(Error, EveryCodeHasADistinctNameAndANonZeroExitCode) {
  std::set<std::string> names;
  for (int c = 0; c <= static_cast<int>(ErrorCode::Internal); ++c) {
    const auto code = static_cast<ErrorCode>(c);
    names.insert(errorCodeName(code));
    EXPECT_NE(exitCodeFor(code), 0) << errorCodeName(code);
  }
  EXPECT_EQ(names.size(), static_cast<std::size_t>(ErrorCode::Internal) + 1);
  EXPECT_EQ(exitCodeFor(ErrorCode::InvalidArgument), 2);
  EXPECT_EQ(exitCodeFor(ErrorCode::Internal), 1);
}
