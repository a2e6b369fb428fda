// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/metrics/MetricCatalogue.h"

namespace edgefuse {

const std::vector<MetricInfo>& metricCatalogue() {
  static const std::vector<MetricInfo> catalogue = {
      {"psnr", "PSNR", "dB", true, true,
       "10·log10(1/MSE) for data range 1 against each source; the value is the mean of the two (MSE floored at "
       "1e-10, i.e. at most 100 dB).",
       "standard"},
      {"ssim", "SSIM", "", true, true,
       "Gaussian window 11, sigma 1.5, K1 0.01, K2 0.03, L 1, mean over the valid window positions; the value is the "
       "mean of SSIM(A,F) and SSIM(B,F).",
       "Wang, Bovik, Sheikh & Simoncelli, IEEE TIP 2004"},
      {"ms_ssim", "MS-SSIM", "", true, true,
       "5 scales (weights 0.0448 0.2856 0.3001 0.2363 0.1333), 2x2 mean downsampling as msssim.m, negative terms "
       "clamped to 0; the value is the mean over the two sources.",
       "Wang, Simoncelli & Bovik, Asilomar 2003"},
      {"mi", "MI", "bits", true, true,
       "Joint 256-bin histogram of the 8-bit images, log2; the value is the mean of MI(A,F) and MI(B,F) (toolkits "
       "such as VIFB report the sum, often in nats).",
       "Qu, Zhang & Yan, Electronics Letters 2002"},
      {"nmi", "NMI", "", true, true,
       "Hossny: 2·[MI(A,F)/(H(A)+H(F)) + MI(B,F)/(H(B)+H(F))], 8-bit histograms, in [0,2]; per source "
       "2·MI/(H+H) in [0,1], and the value is their sum.",
       "Hossny, Nahavandi & Creighton, Electronics Letters 2008"},
      {"fmi", "FMI (pixel)", "", true, true,
       "On the 8-bit images (round(255x)/255: what the user sees and exports, the convention of the papers' MATLAB "
       "runs; fmi_float is full precision). Fast FMI on the intensities, 3x3 windows, as the authors' fmi.m "
       "('none'); the value is the mean over the two sources.",
       "Haghighat, Aghagolzadeh & Seyedarabi, CEE 2011; Haghighat & Razian, AICT 2014"},
      {"fmi_float", "FMI (pixel, float)", "", true, true,
       "fmi on the full-precision images: a window scores 1 only when source and fused windows are identical, so the "
       "never exactly black background of a network's output scores 0 here and about 1 in fmi.",
       "Haghighat, Aghagolzadeh & Seyedarabi, CEE 2011"},
      {"fmi_gradient", "FMI (gradient)", "", true, true,
       "On the 8-bit images (as fmi). Fast FMI on the gradient magnitude (central differences), 3x3 windows; the "
       "value is the mean over the two sources.",
       "Haghighat, Aghagolzadeh & Seyedarabi, CEE 2011"},
      {"fmi_gradient_float", "FMI (gradient, float)", "", true, true, "fmi_gradient on the full-precision images.",
       "Haghighat, Aghagolzadeh & Seyedarabi, CEE 2011"},
      {"fmi_dct", "FMI (DCT)", "", true, true,
       "On the 8-bit images (as fmi). Fast FMI on the orthonormal 2-D DCT coefficients, 3x3 windows; the value is "
       "the mean over the two sources.",
       "Haghighat, Aghagolzadeh & Seyedarabi, CEE 2011"},
      {"fmi_dct_float", "FMI (DCT, float)", "", true, true, "fmi_dct on the full-precision images.",
       "Haghighat, Aghagolzadeh & Seyedarabi, CEE 2011"},
      {"fsim", "FSIM", "", true, true,
       "Phase congruency (log-Gabor, 4 scales, 6 orientations) and Scharr gradient on 0..255, T1 0.85, T2 160; the "
       "value is the mean of FSIM(A,F) and FSIM(B,F).",
       "Zhang, Zhang, Mou & Zhang, IEEE TIP 2011"},
      {"cc", "CC", "", true, true, "Pearson correlation r(X,F); the value is the mean of r(A,F) and r(B,F).",
       "standard"},
      {"scd", "SCD", "", true, true,
       "r(F-B, A) + r(F-A, B); per source the one term, and the value is their sum (in [-2,2]).",
       "Aslantas & Bendes, AEU 2015"},
      {"vif", "VIF (mean)", "", true, true,
       "On the 8-bit images (as fmi). Pixel-domain VIF (vifp_mscale, 4 scales, sigma_n^2 2 on 0..255) of F against "
       "each source; the value is the MEAN of VIF(A,F) and VIF(B,F).",
       "Sheikh & Bovik, IEEE TIP 2006"},
      {"vif_float", "VIF (mean, float)", "", true, true, "vif on the full-precision images.",
       "Sheikh & Bovik, IEEE TIP 2006"},
      {"vif_sum", "VIF (sum)", "", true, false,
       "The SUM VIF(A,F) + VIF(B,F) of the same per-source values (8-bit images), as many fusion papers report it.",
       "Sheikh & Bovik, IEEE TIP 2006"},
      {"vif_sum_float", "VIF (sum, float)", "", true, false, "vif_sum on the full-precision images.",
       "Sheikh & Bovik, IEEE TIP 2006"},
      {"qabf", "Qabf", "", true, true,
       "On the 8-bit images (as fmi). Sobel edge strength and orientation, Gamma_g 0.9994, kappa_g -15, sigma_g 0.5, "
       "Gamma_a 0.9879, kappa_a -22, "
       "sigma_a 0.8, L 1; the value is the edge-strength-weighted joint formula (per source: weighted by that "
       "source's edges only).",
       "Xydeas & Petrovic, Electronics Letters 2000"},
      {"qabf_float", "Qabf (float)", "", true, true, "qabf on the full-precision images.",
       "Xydeas & Petrovic, Electronics Letters 2000"},
      {"nabf", "Nabf", "", false, true,
       "Modified artefact measure: edges of F stronger than in both sources, weighted as in Shreyamsha Kumar's code "
       "(0..255, weights g^1.5 above 2); lower is better; the value is the joint formula.",
       "Shreyamsha Kumar, SIViP 2013"},
      {"en", "EN", "bits", true, false, "Entropy of F's 256-bin histogram of the 8-bit image, log2 (0..8).",
       "Shannon; van Aardt, JARS 2008"},
      {"en_distinct", "EN (distinct values)", "bits", true, false,
       "Entropy over the distinct float values of F (up to log2 of the pixel count); the convention behind the "
       "EH-DRAN paper's EN above 8; not comparable with en.",
       "as scikit-image shannon_entropy on a float image"},
      {"sd", "SD", "[0,1] units", true, false,
       "Population standard deviation of F in [0,1] units (x255 for 0..255 toolkits).", "standard"},
      {"sf", "SF", "[0,1] units", true, false,
       "sqrt(RF^2 + CF^2) with squared neighbour differences summed and divided by M·N, [0,1] units.",
       "Eskicioglu & Fisher, IEEE Trans. Commun. 1995"},
      {"ag", "AG", "[0,1] units", true, false,
       "Mean of sqrt((dx^2 + dy^2)/2) of forward differences over (M-1)(N-1) pixels, [0,1] units.",
       "Cui et al., Optics Communications 2015"},
  };
  return catalogue;
}

bool isFullPrecisionKey(std::string_view key) {
  constexpr std::string_view suffix = "_float";
  return key.size() > suffix.size() && key.substr(key.size() - suffix.size()) == suffix;
}

const MetricInfo* findMetric(std::string_view key) {
  for (const MetricInfo& info : metricCatalogue()) {
    if (key == info.key) return &info;
  }
  return nullptr;
}

}  // namespace edgefuse
