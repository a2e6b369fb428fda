// SPDX-License-Identifier: GPL-3.0-or-later
// Histogram-based information measures: MI, NMI, EN, EN over distinct values.

#include "core/metrics/Metrics.h"
#include "core/metrics/detail/MetricSupport.h"

namespace edgefuse {

using namespace metrics_detail;

Expected<double> mutualInformation(const Image& x, const Image& y) {
  if (auto ok = checkInputs({&x, &y}, 1, "mi"); !ok) return tl::unexpected(ok.error());
  const auto qx = quantize8(x), qy = quantize8(y);
  return entropy8(qx) + entropy8(qy) - jointEntropy8(qx, qy);
}

Expected<double> normalizedMutualInformation(const Image& source, const Image& fused, MetricNotes* notes) {
  if (auto ok = checkInputs({&source, &fused}, 1, "nmi"); !ok) return tl::unexpected(ok.error());
  const auto qs = quantize8(source), qf = quantize8(fused);
  const double hs = entropy8(qs), hf = entropy8(qf);
  if (hs + hf <= 0.0) {
    if (notes) notes->push_back("nmi: both images are constant (no entropy); NMI is undefined and reported as 0");
    return 0.0;
  }
  return 2.0 * (hs + hf - jointEntropy8(qs, qf)) / (hs + hf);
}

Expected<double> entropy(const Image& image) {
  if (auto ok = checkInputs({&image}, 1, "en"); !ok) return tl::unexpected(ok.error());
  return entropy8(quantize8(image));
}

Expected<double> entropyOfDistinctValues(const Image& image) {
  if (auto ok = checkInputs({&image}, 1, "en_distinct"); !ok) return tl::unexpected(ok.error());
  return distinctValueEntropy(image.pixels.data(), image.pixels.size());
}

}  // namespace edgefuse
