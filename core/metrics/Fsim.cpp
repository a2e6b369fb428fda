// SPDX-License-Identifier: GPL-3.0-or-later
// FSIM (Zhang et al. 2011); phase congruency lives in detail/PhaseCongruency.cpp.

#include "core/metrics/Metrics.h"
#include "core/metrics/detail/MetricSupport.h"
#include "core/metrics/detail/PhaseCongruency.h"

namespace edgefuse {

using namespace metrics_detail;

Expected<double> fsim(const Image& x, const Image& y, MetricNotes* notes) {
  if (auto ok = checkInputs({&x, &y}, kFsimMinSide, "fsim"); !ok) return tl::unexpected(ok.error());
  const Plane px = toPlane(x, 255.0), py = toPlane(y, 255.0);
  bool undefined = false;
  const double value =
      fsimFromMaps(phaseCongruency(px), fsimGradient(px), phaseCongruency(py), fsimGradient(py), &undefined);
  if (undefined && notes) {
    notes->push_back(
        "fsim: neither image has phase congruency (no structure); the unweighted mean similarity is reported");
  }
  return value;
}

}  // namespace edgefuse
