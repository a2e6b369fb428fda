// SPDX-License-Identifier: GPL-3.0-or-later
// Hand-computable cases for every metric: identical images, constant
// images, known shifts and scalings, plus input validation and the
// agreement of computeMetrics with the single-metric functions.

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "core/metrics/MetricCatalogue.h"
#include "core/metrics/MetricReport.h"
#include "core/metrics/Metrics.h"

using namespace edgefuse;

namespace {

Image make(int w, int h, const std::function<float(int, int)>& value) {
  Image img(w, h, 1);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) img.at(x, y) = value(x, y);
  }
  return img;
}

Image constant(int size, float v) {
  return Image(size, size, 1, v);
}

/// Integer texture in [0,1]: (x² + y²) mod 256, as levels k/255.
Image zone(int size) {
  return make(size, size, [](int x, int y) { return static_cast<float>((x * x + y * y) % 256) / 255.0f; });
}

Image ramp(int size) {
  return make(size, size, [](int x, int y) { return static_cast<float>((7 * x + 3 * y) % 256) / 255.0f; });
}

Image checker(int size, int cell) {
  return make(size, size, [cell](int x, int y) { return ((x / cell + y / cell) % 2) ? 1.0f : 0.0f; });
}

bool hasNoteContaining(const MetricNotes& notes, const std::string& text) {
  for (const auto& n : notes) {
    if (n.find(text) != std::string::npos) return true;
  }
  return false;
}

// Qabf's Q for perfectly preserved edges: Γg/(1+e^{κg(1−σg)})·Γα/(1+e^{κα(1−σα)}).
const double kQabfPerfect = 0.9994 / (1.0 + std::exp(-15.0 * 0.5)) * 0.9879 / (1.0 + std::exp(-22.0 * 0.2));

}  // namespace

// --- input validation -----------------------------------------------------

