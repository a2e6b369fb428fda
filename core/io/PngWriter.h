// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/base/AtomicFile.h"
#include "core/base/Error.h"
#include "core/image/Image.h"

namespace edgefuse {

/// One PNG text chunk (written as iTXt, UTF-8).
struct PngTextEntry {
  std::string keyword;  ///< 1–79 Latin-1 characters, e.g. "Software"
  std::string text;
};

/// Writes a [0,1] float image as PNG, atomically: grey as 8- or 16-bit
/// (`bitDepth`), RGB as 8-bit. Values outside [0,1] are clamped. The text
/// entries (provenance) go into iTXt chunks after IHDR. Thread-safe.
Expected<void> writePng(const std::string& path, const Image& unitImage, int bitDepth,
                        const std::vector<PngTextEntry>& text = {}, const OutputPolicy& policy = {});

/// The text chunks of a PNG file (tEXt and uncompressed iTXt), for tests and `info`.
Expected<std::vector<PngTextEntry>> readPngText(const std::string& path);

}  // namespace edgefuse
