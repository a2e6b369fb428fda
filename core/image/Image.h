// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/image/ImageMeta.h"

namespace edgefuse {

/// A 2-D image: grey (1 channel) or RGB (3 channels, interleaved), row-major,
/// values as float in the stored units after the modality LUT (e.g. 0..255
/// for an 8-bit PNG, HU for CT). A value type: copy freely, no sharing.
struct Image {
  int width = 0;
  int height = 0;
  int channels = 1;
  std::vector<float> pixels;
  ImageMeta meta;

  Image() = default;
  Image(int w, int h, int c, float fill = 0.0f);

  bool empty() const { return width <= 0 || height <= 0 || pixels.empty(); }
  bool isColour() const { return channels == 3; }
  std::size_t pixelCount() const { return static_cast<std::size_t>(width) * static_cast<std::size_t>(height); }
  float& at(int x, int y, int c = 0) { return pixels[(static_cast<std::size_t>(y) * width + x) * channels + c]; }
  float at(int x, int y, int c = 0) const { return pixels[(static_cast<std::size_t>(y) * width + x) * channels + c]; }
  /// Minimum and maximum over all channels (0,0 for an empty image).
  std::pair<float, float> minMax() const;
  /// True when every pixel has R == G == B (a grey image stored as RGB).
  bool isGreyStoredAsRgb() const;
  /// One channel as a grey image with the same metadata.
  Image channel(int c) const;
};

/// An ordered stack of slices (a DICOM series or multi-frame object, or a
/// single 2-D image as a stack of one). Slices share size and geometry.
struct ImageSeries {
  std::vector<Image> slices;
  /// Notes that concern the whole series (sorting fallback, missing tags, …).
  std::vector<std::string> notes;

  bool empty() const { return slices.empty(); }
  std::size_t size() const { return slices.size(); }
};

}  // namespace edgefuse
