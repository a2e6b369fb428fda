// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string>

namespace edgefuse {

/// The case of a file named like the AANLIB slices: the leading digits
/// without the last three (the slice number), e.g. "2004.png" → 2,
/// "10007.png" → 10. Returns -1 for names that are not all digits or are
/// shorter than four digits. Thread-safe.
int caseIdOf(const std::string& fileName);

}  // namespace edgefuse