TEST(MetricsInput, RejectsEmptyColourMismatchedNanAndOutOfRangeImages) {
  const Image a = zone(64);
  EXPECT_EQ(psnr(Image(), a).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(psnr(Image(64, 64, 3, 0.5f), a).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(psnr(zone(32), a).error().code, ErrorCode::SizeMismatch);
  EXPECT_EQ(computeMetrics(a, a, zone(63)).error().code, ErrorCode::SizeMismatch);
  Image nan = a;
  nan.at(3, 4) = std::nanf("");
  EXPECT_EQ(ssim(nan, a).error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(ssim(nan, a).error().message.find("NaN"), std::string::npos);
  Image inf = a;
  inf.at(0, 0) = INFINITY;
  EXPECT_EQ(fsim(inf, a).error().code, ErrorCode::InvalidArgument);
  Image outside = a;
  outside.at(1, 1) = 1.5f;
  EXPECT_EQ(vif(outside, a).error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(vif(outside, a).error().message.find("[0,1]"), std::string::npos);
}

TEST(MetricsInput, SmallImagesGiveAClearErrorNotACrash) {
  const Image tiny = zone(8);
  EXPECT_EQ(vif(zone(40), zone(40)).error().code, ErrorCode::InvalidArgument);
  EXPECT_TRUE(vif(zone(41), zone(41)));
  EXPECT_EQ(ssim(tiny, tiny).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(computeMetrics(tiny, tiny, tiny).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(featureMutualInformation(zone(2), zone(2), FmiFeature::Pixel).error().code, ErrorCode::InvalidArgument);
  EXPECT_TRUE(featureMutualInformation(zone(3), zone(3), FmiFeature::Pixel));
  EXPECT_TRUE(fsim(tiny, tiny));
}

// --- reference-based metrics ------------------------------------------------

TEST(Psnr, KnownErrorsAndTheCapForIdenticalImages) {
  // MSE 0.01 → 10·log10(1/0.01) = 20 dB.
  EXPECT_NEAR(*psnr(constant(16, 0.5f), constant(16, 0.6f)), 20.0, 1e-5);
  // Half the pixels off by 0.2: MSE 0.02.
  const Image half = make(16, 16, [](int x, int) { return x < 8 ? 0.4f : 0.6f; });
  const Image flat = constant(16, 0.4f);
  EXPECT_NEAR(*psnr(flat, half), 10.0 * std::log10(1.0 / 0.02), 1e-5);
  MetricNotes notes;
  EXPECT_DOUBLE_EQ(*psnr(half, half, &notes), 100.0);
  EXPECT_TRUE(hasNoteContaining(notes, "capped at 100 dB"));
}

TEST(Ssim, IdenticalIsOneAndConstantPairsFollowTheLuminanceTerm) {
  const Image a = zone(64);
  EXPECT_NEAR(*ssim(a, a), 1.0, 1e-12);
  // σ = 0: SSIM = (2ab + C1)/(a² + b² + C1).
  const double c1 = 1e-4, va = 0.2f, vb = 0.6f;
  EXPECT_NEAR(*ssim(constant(32, 0.2f), constant(32, 0.6f)), (2 * va * vb + c1) / (va * va + vb * vb + c1), 1e-12);
  // Inverted contrast: negative structure term.
  const Image inverted = make(64, 64, [&](int x, int y) { return 1.0f - a.at(x, y); });
  EXPECT_LT(*ssim(a, inverted), 0.0);
}

TEST(MsSsim, IdenticalIsOneAndSmallImagesUseFewerScales) {
  const Image a = zone(256);
  EXPECT_NEAR(*msSsim(a, a), 1.0, 1e-12);
  // 64×64: scales of 64, 32, 16 (8 < 11); cs = 1 for constants, so the value
  // is the coarsest SSIM to the power of its rescaled weight.
  MetricNotes notes;
  const double value = *msSsim(constant(64, 0.2f), constant(64, 0.6f), &notes);
  const double va = 0.2f, vb = 0.6f;
  const double l = (2 * va * vb + 1e-4) / (va * va + vb * vb + 1e-4);
  EXPECT_NEAR(value, std::pow(l, 0.3001 / (0.0448 + 0.2856 + 0.3001)), 1e-10);
  EXPECT_TRUE(hasNoteContaining(notes, "3 scale(s)"));
  // Clamped at 0 for inverted contrast instead of NaN.
  const Image inverted = make(256, 256, [&](int x, int y) { return 1.0f - a.at(x, y); });
  const double negative = *msSsim(a, inverted);
  EXPECT_TRUE(std::isfinite(negative));
  EXPECT_GE(negative, 0.0);
}

TEST(MutualInformation, BinaryImagesCarryOneBit) {
  const Image c = checker(64, 8);
  const Image inverse = make(64, 64, [&](int x, int y) { return 1.0f - c.at(x, y); });
  EXPECT_NEAR(*mutualInformation(c, c), 1.0, 1e-12);
  EXPECT_NEAR(*mutualInformation(c, inverse), 1.0, 1e-12);
  EXPECT_NEAR(*mutualInformation(c, constant(64, 0.3f)), 0.0, 1e-12);
  // Four equally frequent levels: 2 bits.
  const Image four = make(64, 64, [](int x, int) { return static_cast<float>(x % 4) / 3.0f; });
  EXPECT_NEAR(*mutualInformation(four, four), 2.0, 1e-12);
}

TEST(NormalizedMutualInformation, OneForIdenticalZeroForIndependentAndDefinedForConstants) {
  const Image c = checker(64, 8);
  EXPECT_NEAR(*normalizedMutualInformation(c, c), 1.0, 1e-12);
  EXPECT_NEAR(*normalizedMutualInformation(c, constant(64, 0.5f)), 0.0, 1e-12);
  MetricNotes notes;
  EXPECT_EQ(*normalizedMutualInformation(constant(64, 0.2f), constant(64, 0.7f), &notes), 0.0);
  EXPECT_TRUE(hasNoteContaining(notes, "both images are constant"));
}

TEST(FeatureMutualInformation, IdenticalAndScaledWindowsGiveOne) {
  const Image a = zone(48);
  for (FmiFeature f : {FmiFeature::Pixel, FmiFeature::Gradient, FmiFeature::Dct}) {
    EXPECT_NEAR(*featureMutualInformation(a, a, f), 1.0, 1e-12);
  }
  // F = A/2 (exact in floating point): every window's normalised pdf is A's,
  // so c = 1, φ = 1, J = diag(p) and 2·MI/(H+H) = 1, for all three features
  // (gradient and DCT are linear). The pair step rounds the pdfs and cdfs to
  // float, so the staircase masses differ from the pdf by ~6e-8 and the
  // value from 1 by a few 1e-8 (measured up to 3.1e-8).
  const Image half = make(48, 48, [&](int x, int y) { return 0.5f * a.at(x, y); });
  for (FmiFeature f : {FmiFeature::Pixel, FmiFeature::Gradient, FmiFeature::Dct}) {
    EXPECT_NEAR(*featureMutualInformation(a, half, f), 1.0, 2e-7);
  }
  // With an offset, F's float rounding perturbs the pdfs by ~1e-7 and the
  // Nelsen weight k = 1 − φ by as much; k·log2|k| makes that ~1e-6.
  const Image shifted = make(48, 48, [&](int x, int y) { return 0.5f * a.at(x, y) + 0.25f; });
  EXPECT_NEAR(*featureMutualInformation(a, shifted, FmiFeature::Pixel), 1.0, 1e-5);
  EXPECT_NEAR(*featureMutualInformation(a, shifted, FmiFeature::Gradient), 1.0, 1e-5);
}

TEST(FeatureMutualInformation, ConstantWindowsGiveZeroAndShiftsLowerTheValue) {
  const Image a = zone(48);
  // Every window of a constant source has a uniform pdf: c = 0, MI = 0.
  EXPECT_EQ(*featureMutualInformation(constant(48, 0.5f), a, FmiFeature::Pixel), 0.0);
  const Image shifted = make(48, 48, [&](int x, int y) { return a.at(std::max(x - 1, 0), y); });
  const double value = *featureMutualInformation(a, shifted, FmiFeature::Pixel);
  EXPECT_GT(value, 0.0);
  EXPECT_LT(value, 1.0);
}

TEST(Fsim, IdenticalAndBrightnessShiftedImagesGiveOne) {
  const Image a = zone(64);
  EXPECT_NEAR(*fsim(a, a), 1.0, 1e-12);
  // Phase congruency ignores a constant offset (the filters have no DC) and so
  // does the gradient, away from the zero-padded border.
  const Image darker = make(64, 64, [&](int x, int y) { return 0.8f * a.at(x, y); });
  const Image brighter = make(64, 64, [&](int x, int y) { return 0.8f * a.at(x, y) + 0.1f; });
  const double shifted = *fsim(darker, brighter);
  EXPECT_LT(shifted, 1.0);
  EXPECT_GT(shifted, 0.99);
  // Neither image has phase congruency: the unweighted mean similarity, 1
  // for identical constants; finite (the borders' zero padding differs) else.
  MetricNotes notes;
  EXPECT_NEAR(*fsim(constant(32, 0.4f), constant(32, 0.4f), &notes), 1.0, 1e-12);
  EXPECT_TRUE(hasNoteContaining(notes, "neither image has phase congruency"));
  const double different = *fsim(constant(32, 0.2f), constant(32, 0.9f));
  EXPECT_GT(different, 0.0);
  EXPECT_LT(different, 1.0);
  EXPECT_LT(*fsim(constant(64, 0.5f), a), 1.0);
}

TEST(CorrelationCoefficient, LinearRelationsAndConstants) {
  const Image a = ramp(32);
  const Image up = make(32, 32, [&](int x, int y) { return 0.5f * a.at(x, y) + 0.2f; });
  const Image down = make(32, 32, [&](int x, int y) { return 1.0f - a.at(x, y); });
  EXPECT_NEAR(*correlationCoefficient(a, up), 1.0, 1e-6);
  EXPECT_NEAR(*correlationCoefficient(a, down), -1.0, 1e-6);
  MetricNotes notes;
  EXPECT_EQ(*correlationCoefficient(a, constant(32, 0.4f), &notes), 0.0);
  EXPECT_TRUE(hasNoteContaining(notes, "constant"));
}

TEST(Scd, TheSumOfTwoSourcesScoresTwo) {
  // F − B = A and F − A = B exactly when F = A + B.
  const Image a = make(32, 32, [](int x, int y) { return static_cast<float>((x * 3 + y) % 64) / 256.0f; });
  const Image b = make(32, 32, [](int x, int y) { return static_cast<float>((x + y * y) % 64) / 256.0f; });
  const Image f = make(32, 32, [&](int x, int y) { return a.at(x, y) + b.at(x, y); });
  const SourcePairValue v = *scd(a, b, f);
  EXPECT_NEAR(v.a, 1.0, 1e-6);
  EXPECT_NEAR(v.b, 1.0, 1e-6);
  EXPECT_NEAR(v.combined, 2.0, 1e-6);
  MetricNotes notes;
  EXPECT_EQ(scd(a, b, b, &notes)->a, 0.0);  // F − B = 0 is constant
  EXPECT_TRUE(hasNoteContaining(notes, "r(F-B, A) is undefined"));
}

TEST(Vif, IdenticalIsOneConstantReferenceIsDefined) {
  const Image a = zone(64);
  EXPECT_NEAR(*vif(a, a), 1.0, 1e-6);
  // A flat distorted image keeps nothing of the reference.
  EXPECT_NEAR(*vif(a, constant(64, 0.5f)), 0.0, 1e-12);
  MetricNotes notes;
  EXPECT_EQ(*vif(constant(64, 0.5f), a, &notes), 0.0);
  EXPECT_TRUE(hasNoteContaining(notes, "no local variance"));
}

TEST(Qabf, PerfectlyPreservedEdgesScoreTheModelMaximum) {
  const Image edge = make(32, 32, [](int x, int) { return x < 16 ? 0.2f : 0.8f; });
  // A zero image has no edges, even at its zero-padded border.
  const Image zero = constant(32, 0.0f);
  const SourcePairValue same = *qabf(edge, edge, edge);
  EXPECT_NEAR(same.a, kQabfPerfect, 1e-12);
  EXPECT_NEAR(same.combined, kQabfPerfect, 1e-12);
  // B has no edges: it has no Qabf of its own and no weight in the fusion's.
  MetricNotes notes;
  const SourcePairValue withZero = *qabf(edge, zero, edge, &notes);
  EXPECT_NEAR(withZero.a, kQabfPerfect, 1e-12);
  EXPECT_EQ(withZero.b, 0.0);
  EXPECT_NEAR(withZero.combined, kQabfPerfect, 1e-12);
  EXPECT_TRUE(hasNoteContaining(notes, "B has no edges"));
  // A fused image without A's edges keeps nothing of them: G = 0 gives
  // Q ≤ Γg/(1 + e^{7.5}) < 1e-3.
  EXPECT_LT(qabf(edge, zero, zero)->a, 1e-3);
}

TEST(Nabf, EdgesThatNoSourceHasAreArtefacts) {
  const Image flat = constant(64, 0.5f);
  const Image edge = make(64, 64, [](int x, int) { return x < 32 ? 0.0f : 1.0f; });
  EXPECT_EQ(nabf(edge, edge, edge)->combined, 0.0);
  // Only the two columns beside the step have gF > gA = gB = 0. There G = 0
  // and the orientation term is 0 (flat: 0; F: a vertical edge, ±π/2), so
  // Q = √(Qg·Qα) with Qg = 0.9999/(1 + e^{9.5}), Qα = 0.9995/(1 + e^{11});
  // every weight is the minimum 0.001, so N = (2·64/(64·64))·(1 − Q).
  const double q = std::sqrt(0.9999 / (1.0 + std::exp(9.5)) * 0.9995 / (1.0 + std::exp(11.0)));
  const SourcePairValue v = *nabf(flat, flat, edge);
  EXPECT_NEAR(v.combined, 2.0 / 64.0 * (1.0 - q), 1e-12);
  EXPECT_NEAR(v.a, 2.0 / 64.0 * (1.0 - q), 1e-12);
  EXPECT_NEAR(v.b, 2.0 / 64.0 * (1.0 - q), 1e-12);
}

// --- no-reference statistics ------------------------------------------------

TEST(Entropy, LevelsCountedOnTheEightBitImage) {
  const Image four = make(64, 64, [](int x, int) { return static_cast<float>(x % 4) / 3.0f; });
  EXPECT_NEAR(*entropy(four), 2.0, 1e-12);
  EXPECT_EQ(*entropy(constant(16, 0.3f)), 0.0);
  // Levels closer than 1/255 fall into one 8-bit bin.
  const Image close = make(16, 16, [](int x, int) { return x % 2 ? 0.5f : 0.5001f; });
  EXPECT_EQ(*entropy(close), 0.0);
}

TEST(EntropyOfDistinctValues, CountsFloatValuesAndExceedsEightBits) {
  const Image close = make(16, 16, [](int x, int) { return x % 2 ? 0.5f : 0.5001f; });
  EXPECT_NEAR(*entropyOfDistinctValues(close), 1.0, 1e-12);
  // 255 levels k/255 (k < 255), each as 256 distinct floats k/255 + j·1e-6:
  // EN = log2 255 on the 8-bit image, but log2 65280 over distinct values.
  const Image all = make(256, 255, [](int x, int y) { return static_cast<float>(y) / 255.0f + x * 1e-6f; });
  EXPECT_NEAR(*entropy(all), std::log2(255.0), 1e-12);
  EXPECT_NEAR(*entropyOfDistinctValues(all), std::log2(65280.0), 1e-9);
  // −0 and +0 are one value.
  Image zeros = constant(4, 0.0f);
  zeros.at(0, 0) = -0.0f;
  EXPECT_EQ(*entropyOfDistinctValues(zeros), 0.0);
}

TEST(StandardDeviation, SpatialFrequencyAndAverageGradient) {
  const Image halves = make(16, 16, [](int x, int) { return x < 8 ? 0.0f : 1.0f; });
  EXPECT_NEAR(*standardDeviation(halves), 0.5, 1e-12);
  EXPECT_EQ(*standardDeviation(constant(8, 0.7f)), 0.0);
  // Alternating columns: every horizontal difference is 1, none vertical:
  // SF = √(H·(W−1)/(H·W)).
  const Image stripes = make(16, 8, [](int x, int) { return x % 2 ? 1.0f : 0.0f; });
  EXPECT_NEAR(*spatialFrequency(stripes), std::sqrt(15.0 / 16.0), 1e-12);
  // A ramp of slope d: every forward difference is (d, 0), AG = d/√2.
  const float d = 1.0f / 64.0f;
  const Image slope = make(32, 16, [d](int x, int) { return x * d; });
  EXPECT_NEAR(*averageGradient(slope), d / std::sqrt(2.0), 1e-7);
  EXPECT_EQ(*averageGradient(constant(8, 0.2f)), 0.0);
}

// --- the report -------------------------------------------------------------

TEST(MetricReport, AgreesWithTheSingleMetricFunctions) {
  const int n = 80;
  const Image a = zone(n), b = ramp(n);
  const Image f = make(n, n, [&](int x, int y) { return 0.6f * a.at(x, y) + 0.4f * b.at(std::max(x - 1, 0), y); });
  const MetricReport r = *computeMetrics(a, b, f, {true});
  auto expectPair = [&](const char* key, double va, double vb, double combined) {
    EXPECT_NEAR(r.sourceA.at(key), va, 1e-12 * std::max(1.0, std::abs(va))) << key;
    EXPECT_NEAR(r.sourceB.at(key), vb, 1e-12 * std::max(1.0, std::abs(vb))) << key;
    EXPECT_NEAR(r.values.at(key), combined, 1e-12 * std::max(1.0, std::abs(combined))) << key;
  };
  auto mean = [](double x, double y) { return 0.5 * (x + y); };
  expectPair("psnr", *psnr(a, f), *psnr(b, f), mean(*psnr(a, f), *psnr(b, f)));
  expectPair("ssim", *ssim(a, f), *ssim(b, f), mean(*ssim(a, f), *ssim(b, f)));
  expectPair("ms_ssim", *msSsim(a, f), *msSsim(b, f), mean(*msSsim(a, f), *msSsim(b, f)));
  expectPair("mi", *mutualInformation(a, f), *mutualInformation(b, f),
             mean(*mutualInformation(a, f), *mutualInformation(b, f)));
  const double na = *normalizedMutualInformation(a, f), nb = *normalizedMutualInformation(b, f);
  expectPair("nmi", na, nb, na + nb);
  const struct {
    const char* key;
    FmiFeature feature;
  } fmis[] = {{"fmi", FmiFeature::Pixel}, {"fmi_gradient", FmiFeature::Gradient}, {"fmi_dct", FmiFeature::Dct}};
  // FMI, VIF and Qabf: the default keys on the 8-bit images, "_float" on
  // the images as given.
  auto eightBit = [](Image x) {
    for (float& v : x.pixels) v = static_cast<float>(std::floor(255.0 * v + 0.5)) / 255.0f;
    return x;
  };
  const Image a8 = eightBit(a), b8 = eightBit(b), f8 = eightBit(f);
  ASSERT_NE(f8.pixels, f.pixels);
  for (const auto& v : fmis) {
    const double fa = *featureMutualInformation(a, f, v.feature), fb = *featureMutualInformation(b, f, v.feature);
    expectPair((std::string(v.key) + "_float").c_str(), fa, fb, mean(fa, fb));
    const double qa = *featureMutualInformation(a8, f8, v.feature), qb = *featureMutualInformation(b8, f8, v.feature);
    expectPair(v.key, qa, qb, mean(qa, qb));
  }
  expectPair("fsim", *fsim(a, f), *fsim(b, f), mean(*fsim(a, f), *fsim(b, f)));
  expectPair("cc", *correlationCoefficient(a, f), *correlationCoefficient(b, f),
             mean(*correlationCoefficient(a, f), *correlationCoefficient(b, f)));
  const SourcePairValue s = *scd(a, b, f);
  expectPair("scd", s.a, s.b, s.combined);
  expectPair("vif_float", *vif(a, f), *vif(b, f), mean(*vif(a, f), *vif(b, f)));
  EXPECT_NEAR(r.values.at("vif_sum_float"), *vif(a, f) + *vif(b, f), 1e-12);
  expectPair("vif", *vif(a8, f8), *vif(b8, f8), mean(*vif(a8, f8), *vif(b8, f8)));
  EXPECT_NEAR(r.values.at("vif_sum"), *vif(a8, f8) + *vif(b8, f8), 1e-12);
  const SourcePairValue q = *qabf(a, b, f);
  expectPair("qabf_float", q.a, q.b, q.combined);
  const SourcePairValue q8 = *qabf(a8, b8, f8);
  expectPair("qabf", q8.a, q8.b, q8.combined);
  const SourcePairValue nv = *nabf(a, b, f);
  expectPair("nabf", nv.a, nv.b, nv.combined);
  EXPECT_DOUBLE_EQ(r.values.at("en"), *entropy(f));
  EXPECT_DOUBLE_EQ(r.values.at("en_distinct"), *entropyOfDistinctValues(f));
  EXPECT_NEAR(r.values.at("sd"), *standardDeviation(f), 1e-15);
  EXPECT_DOUBLE_EQ(r.values.at("sf"), *spatialFrequency(f));
  EXPECT_DOUBLE_EQ(r.values.at("ag"), *averageGradient(f));
}

// The paper's convention: a fused image whose black background is not
// exactly 0 (as a network's float output never is) scores like the 8-bit
// image the user sees in fmi, and loses every background window in
// fmi_float (docs/metrics.md, "8-bit convention").
TEST(MetricReport, EightBitConventionIgnoresAnInvisibleBackgroundOffset) {
  const int n = 64;
  const Image a = make(n, n, [](int x, int y) { return x > 20 && x < 44 && y > 20 && y < 44 ? 0.6f : 0.0f; });
  const Image b = make(n, n, [](int x, int y) { return x > 24 && x < 40 && y > 16 && y < 48 ? 0.8f : 0.0f; });
  Image f = make(n, n, [&](int x, int y) { return 0.5f * (a.at(x, y) + b.at(x, y)); });
  const MetricReport exact = *computeMetrics(a, b, f, {true});
  for (float& v : f.pixels) v += 0.0004f;  // a tenth of one 8-bit level
  const MetricReport offset = *computeMetrics(a, b, f, {true});
  EXPECT_NEAR(offset.values.at("fmi"), exact.values.at("fmi"), 1e-12);
  EXPECT_NEAR(offset.values.at("qabf"), exact.values.at("qabf"), 1e-12);
  EXPECT_LT(offset.values.at("fmi_float"), exact.values.at("fmi_float") - 0.2);
}

TEST(MetricReport, EveryKeyIsCataloguedWithItsDirectionAndConvention) {
  const MetricReport r = *computeMetrics(zone(64), ramp(64), zone(64), {true});
  EXPECT_EQ(r.values.size(), metricCatalogue().size());
  // Without fullPrecision the report has every key but the "_float" ones.
  const MetricReport plain = *computeMetrics(zone(64), ramp(64), zone(64));
  for (const MetricInfo& info : metricCatalogue()) {
    EXPECT_EQ(plain.values.count(info.key), isFullPrecisionKey(info.key) ? 0u : 1u) << info.key;
  }
  for (const MetricInfo& info : metricCatalogue()) {
    EXPECT_EQ(r.values.count(info.key), 1u) << info.key;
    EXPECT_EQ(r.sourceA.count(info.key), info.perSource ? 1u : 0u) << info.key;
    EXPECT_EQ(r.sourceB.count(info.key), info.perSource ? 1u : 0u) << info.key;
    EXPECT_GT(std::string(info.convention).size(), 20u) << info.key;
    EXPECT_EQ(findMetric(info.key), &info);
  }
  EXPECT_FALSE(findMetric("nabf")->higherIsBetter);
  EXPECT_EQ(findMetric("nope"), nullptr);
}

TEST(MetricReport, ConstantImagesGiveFiniteValuesAndNotes) {
  const Image c = constant(64, 0.5f);
  const MetricReport r = *computeMetrics(c, c, c);
  for (const auto& [key, value] : r.values) EXPECT_TRUE(std::isfinite(value)) << key;
  for (const auto& [key, value] : r.sourceA) EXPECT_TRUE(std::isfinite(value)) << key;
  EXPECT_FALSE(r.notes.empty());
  EXPECT_DOUBLE_EQ(r.values.at("psnr"), 100.0);
  EXPECT_EQ(r.values.at("en"), 0.0);
  EXPECT_EQ(r.values.at("fmi"), 1.0);  // every window pair is identical
}
