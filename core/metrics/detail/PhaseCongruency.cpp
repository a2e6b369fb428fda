// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/metrics/detail/PhaseCongruency.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>

#include "core/metrics/detail/Fft2d.h"
#include "core/metrics/detail/VectorClones.h"

namespace edgefuse::metrics_detail {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kMinWaveLength = 6.0;
constexpr double kMult = 2.0;
constexpr double kSigmaOnf = 0.55;
constexpr double kDThetaOnSigma = 1.2;
constexpr double kNoiseK = 2.0;
constexpr double kEpsilon = 1e-4;

/// The log-Gabor filters of one image size and the noise constants that
/// depend only on them. Built once per size and shared (read-only).
struct FilterBank {
  int width = 0;
  int height = 0;
  /// Power-of-two sizes: the float FFT, and the filters divided by N in its
  /// spectrum layout. Other sizes: the filters in natural FFT
  /// layout (DC at 0,0) for cv::dft.
  std::unique_ptr<Fft2d> fft;
  PooledVector<float> permuted[kPcOrientations][kPcScales];
  std::vector<double> filters[kPcOrientations][kPcScales];
  double smallestScaleEnergy[kPcOrientations] = {};  // EM_n = Σ filter²
  double sumAn2[kPcOrientations] = {};               // Σ_x Σ_s ifftFilt_s²
  double sumAiAj[kPcOrientations] = {};              // Σ_x Σ_{s<t} ifftFilt_s·ifftFilt_t
};

/// phasecong's normalised frequency of FFT index u of n (ifftshift of its
/// xrange, which divides by n−1 for odd n).
double frequencyOf(int u, int n) {
  if (n % 2 == 0) return (u < n / 2 ? u : u - n) / static_cast<double>(n);
  return (u <= (n - 1) / 2 ? u : u - n) / static_cast<double>(n - 1);
}

std::unique_ptr<FilterBank> buildBank(int width, int height, bool useFft) {
  auto bank = std::make_unique<FilterBank>();
  bank->width = width;
  bank->height = height;
  const std::size_t n = static_cast<std::size_t>(width) * height;
  std::vector<double> logGabor[kPcScales];
  std::vector<double> sinTheta(n), cosTheta(n);
  for (int s = 0; s < kPcScales; ++s) logGabor[s].resize(n);
  const double thetaSigma = kPi / kPcOrientations / kDThetaOnSigma;
  for (int v = 0; v < height; ++v) {
    const double fy = frequencyOf(v, height);
    for (int u = 0; u < width; ++u) {
      const double fx = frequencyOf(u, width);
      const std::size_t i = static_cast<std::size_t>(v) * width + u;
      const double trueRadius = std::sqrt(fx * fx + fy * fy);
      const double radius = (u == 0 && v == 0) ? 1.0 : trueRadius;
      const double theta = std::atan2(-fy, fx);
      sinTheta[i] = std::sin(theta);
      cosTheta[i] = std::cos(theta);
      const double lowPass = 1.0 / (1.0 + std::pow(trueRadius / 0.45, 2.0 * 15.0));
      for (int s = 0; s < kPcScales; ++s) {
        const double fo = 1.0 / (kMinWaveLength * std::pow(kMult, s));
        const double l = std::log(radius / fo);
        logGabor[s][i] =
            (u == 0 && v == 0) ? 0.0 : std::exp(-(l * l) / (2.0 * std::pow(std::log(kSigmaOnf), 2))) * lowPass;
      }
    }
  }
  for (int o = 0; o < kPcOrientations; ++o) {
    const double angle = o * kPi / kPcOrientations;
    const double ca = std::cos(angle), sa = std::sin(angle);
    std::vector<double> spread(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double ds = sinTheta[i] * ca - cosTheta[i] * sa;
      const double dc = cosTheta[i] * ca + sinTheta[i] * sa;
      const double dTheta = std::abs(std::atan2(ds, dc));
      spread[i] = std::exp(-(dTheta * dTheta) / (2.0 * thetaSigma * thetaSigma));
    }
    std::vector<double> symmetric[kPcScales];
    for (int s = 0; s < kPcScales; ++s) {
      std::vector<double>& f = bank->filters[o][s];
      f.resize(n);
      for (std::size_t i = 0; i < n; ++i) f[i] = logGabor[s][i] * spread[i];
      // real(ifft2(f))·√N has the Hermitian part (f(k) + f(−k))/2 as its
      // spectrum, so its spatial sums of products follow from Parseval.
      symmetric[s].resize(n);
      for (int v = 0; v < height; ++v) {
        const int vm = (height - v) % height;
        for (int u = 0; u < width; ++u) {
          const int um = (width - u) % width;
          symmetric[s][static_cast<std::size_t>(v) * width + u] =
              0.5 * (f[static_cast<std::size_t>(v) * width + u] + f[static_cast<std::size_t>(vm) * width + um]);
        }
      }
    }
    double em = 0.0;
    for (double value : bank->filters[o][0]) em += value * value;
    bank->smallestScaleEnergy[o] = em;
    double an2 = 0.0, aiaj = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      for (int s = 0; s < kPcScales; ++s) {
        an2 += symmetric[s][i] * symmetric[s][i];
        for (int t = s + 1; t < kPcScales; ++t) aiaj += symmetric[s][i] * symmetric[t][i];
      }
    }
    bank->sumAn2[o] = an2;
    bank->sumAiAj[o] = aiaj;
  }
  if (useFft) {
    bank->fft = std::make_unique<Fft2d>(width, height);
    const double inverseN = 1.0 / static_cast<double>(n);
    for (int o = 0; o < kPcOrientations; ++o) {
      for (int s = 0; s < kPcScales; ++s) {
        PooledVector<float>& p = bank->permuted[o][s];
        p.resize(n);
        for (int v = 0; v < height; ++v) {
          for (int u = 0; u < width; ++u) {
            p[bank->fft->spectrumIndex(u, v)] =
                static_cast<float>(bank->filters[o][s][static_cast<std::size_t>(v) * width + u] * inverseN);
          }
        }
        std::vector<double>().swap(bank->filters[o][s]);
      }
    }
  }
  return bank;
}

