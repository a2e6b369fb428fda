// SPDX-License-Identifier: GPL-3.0-or-later
// computeMetrics: every metric of one fusion, sharing intermediates between
// the metrics and between the two sources (everything about F is computed once).

#include "core/metrics/MetricReport.h"

#include <cmath>

#include "core/metrics/Metrics.h"
#include "core/metrics/detail/EdgeKernels.h"
#include "core/metrics/detail/FmiKernels.h"
#include "core/metrics/detail/MetricSupport.h"
#include "core/metrics/detail/PhaseCongruency.h"
#include "core/metrics/detail/SsimKernels.h"
#include "core/metrics/detail/VifKernels.h"

namespace edgefuse {

using namespace metrics_detail;

namespace {

void put(MetricReport& r, const char* key, double a, double b, double combined) {
  r.sourceA[key] = a;
  r.sourceB[key] = b;
  r.values[key] = combined;
}

// The image as the user sees or exports it in 8 bits: q(x)/255 with
// q = floor(255·x + 0.5) (quantize8), in [0,1].
Image eightBit(const Image& image) {
  Image out = image;
  const auto q = quantize8(image);
  for (std::size_t i = 0; i < q.size(); ++i) out.pixels[i] = static_cast<float>(q[i]) / 255.0f;
  return out;
}

bool sameValues(const Image& x, const Image& y) {
  return x.pixels == y.pixels;
}

// The metrics computed in two conventions: FMI (three features), VIF and
// Qabf. `suffix` is "" for the 8-bit images (the paper's convention, the
// default keys) and "_float" for the full-precision images.
void informationMetrics(const Image& a, const Image& b, const Image& fused, const std::string& suffix,
                        MetricReport& r) {
  const Plane pa = toPlane(a), pb = toPlane(b), pf = toPlane(fused);
  const auto key = [&](const char* base) { return std::string(base) + suffix; };
  const struct {
    const char* key;
    FmiFeature feature;
  } variants[] = {{"fmi", FmiFeature::Pixel}, {"fmi_gradient", FmiFeature::Gradient}, {"fmi_dct", FmiFeature::Dct}};
  for (const auto& variant : variants) {
    const Plane fa = fmiFeatureMap(pa, variant.feature), fb = fmiFeatureMap(pb, variant.feature);
    const Plane ff = fmiFeatureMap(pf, variant.feature);
    const std::vector<double> means = fmiMeans({&fa, &fb}, ff);
    put(r, key(variant.key).c_str(), means[0], means[1], 0.5 * (means[0] + means[1]));
  }
  const Plane pa255 = toPlane(a, 255.0), pb255 = toPlane(b, 255.0), pf255 = toPlane(fused, 255.0);
  const VifPyramid vpA = vifPyramid(pa255), vpB = vifPyramid(pb255), vpF = vifPyramid(pf255);
  auto vifOf = [&](const VifPyramid& source, const char* name) {
    const VifSums sums = vifSums(source, vpF);
    if (sums.denominator > 0.0) return sums.numerator / sums.denominator;
    r.notes.push_back(std::string("vif") + suffix + ": " + name + " has no local variance; VIF(" + name +
                      ",F) is undefined and counted as 0");
    return 0.0;
  };
  const double va = vifOf(vpA, "A"), vb = vifOf(vpB, "B");
  put(r, key("vif").c_str(), va, vb, 0.5 * (va + vb));
  r.values[key("vif_sum")] = va + vb;
  QabfTerms ta, tb;
  qabfTerms(sobelZeroPadded(pa), sobelZeroPadded(pb), sobelZeroPadded(pf), ta, tb);
  const SourcePairValue q = combineQabf(ta, tb, &r.notes);
  put(r, key("qabf").c_str(), q.a, q.b, q.combined);
}

// Copies the 8-bit values to the "_float" keys (inputs that are 8-bit
// already: both conventions agree).
void copyToFloatKeys(MetricReport& r) {
  for (const char* base : {"fmi", "fmi_gradient", "fmi_dct", "vif", "qabf"}) {
    const std::string to = std::string(base) + "_float";
    r.values[to] = r.values[base];
    r.sourceA[to] = r.sourceA[base];
    r.sourceB[to] = r.sourceB[base];
  }
  r.values["vif_sum_float"] = r.values["vif_sum"];
}

double psnrOf(const Plane& x, const Plane& f, const char* source, MetricReport& r) {
  double sum = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) sum += (x.v[i] - f.v[i]) * (x.v[i] - f.v[i]);
  double mse = sum / static_cast<double>(x.size());
  if (mse < 1e-10) {
    mse = 1e-10;
    r.notes.push_back(std::string("psnr: F and ") + source +
                      " are (nearly) identical (MSE < 1e-10); PSNR capped at 100 dB");
  }
  return 10.0 * std::log10(1.0 / mse);
}

}  // namespace

