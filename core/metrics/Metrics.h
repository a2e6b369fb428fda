// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string>
#include <vector>

#include "core/base/Error.h"
#include "core/image/Image.h"

namespace edgefuse {

/// Fusion-quality metrics, one function each. Plain C++ (OpenCV stays in the
/// .cpp files). Every function is deterministic, keeps no state and may be
/// called from any thread.
///
/// Inputs are grey (1-channel) images of the same size whose values are in
/// [0,1] (a colour fusion is measured on its Y channel, see lumaOf). Sources
/// are called A and B, the fused image F. Invalid input gives an Error, never
/// a crash or NaN: an empty or colour image, values that are not finite or lie
/// outside [0,1] (InvalidArgument), images of different sizes (SizeMismatch),
/// an image smaller than the metric needs (InvalidArgument). Where a metric is
/// mathematically undefined for valid input (a constant image has no variance,
/// no entropy, no edges), the function returns the value its comment states
/// and appends a sentence saying so to `notes` when that is given.
///
/// "8-bit image" below always means q(x) = floor(255·x + 0.5) (round half up,
/// as MATLAB's im2uint8), computed exactly in double precision.
/// docs/metrics.md lists every formula, convention and reference, and how
/// these numbers relate to those of the EH-DRAN paper and of VIFB/MEFB.

/// Notes about degenerate input, appended by the metric functions.
using MetricNotes = std::vector<std::string>;

/// A metric of a fusion that compares F with each source: the value against
/// A, against B, and the combined value (whose definition each function gives).
struct SourcePairValue {
  double a = 0.0;
  double b = 0.0;
  double combined = 0.0;
};

/// Feature maps compared by FMI.
enum class FmiFeature {
  Pixel,     ///< the intensities themselves (fmi.m's 'none')
  Gradient,  ///< gradient magnitude √(gx² + gy²) of central differences (one-sided at the border)
  Dct,       ///< orthonormal 2-D DCT-II of the whole image (MATLAB's dct2)
};

/// Peak signal-to-noise ratio in dB for data range 1: 10·log10(1 / MSE(X,F)).
/// MSE = 0 (identical images) is floored at 1e-10, so the largest value is
/// 100 dB (noted). Higher is better. Minimum size 1×1.
Expected<double> psnr(const Image& reference, const Image& fused, MetricNotes* notes = nullptr);

/// Mean SSIM (Wang, Bovik, Sheikh & Simoncelli, IEEE TIP 13(4), 2004):
/// SSIM = (2μxμy + C1)(2σxy + C2) / ((μx² + μy² + C1)(σx² + σy² + C2)) with an
/// 11×11 Gaussian window (σ 1.5), C1 = (0.01·L)², C2 = (0.03·L)², L = 1,
/// population (1/N) moments, averaged over the window positions that lie
/// wholly inside the image ("valid"; as ssim_index.m and scikit-image's
/// structural_similarity with gaussian_weights=True, use_sample_covariance=False).
/// No automatic downsampling. Higher is better; 1 for identical images.
/// Minimum size 11×11.
Expected<double> ssim(const Image& x, const Image& y);

/// Multi-scale SSIM (Wang, Simoncelli & Bovik, Asilomar 2003) as msssim.m:
/// 5 scales, weights 0.0448 0.2856 0.3001 0.2363 0.1333, each scale the SSIM
/// window above; between scales a 2×2 mean filter with symmetric borders and
/// every second pixel. MS-SSIM = Π_{j<M} cs_j^{w_j} · ssim_M^{w_M}, cs_j the
/// mean contrast-structure term at scale j, ssim_M the mean SSIM at the
/// coarsest scale. Negative cs/ssim terms are clamped to 0 before the powers
/// (as TensorFlow and pytorch-msssim), so the result is in [0,1]. When the
/// coarsest scale would be smaller than 11 pixels, fewer scales are used and
/// their weights rescaled to sum 1 (noted). Minimum size 11×11.
Expected<double> msSsim(const Image& x, const Image& y, MetricNotes* notes = nullptr);

/// Mutual information in bits of the 8-bit images from their joint 256×256
/// histogram: MI = H(X) + H(Y) − H(X,Y), H = −Σ p log2 p. 0 when either image
/// is constant. Higher is better.
Expected<double> mutualInformation(const Image& x, const Image& y);

/// Normalised MI of one source in Hossny's form (Electronics Letters 44(18),
/// 2008): 2·MI(X,F) / (H(X) + H(F)) in [0,1] (8-bit histograms as MI). Both
/// images constant: undefined, returned as 0 (noted). The fusion value is the
/// sum of the two sources' values (see computeMetrics).
Expected<double> normalizedMutualInformation(const Image& source, const Image& fused, MetricNotes* notes = nullptr);

/// Feature mutual information of one source (Haghighat, Aghagolzadeh &
/// Seyedarabi, Comput. Electr. Eng. 37(5), 2011; fast FMI of Haghighat &
/// Razian, AICT 2014), as the authors' fmi.m with window 3: for each 3×3
/// window wholly inside the image, both windows are min–max normalised and
/// divided by their sum to give two 9-bin pdfs (column-major order); a joint
/// pdf is built from the Fréchet bound chosen by the sign of the pdfs' Pearson
/// correlation c (Nelsen's method); the window's value is 2·MI/(H_source +
/// H_fused), 1 when the two windows are identical, 0 when MI is 0. The result
/// is the mean over windows. Cells of negative joint probability (the Nelsen
/// weight can exceed 1) enter the joint entropy as −p·log2|p|, the real part of
/// MATLAB's complex logarithm in fmi.m. Higher is better; in [0,1] in practice.
/// Minimum size 3×3. The fusion value is the mean of the two sources' values.
Expected<double> featureMutualInformation(const Image& source, const Image& fused, FmiFeature feature);

/// Feature similarity FSIM (Zhang, Zhang, Mou & Zhang, IEEE TIP 20(8), 2011)
/// on 255·x: phase congruency PC from Kovesi's log-Gabor bank (4 scales,
/// smallest wavelength 6, factor 2, σ_f/f 0.55, 6 orientations, angular spread
/// ratio 1.2, noise k = 2, as FeatureSIM.m's phasecong with the orientation
/// count of Kovesi's default), gradient magnitude G from the 3×3 Scharr-type
/// kernels [3 0 −3; 10 0 −10; 3 0 −3]/16 with zero padding,
/// S_PC = (2·PC1·PC2 + 0.85)/(PC1² + PC2² + 0.85), S_G = (2·G1·G2 + 160)/(G1² + G2² + 160),
/// FSIM = Σ S_PC·S_G·PCm / Σ PCm with PCm = max(PC1, PC2). No downsampling.
/// Neither image has any phase congruency: the plain mean of S_PC·S_G (noted).
/// Higher is better; 1 for identical images. Minimum size 8×8.
Expected<double> fsim(const Image& x, const Image& y, MetricNotes* notes = nullptr);

/// Pearson correlation coefficient r(X,F). Either image constant: undefined,
/// returned as 0 (noted). Higher is better.
Expected<double> correlationCoefficient(const Image& x, const Image& y, MetricNotes* notes = nullptr);

/// Sum of the correlations of differences (Aslantas & Bendes, AEÜ 69(12),
/// 2015): a = r(F − B, A), b = r(F − A, B), combined = a + b (the paper's
/// SCD, in [−2, 2]). An undefined correlation (a constant difference or
/// source) counts as 0 (noted). Higher is better.
Expected<SourcePairValue> scd(const Image& a, const Image& b, const Image& fused, MetricNotes* notes = nullptr);

/// Pixel-domain visual information fidelity (Sheikh & Bovik, IEEE TIP 15(2),
/// 2006) as vifp_mscale.m on 255·x: 4 scales with Gaussian windows of
/// N = 17, 9, 5, 3 pixels (σ = N/5), 'valid' filtering, downsampling by 2
/// after filtering, σn² = 2, the reference's local variance thresholds of
/// 1e-10; VIF = Σ log10(1 + g²σR²/(σV² + σn²)) / Σ log10(1 + σR²/σn²) over
/// all scales. The reference (a source) has no local variance anywhere:
/// undefined, returned as 0 (noted). Higher is better; 1 for identical images.
/// Minimum size 41×41.
Expected<double> vif(const Image& reference, const Image& distorted, MetricNotes* notes = nullptr);

/// Edge-information preservation Qabf (Xydeas & Petrović, Electronics
/// Letters 36(4), 2000): Sobel responses sx, sy (zero padding), strength
/// g = √(sx² + sy²), orientation α = atan(sy/sx) (π/2 where sx = 0); relative
/// strength G = min(gX,gF)/max(gX,gF) (1 where both are 0); relative
/// orientation A = 1 − d/(π/2), d the orientation difference modulo π;
/// Q^XF = Γg/(1 + e^{κg(G − σg)}) · Γα/(1 + e^{κα(A − σα)}) with Γg 0.9994,
/// κg −15, σg 0.5, Γα 0.9879, κα −22, σα 0.8; weights w = g^L, L = 1.
/// combined = Σ(Q^AF·wA + Q^BF·wB) / Σ(wA + wB); a = Σ Q^AF·wA / Σ wA, b
/// likewise (so combined is their mean weighted by the sources' total edge
/// strength). A denominator of 0 (no edges) gives 0 (noted). Higher is better.
/// Minimum size 3×3.
Expected<SourcePairValue> qabf(const Image& a, const Image& b, const Image& fused, MetricNotes* notes = nullptr);

/// Modified fusion-artefact measure Nabf of Shreyamsha Kumar (SIViP 7(6),
/// 2013), as his objective_fusion_perform_fn.m on 255·x: Sobel/8 with
/// reflected borders, Q^XF = √(Qg·Qα) with Γg 0.9999, κg 19, σg 0.5,
/// Γα 0.9995, κα 22, σα 0.5 (G = 0 where gX or gF is 0, A from the
/// orientation difference modulo π), weights w = g^1.5 where g ≥ 2 else 0.001;
/// N = Σ AM·((1 − Q^AF)·wA + (1 − Q^BF)·wB) / Σ(wA + wB) with AM = 1 where
/// gF > gA and gF > gB. a = Σ AM·(1 − Q^AF)·wA / Σ wA, b likewise; combined
/// is the paper's N (their mean weighted by Σw). Lower is better; 0 without
/// artefacts. Minimum size 3×3.
Expected<SourcePairValue> nabf(const Image& a, const Image& b, const Image& fused);

/// Shannon entropy in bits of the 8-bit image's 256-bin histogram (0..8).
Expected<double> entropy(const Image& image);

/// Shannon entropy in bits over the distinct float values of the image (as
/// scikit-image's shannon_entropy on a float array): up to log2(W·H), e.g. 16
/// for 256×256. This is the convention behind the EN values above 8 in the
/// EH-DRAN paper; it depends on floating-point rounding and is not comparable
/// with the 8-bit EN.
Expected<double> entropyOfDistinctValues(const Image& image);

/// Standard deviation of the image (population, 1/N), in [0,1] units
/// (multiply by 255 for toolkits that work on 0..255).
Expected<double> standardDeviation(const Image& image);

/// Spatial frequency (Eskicioglu & Fisher, IEEE Trans. Commun. 43(12), 1995):
/// √(RF² + CF²), RF² = Σ (F(i,j) − F(i,j−1))² / (M·N), CF² likewise down the
/// columns, in [0,1] units.
Expected<double> spatialFrequency(const Image& image);

/// Average gradient: 1/((M−1)(N−1)) · Σ √(((F(i+1,j) − F(i,j))² + (F(i,j+1) − F(i,j))²)/2)
/// over i < M−1, j < N−1 (forward differences), in [0,1] units.
Expected<double> averageGradient(const Image& image);

}  // namespace edgefuse