const FilterBank& bankFor(int width, int height, bool useFft) {
  // A small cache: metrics are usually computed for one image size.
  static std::mutex mutex;
  static std::vector<std::unique_ptr<FilterBank>> banks;
  std::lock_guard<std::mutex> lock(mutex);
  for (const auto& b : banks) {
    if (b->width == width && b->height == height && (b->fft != nullptr) == useFft) return *b;
  }
  if (banks.size() >= 4) banks.erase(banks.begin());
  banks.push_back(buildBank(width, height, useFft));
  return *banks.back();
}

/// MATLAB's median (mean of the two middle values for an even count) of
/// non-negative floats: a histogram of the top bits of their bit patterns
/// (which order non-negative floats like their values) finds the bucket of
/// the upper middle value, nth_element finishes inside it; the lower middle
/// value is the largest one before it, in the bucket or (rarely) below it.
double median(const PooledVector<float>& values, std::vector<float>& bucket) {
  constexpr int kShift = 20;  // 4096 buckets over the 32-bit patterns
  auto bucketOf = [](float v) {
    std::uint32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    return bits >> kShift;
  };
  const std::size_t n = values.size(), k = n / 2;
  std::uint32_t counts[std::size_t{1} << (32 - kShift)] = {};
  for (float v : values) ++counts[bucketOf(v)];
  std::size_t below = 0;
  std::uint32_t b = 0;
  while (below + counts[b] <= k) below += counts[b++];
  bucket.clear();
  for (float v : values) {
    if (bucketOf(v) == b) bucket.push_back(v);
  }
  const std::size_t inBucket = k - below;
  std::nth_element(bucket.begin(), bucket.begin() + static_cast<std::ptrdiff_t>(inBucket), bucket.end());
  const double upper = bucket[inBucket];
  if (n % 2 == 1) return upper;
  float lower = 0.0f;
  if (inBucket > 0) {
    lower = *std::max_element(bucket.begin(), bucket.begin() + static_cast<std::ptrdiff_t>(inBucket));
  } else {
    for (float v : values) {
      if (bucketOf(v) < b) lower = std::max(lower, v);
    }
  }
  return 0.5 * (static_cast<double>(lower) + upper);
}

