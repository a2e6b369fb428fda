// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once
// Internal to core/io: a guard that DCMTK needs for one encoding.

#include <string>

#include "core/base/Error.h"

namespace edgefuse::detail {

/// For a file in the Deflated Explicit VR Little Endian transfer syntax:
/// inflates the dataset (at most 1 GiB) and walks its elements, refusing one
/// whose declared length exceeds the bytes that remain. DCMTK bounds element
/// lengths by the file size for plain files, but not inside a deflated
/// stream, where it would allocate whatever a hostile header declares (found
/// by the DICOM fuzzer). Any other file passes unchecked. Thread-safe.
Expected<void> checkDeflatedElementLengths(const std::string& path);

}  // namespace edgefuse::detail