Expected<MetricReport> computeMetrics(const Image& a, const Image& b, const Image& fused,
                                      const MetricOptions& options) {
  if (auto ok = checkInputs({&a, &b, &fused}, kVifMinSide, "metrics"); !ok) return tl::unexpected(ok.error());
  MetricReport r;
  const Plane pa = toPlane(a), pb = toPlane(b), pf = toPlane(fused);
  const Plane pa255 = toPlane(a, 255.0), pb255 = toPlane(b, 255.0), pf255 = toPlane(fused, 255.0);
  const std::size_t n = pf.size();

  // PSNR.
  {
    const double va = psnrOf(pa, pf, "A", r), vb = psnrOf(pb, pf, "B", r);
    put(r, "psnr", va, vb, 0.5 * (va + vb));
  }

  // SSIM (scale 1 of MS-SSIM) and MS-SSIM.
  {
    const int scales = msSsimScales(pf.width, pf.height);
    if (scales < kMsSsimMaxScales) {
      r.notes.push_back("ms_ssim: the image is too small for 5 scales; " + std::to_string(scales) +
                        " scale(s) used with their weights rescaled to sum 1");
    }
    Plane xa = pa, xb = pb, xf = pf;
    std::vector<SsimStats> statsA, statsB;
    for (int s = 0; s < scales; ++s) {
      if (s > 0) {
        xa = downsampleByTwo(xa);
        xb = downsampleByTwo(xb);
        xf = downsampleByTwo(xf);
      }
      const SsimMoments mf = ssimMoments(xf);
      statsA.push_back(ssimStats(xa, ssimMoments(xa), xf, mf));
      statsB.push_back(ssimStats(xb, ssimMoments(xb), xf, mf));
    }
    put(r, "ssim", statsA[0].ssim, statsB[0].ssim, 0.5 * (statsA[0].ssim + statsB[0].ssim));
    const double ma = msSsimFromStats(statsA), mb = msSsimFromStats(statsB);
    put(r, "ms_ssim", ma, mb, 0.5 * (ma + mb));
  }

  // MI, NMI and EN from the 8-bit images.
  {
    const auto qa = quantize8(a), qb = quantize8(b), qf = quantize8(fused);
    const double ha = entropy8(qa), hb = entropy8(qb), hf = entropy8(qf);
    const double miA = ha + hf - jointEntropy8(qa, qf), miB = hb + hf - jointEntropy8(qb, qf);
    put(r, "mi", miA, miB, 0.5 * (miA + miB));
    auto nmiOf = [&](double mi, double hs, const char* source) {
      if (hs + hf > 0.0) return 2.0 * mi / (hs + hf);
      r.notes.push_back(std::string("nmi: F and ") + source +
                        " are both constant; their NMI is undefined and counted as 0");
      return 0.0;
    };
    const double na = nmiOf(miA, ha, "A"), nb = nmiOf(miB, hb, "B");
    put(r, "nmi", na, nb, na + nb);
    r.values["en"] = hf;
    r.values["en_distinct"] = distinctValueEntropy(fused.pixels.data(), fused.pixels.size());
  }

  // FMI, VIF and Qabf: on the 8-bit images (default keys) and on the
  // full-precision images ("_float"), computed once when they are the same.
  {
    const Image a8 = eightBit(a), b8 = eightBit(b), f8 = eightBit(fused);
    informationMetrics(a8, b8, f8, "", r);
    if (options.fullPrecision) {
      if (sameValues(a8, a) && sameValues(b8, b) && sameValues(f8, fused)) {
        copyToFloatKeys(r);
      } else {
        informationMetrics(a, b, fused, "_float", r);
      }
    }
  }

  // FSIM: each image's phase congruency and gradient once.
  {
    const Plane pcA = phaseCongruency(pa255), pcB = phaseCongruency(pb255), pcF = phaseCongruency(pf255);
    const Plane gA = fsimGradient(pa255), gB = fsimGradient(pb255), gF = fsimGradient(pf255);
    bool undefinedA = false, undefinedB = false;
    const double va = fsimFromMaps(pcA, gA, pcF, gF, &undefinedA);
    const double vb = fsimFromMaps(pcB, gB, pcF, gF, &undefinedB);
    if (undefinedA)
      r.notes.push_back("fsim: neither A nor F has phase congruency; the unweighted mean similarity is used");
    if (undefinedB)
      r.notes.push_back("fsim: neither B nor F has phase congruency; the unweighted mean similarity is used");
    put(r, "fsim", va, vb, 0.5 * (va + vb));
  }

  // CC and SCD.
  {
    bool definedA = false, definedB = false;
    const double ca = pearson(pa.v.data(), pf.v.data(), n, &definedA);
    const double cb = pearson(pb.v.data(), pf.v.data(), n, &definedB);
    if (!definedA) r.notes.push_back("cc: A or F is constant; r(A,F) is undefined and counted as 0");
    if (!definedB) r.notes.push_back("cc: B or F is constant; r(B,F) is undefined and counted as 0");
    put(r, "cc", ca, cb, 0.5 * (ca + cb));
    Plane fMinusA(pf.width, pf.height, Uninitialized{}), fMinusB(pf.width, pf.height, Uninitialized{});
    for (std::size_t i = 0; i < n; ++i) {
      fMinusA.v[i] = pf.v[i] - pa.v[i];
      fMinusB.v[i] = pf.v[i] - pb.v[i];
    }
    const double sa = pearson(fMinusB.v.data(), pa.v.data(), n, &definedA);
    const double sb = pearson(fMinusA.v.data(), pb.v.data(), n, &definedB);
    if (!definedA) r.notes.push_back("scd: r(F-B, A) is undefined (a constant image); counted as 0");
    if (!definedB) r.notes.push_back("scd: r(F-A, B) is undefined (a constant image); counted as 0");
    put(r, "scd", sa, sb, sa + sb);
  }

  // Nabf.
  {
    const SourcePairValue nv =
        combineNabf(nabfTerms(sobelReflected(pa255), sobelReflected(pb255), sobelReflected(pf255)));
    put(r, "nabf", nv.a, nv.b, nv.combined);
  }

  // No-reference statistics of F.
  {
    double mean = 0.0;
    for (double v : pf.v) mean += v;
    mean /= static_cast<double>(n);
    double var = 0.0;
    for (double v : pf.v) var += (v - mean) * (v - mean);
    r.values["sd"] = std::sqrt(var / static_cast<double>(n));
    r.values["sf"] = *spatialFrequency(fused);
    r.values["ag"] = *averageGradient(fused);
  }
  return r;
}

}  // namespace edgefuse