/// Per pixel of one orientation, in one pass over its responses: Σ|EO| over
/// the scales, |EO|² of the smallest scale (for the noise estimate), and the
/// energy Σ_s (E·meanE + O·meanO − |E·meanO − O·meanE|), with (meanE, meanO)
/// the unit direction of (ΣE, ΣO).
EDGEFUSE_VECTOR_CLONES void orientationSums(const float* __restrict e0, const float* __restrict o0,
                                            const float* __restrict e1, const float* __restrict o1,
                                            const float* __restrict e2, const float* __restrict o2,
                                            const float* __restrict e3, const float* __restrict o3,
                                            float* __restrict energy, float* __restrict sumAn,
                                            float* __restrict squared, float epsilon, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    squared[i] = e0[i] * e0[i] + o0[i] * o0[i];
    const float sumE = e0[i] + e1[i] + e2[i] + e3[i];
    const float sumO = o0[i] + o1[i] + o2[i] + o3[i];
    sumAn[i] = std::sqrt(squared[i]) + std::sqrt(e1[i] * e1[i] + o1[i] * o1[i]) +
               std::sqrt(e2[i] * e2[i] + o2[i] * o2[i]) + std::sqrt(e3[i] * e3[i] + o3[i] * o3[i]);
    const float xEnergy = std::sqrt(sumE * sumE + sumO * sumO) + epsilon;
    const float meanE = sumE / xEnergy, meanO = sumO / xEnergy;
    energy[i] = (e0[i] * meanE + o0[i] * meanO - std::abs(e0[i] * meanO - o0[i] * meanE)) +
                (e1[i] * meanE + o1[i] * meanO - std::abs(e1[i] * meanO - o1[i] * meanE)) +
                (e2[i] * meanE + o2[i] * meanO - std::abs(e2[i] * meanO - o2[i] * meanE)) +
                (e3[i] * meanE + o3[i] * meanO - std::abs(e3[i] * meanO - o3[i] * meanE));
  }
}

EDGEFUSE_VECTOR_CLONES void accumulateOrientation(const float* __restrict energy, const float* __restrict sumAn,
                                                  float threshold, float* __restrict energyAll, float* __restrict anAll,
                                                  std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    energyAll[i] += std::max(energy[i] - threshold, 0.0f);
    anAll[i] += sumAn[i];
  }
}

/// out[i] = v[i] − mean, rounded to float.
EDGEFUSE_VECTOR_CLONES void centredFloats(const double* __restrict v, double mean, std::size_t n,
                                          float* __restrict out) {
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<float>(v[i] - mean);
}

/// pc[i] = energy[i] / an[i] where an[i] > 0, else 0.
EDGEFUSE_VECTOR_CLONES void energyRatio(const float* __restrict energy, const float* __restrict an, std::size_t n,
                                        double* __restrict pc) {
  for (std::size_t i = 0; i < n; ++i) {
    const double ratio = static_cast<double>(energy[i]) / (an[i] > 0.0f ? an[i] : 1.0f);
    pc[i] = an[i] > 0.0f ? ratio : 0.0;
  }
}

/// Per-thread working memory, reused between calls of one size. The FFT
/// path keeps the per-pixel arrays in the FFT's pixel layout (the per-pixel
/// steps do not depend on the order) until the end.
struct Workspace {
  std::size_t n = 0;
  PooledVector<float> image, spectrumRe, spectrumIm, scratchRe, scratchIm;
  PooledVector<float> even[kPcScales], odd[kPcScales];
  PooledVector<float> energy, sumAn, squared, energyAll, anAll;
  std::vector<float> bucket;

