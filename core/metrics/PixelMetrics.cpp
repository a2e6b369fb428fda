// SPDX-License-Identifier: GPL-3.0-or-later
// PSNR, correlation, SCD and the no-reference statistics SD, SF, AG.

#include <cmath>

#include "core/metrics/Metrics.h"
#include "core/metrics/detail/MetricSupport.h"

namespace edgefuse {

using metrics_detail::checkInputs;
using metrics_detail::pearson;
using metrics_detail::Plane;
using metrics_detail::toPlane;
using metrics_detail::Uninitialized;

namespace {

constexpr double kMinMse = 1e-10;  // caps PSNR at 100 dB for data range 1

}  // namespace

Expected<double> psnr(const Image& reference, const Image& fused, MetricNotes* notes) {
  if (auto ok = checkInputs({&reference, &fused}, 1, "psnr"); !ok) return tl::unexpected(ok.error());
  double sum = 0.0;
  for (std::size_t i = 0; i < fused.pixels.size(); ++i) {
    const double d = static_cast<double>(reference.pixels[i]) - fused.pixels[i];
    sum += d * d;
  }
  double mse = sum / static_cast<double>(fused.pixels.size());
  if (mse < kMinMse) {
    mse = kMinMse;
    if (notes) notes->push_back("psnr: the images are (nearly) identical (MSE < 1e-10); PSNR capped at 100 dB");
  }
  return 10.0 * std::log10(1.0 / mse);
}

Expected<double> correlationCoefficient(const Image& x, const Image& y, MetricNotes* notes) {
  if (auto ok = checkInputs({&x, &y}, 1, "cc"); !ok) return tl::unexpected(ok.error());
  const Plane px = toPlane(x), py = toPlane(y);
  bool defined = false;
  const double r = pearson(px.v.data(), py.v.data(), px.size(), &defined);
  if (!defined && notes) notes->push_back("cc: an image is constant; the correlation is undefined and reported as 0");
  return r;
}

Expected<SourcePairValue> scd(const Image& a, const Image& b, const Image& fused, MetricNotes* notes) {
  if (auto ok = checkInputs({&a, &b, &fused}, 1, "scd"); !ok) return tl::unexpected(ok.error());
  const Plane pa = toPlane(a), pb = toPlane(b), pf = toPlane(fused);
  Plane fMinusA(pa.width, pa.height, Uninitialized{}), fMinusB(pa.width, pa.height, Uninitialized{});
  for (std::size_t i = 0; i < pa.size(); ++i) {
    fMinusA.v[i] = pf.v[i] - pa.v[i];
    fMinusB.v[i] = pf.v[i] - pb.v[i];
  }
  SourcePairValue out;
  bool definedA = false, definedB = false;
  out.a = pearson(fMinusB.v.data(), pa.v.data(), pa.size(), &definedA);
  out.b = pearson(fMinusA.v.data(), pb.v.data(), pb.size(), &definedB);
  out.combined = out.a + out.b;
  if (notes && !definedA) notes->push_back("scd: r(F-B, A) is undefined (a constant image); counted as 0");
  if (notes && !definedB) notes->push_back("scd: r(F-A, B) is undefined (a constant image); counted as 0");
  return out;
}

Expected<double> standardDeviation(const Image& image) {
  if (auto ok = checkInputs({&image}, 1, "sd"); !ok) return tl::unexpected(ok.error());
  double mean = 0.0;
  for (float v : image.pixels) mean += v;
  mean /= static_cast<double>(image.pixels.size());
  double sum = 0.0;
  for (float v : image.pixels) sum += (v - mean) * (v - mean);
  return std::sqrt(sum / static_cast<double>(image.pixels.size()));
}

Expected<double> spatialFrequency(const Image& image) {
  if (auto ok = checkInputs({&image}, 1, "sf"); !ok) return tl::unexpected(ok.error());
  const int w = image.width, h = image.height;
  double rows = 0.0, cols = 0.0;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const double v = image.at(x, y);
      if (x > 0) rows += (v - image.at(x - 1, y)) * (v - image.at(x - 1, y));
      if (y > 0) cols += (v - image.at(x, y - 1)) * (v - image.at(x, y - 1));
    }
  }
  const double n = static_cast<double>(w) * h;
  return std::sqrt(rows / n + cols / n);
}

Expected<double> averageGradient(const Image& image) {
  if (auto ok = checkInputs({&image}, 2, "ag"); !ok) return tl::unexpected(ok.error());
  const int w = image.width, h = image.height;
  double sum = 0.0;
  for (int y = 0; y + 1 < h; ++y) {
    for (int x = 0; x + 1 < w; ++x) {
      const double v = image.at(x, y);
      const double dx = image.at(x + 1, y) - v, dy = image.at(x, y + 1) - v;
      sum += std::sqrt((dx * dx + dy * dy) / 2.0);
    }
  }
  return sum / (static_cast<double>(w - 1) * (h - 1));
}

}  // namespace edgefuse
