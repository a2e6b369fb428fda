// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the raster reader (header checks, then OpenCV) on
// arbitrary bytes, in memory.
#include <cstdint>
#include <string_view>

#include "core/io/RasterIO.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto image = edgefuse::decodeRaster(bytes, "fuzz-input");
  if (image) {
    volatile float sink = 0.0f;
    for (float v : image->pixels) sink = sink + v;
  }
  return 0;
}