  void resize(std::size_t size) {
    if (n == size) return;
    n = size;
    for (auto* v :
         {&image, &spectrumRe, &spectrumIm, &scratchRe, &scratchIm, &energy, &sumAn, &squared, &energyAll, &anAll}) {
      v->assign(size, 0.0f);
    }
    for (int s = 0; s < kPcScales; ++s) {
      even[s].assign(size, 0.0f);
      odd[s].assign(size, 0.0f);
    }
  }
};

/// The even and odd responses of every scale of one orientation, by the
/// float FFT (power-of-two sizes) or by cv::dft in double (other sizes).
void orientationResponses(const FilterBank& bank, int o, const cv::Mat& spectrum64, Workspace& w) {
  const std::size_t n = w.n;
  if (bank.fft) {
    for (int s = 0; s < kPcScales; ++s) {
      bank.fft->inverse(w.spectrumRe.data(), w.spectrumIm.data(), bank.permuted[o][s].data(), w.even[s].data(),
                        w.odd[s].data(), w.scratchRe.data(), w.scratchIm.data());
    }
    return;
  }
  cv::Mat product(bank.height, bank.width, CV_64FC2), response;
  for (int s = 0; s < kPcScales; ++s) {
    const std::vector<double>& filter = bank.filters[o][s];
    const auto* in = spectrum64.ptr<cv::Vec2d>(0);
    auto* out = product.ptr<cv::Vec2d>(0);
    for (std::size_t i = 0; i < n; ++i) out[i] = in[i] * filter[i];
    cv::dft(product, response, cv::DFT_INVERSE | cv::DFT_SCALE);
    const auto* r = response.ptr<cv::Vec2d>(0);
    for (std::size_t i = 0; i < n; ++i) {
      w.even[s][i] = static_cast<float>(r[i][0]);
      w.odd[s][i] = static_cast<float>(r[i][1]);
    }
  }
}

}  // namespace

Plane phaseCongruency(const Plane& image255, PcPath path) {
  const int width = image255.width, height = image255.height;
  const ValueRange range = rangeAndMean(image255.v.data(), image255.size());
  if (range.lo == range.hi)
    return Plane(width, height, 0.0);  // no structure; avoids dividing rounding noise by rounding noise
  const FilterBank& bank = bankFor(width, height, path == PcPath::Auto && Fft2d::supports(width, height));
  thread_local Workspace w;
  w.resize(image255.size());
  const std::size_t n = w.n;

  cv::Mat spectrum64;
  if (bank.fft) {
    // The filters are 0 at DC, so the mean changes no response; removing it
    // keeps the float FFT's rounding relative to the image's contrast rather
    // than to its brightness.
    centredFloats(image255.v.data(), range.mean, n, w.image.data());
    bank.fft->forward(w.image.data(), w.spectrumRe.data(), w.spectrumIm.data(), w.scratchRe.data(), w.scratchIm.data());
  } else {
    cv::Mat spatial(height, width, CV_64F, const_cast<double*>(image255.v.data()));
    cv::dft(spatial, spectrum64, cv::DFT_COMPLEX_OUTPUT);
  }
  std::fill(w.energyAll.begin(), w.energyAll.end(), 0.0f);
  std::fill(w.anAll.begin(), w.anAll.end(), 0.0f);
  for (int o = 0; o < kPcOrientations; ++o) {
    orientationResponses(bank, o, spectrum64, w);
    static_assert(kPcScales == 4, "the per-pixel loops below are written for 4 scales");
    const float *e0 = w.even[0].data(), *e1 = w.even[1].data(), *e2 = w.even[2].data(), *e3 = w.even[3].data();
    const float *o0 = w.odd[0].data(), *o1 = w.odd[1].data(), *o2 = w.odd[2].data(), *o3 = w.odd[3].data();
    orientationSums(e0, o0, e1, o1, e2, o2, e3, o3, w.energy.data(), w.sumAn.data(), w.squared.data(),
                    static_cast<float>(kEpsilon), n);
    const double meanE2n = -median(w.squared, w.bucket) / std::log(0.5);
    const double noisePower = meanE2n / bank.smallestScaleEnergy[o];
    const double estNoiseEnergy2 = 2.0 * noisePower * bank.sumAn2[o] + 4.0 * noisePower * bank.sumAiAj[o];
    const double tau = std::sqrt(estNoiseEnergy2 / 2.0);
    const double estNoiseEnergy = tau * std::sqrt(kPi / 2.0);
    const double estNoiseEnergySigma = std::sqrt((2.0 - kPi / 2.0) * tau * tau);
    const float threshold = static_cast<float>((estNoiseEnergy + kNoiseK * estNoiseEnergySigma) / 1.7);
    accumulateOrientation(w.energy.data(), w.sumAn.data(), threshold, w.energyAll.data(), w.anAll.data(), n);
  }
  Plane pc(width, height, Uninitialized{});
  if (bank.fft) {
    // Back to row-major order (energy and sumAn serve as the space).
    bank.fft->toRowMajor(w.energyAll.data(), w.energy.data());
    bank.fft->toRowMajor(w.anAll.data(), w.sumAn.data());
    energyRatio(w.energy.data(), w.sumAn.data(), n, pc.v.data());
  } else {
    energyRatio(w.energyAll.data(), w.anAll.data(), n, pc.v.data());
  }
  return pc;
}

