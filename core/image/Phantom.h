// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/image/Image.h"

namespace edgefuse {

/// A co-registered pair of synthetic head images made by project code, used
/// by the built-in demo and by tests that must run without ../shared.
struct PhantomPair {
  Image mri;  ///< T1-weighted-like contrast, 8-bit range (0..255), modality "MR"
  Image ct;   ///< CT-like contrast in HU (-1000..~1500), modality "CT", 12-bit signed nominal range
};

/// Builds the digital head phantom at `size`×`size` pixels (size ≥ 32):
/// scalp, skull, grey and white matter, ventricles and a small lesion that
/// is bright on MRI and faint on CT, plus a calcification seen only on CT.
/// Deterministic: the same size gives the same pixels.
PhantomPair makeHeadPhantom(int size = 256);

}  // namespace edgefuse
