// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Internal to core/: includes LibTorch.

#include <ATen/ATen.h>

#include <string>
#include <vector>

#include "core/base/Error.h"

namespace edgefuse::detail {

/// One single-channel image of the AANLIB pairs: grey (MRI, CT) or the Y
/// channel (PET, SPECT), as stored (0..255 floats, not normalised).
struct DatasetImage {
  std::string kind;   ///< "CT-MRI", "PET-MRI", "SPECT-MRI"
  std::string role;   ///< "MRI", "CT", "PET", "SPECT"
  std::string name;   ///< file name, e.g. "2004.png"
  int caseId = 0;     ///< leading digits without the three slice digits
  at::Tensor pixels;  ///< (H, W) float32
};

/// Reads the AANLIB folder (needs core/io, i.e. OpenCV) or a packed tensor file.
Expected<std::vector<DatasetImage>> loadFusionDataset(const std::string& path);

/// Writes images to a packed tensor file (pickle of a dict of tensors and strings).
Expected<void> savePackedDataset(const std::vector<DatasetImage>& images, const std::string& path);

}  // namespace edgefuse::detail