Plane fsimGradient(const Plane& p) {
  const int w = p.width, h = p.height;
  Plane g(w, h, Uninitialized{});
  auto px = [&](int x, int y) { return (x < 0 || y < 0 || x >= w || y >= h) ? 0.0 : p.at(x, y); };
  auto magnitude = [](double a, double b, double c, double d, double f, double gg, double hh, double i) {
    const double gx = (3.0 * (c - a) + 10.0 * (f - d) + 3.0 * (i - gg)) / 16.0;
    const double gy = (3.0 * (gg - a) + 10.0 * (hh - b) + 3.0 * (i - c)) / 16.0;
    return std::sqrt(gx * gx + gy * gy);
  };
  auto atBorder = [&](int x, int y) {
    return magnitude(px(x - 1, y - 1), px(x, y - 1), px(x + 1, y - 1), px(x - 1, y), px(x + 1, y), px(x - 1, y + 1),
                     px(x, y + 1), px(x + 1, y + 1));
  };
  for (int y = 0; y < h; ++y) {
    if (y == 0 || y == h - 1 || w < 3) {
      for (int x = 0; x < w; ++x) g.at(x, y) = atBorder(x, y);
      continue;
    }
    // Inside, without the zero padding's tests: a loop that vectorises.
    const double* above = &p.v[static_cast<std::size_t>(y - 1) * w];
    const double* row = above + w;
    const double* below = row + w;
    double* out = &g.v[static_cast<std::size_t>(y) * w];
    out[0] = atBorder(0, y);
    for (int x = 1; x < w - 1; ++x) {
      out[x] =
          magnitude(above[x - 1], above[x], above[x + 1], row[x - 1], row[x + 1], below[x - 1], below[x], below[x + 1]);
    }
    out[w - 1] = atBorder(w - 1, y);
  }
  return g;
}

double fsimFromMaps(const Plane& pc1, const Plane& g1, const Plane& pc2, const Plane& g2, bool* undefined) {
  constexpr double t1 = 0.85, t2 = 160.0;
  double weighted = 0.0, weights = 0.0, plain = 0.0;
  for (std::size_t i = 0; i < pc1.size(); ++i) {
    const double p1 = pc1.v[i], p2 = pc2.v[i], a = g1.v[i], b = g2.v[i];
    const double sPc = (2.0 * p1 * p2 + t1) / (p1 * p1 + p2 * p2 + t1);
    const double sG = (2.0 * a * b + t2) / (a * a + b * b + t2);
    const double pcm = std::max(p1, p2);
    weighted += sPc * sG * pcm;
    weights += pcm;
    plain += sPc * sG;
  }
  if (undefined) *undefined = !(weights > 0.0);
  return weights > 0.0 ? weighted / weights : plain / static_cast<double>(pc1.size());
}

}  // namespace edgefuse::metrics_detail
