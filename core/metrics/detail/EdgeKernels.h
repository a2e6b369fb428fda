// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Internal pieces of Qabf and Nabf shared with computeMetrics.

#include "core/metrics/Metrics.h"
#include "core/metrics/detail/MetricSupport.h"

namespace edgefuse {

namespace metrics_detail {

/// Horizontal (sx) and vertical (sy) Sobel responses of one image.
struct EdgeMaps {
  Plane sx;
  Plane sy;
};

/// Qabf's weighted sums for one source: Σ Q^XF·wX and Σ wX.
struct QabfTerms {
  double weightedQ = 0.0;
  double weight = 0.0;
};

/// Nabf's sums: Σ AM·(1 − Q^XF)·wX and Σ wX for both sources.
struct NabfTerms {
  double artefactA = 0.0;
  double artefactB = 0.0;
  double weightA = 0.0;
  double weightB = 0.0;
};

/// Sobel as Qabf.m (conv2 'same', zero padding), unscaled.
EdgeMaps sobelZeroPadded(const Plane& p);
/// Sobel as sobel_fn.m (kernels /8, reflected borders).
EdgeMaps sobelReflected(const Plane& p);

/// Qabf's sums of both sources against F.
void qabfTerms(const EdgeMaps& a, const EdgeMaps& b, const EdgeMaps& fused, QabfTerms& termsA, QabfTerms& termsB);
NabfTerms nabfTerms(const EdgeMaps& a, const EdgeMaps& b, const EdgeMaps& f);

/// Per-source and combined Qabf from the two sources' sums (notes where undefined).
SourcePairValue combineQabf(const QabfTerms& a, const QabfTerms& b, MetricNotes* notes);
/// Per-source and combined Nabf from its sums.
SourcePairValue combineNabf(const NabfTerms& t);

}  // namespace metrics_detail

}  // namespace edgefuse
