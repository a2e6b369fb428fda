// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/image/Phantom.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace edgefuse {
namespace {

struct Ellipse {
  double cx, cy, rx, ry, angleDeg;  // in units of the half-size ([-1,1] frame)
  double mri, ct;                   // value set inside (later ellipses overwrite earlier)
};

bool inside(const Ellipse& e, double x, double y) {
  const double a = e.angleDeg * M_PI / 180.0;
  const double dx = x - e.cx, dy = y - e.cy;
  const double u = dx * std::cos(a) + dy * std::sin(a);
  const double v = -dx * std::sin(a) + dy * std::cos(a);
  return (u * u) / (e.rx * e.rx) + (v * v) / (e.ry * e.ry) <= 1.0;
}

// Small deterministic noise (xorshift), so the phantom has texture like a scan.
struct Noise {
  std::uint32_t state = 2463534242u;
  double next() {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return (state / 4294967295.0) - 0.5;
  }
};

}  // namespace

PhantomPair makeHeadPhantom(int size) {
  if (size < 32) size = 32;
  // Tissue values: MRI in 0..255 (T1-like), CT in HU.
  const Ellipse layers[] = {
      {0.0, 0.0, 0.92, 0.96, 0.0, 150.0, 40.0},        // scalp / soft tissue
      {0.0, 0.0, 0.86, 0.91, 0.0, 20.0, 1200.0},       // skull (dark on T1, bright on CT)
      {0.0, 0.01, 0.80, 0.86, 0.0, 45.0, 8.0},         // CSF rim
      {0.0, 0.02, 0.77, 0.83, 0.0, 120.0, 38.0},       // grey matter
      {0.0, 0.03, 0.62, 0.70, 0.0, 175.0, 28.0},       // white matter
      {-0.16, -0.05, 0.09, 0.25, 18.0, 30.0, 5.0},     // left ventricle
      {0.16, -0.05, 0.09, 0.25, -18.0, 30.0, 5.0},     // right ventricle
      {0.0, 0.30, 0.14, 0.10, 0.0, 110.0, 36.0},       // deep grey nuclei
      {0.35, 0.35, 0.08, 0.07, 0.0, 235.0, 45.0},      // lesion: bright on MRI, faint on CT
      {-0.38, 0.40, 0.035, 0.035, 0.0, 110.0, 600.0},  // calcification: CT only
  };
  PhantomPair pair{Image(size, size, 1), Image(size, size, 1)};
  Noise noise;
  const double half = size / 2.0;
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      // Sample the centre of the pixel, 2×2 supersampled for smooth edges.
      double mri = 0.0, ct = 0.0;
      for (int sy = 0; sy < 2; ++sy) {
        for (int sx = 0; sx < 2; ++sx) {
          const double px = ((x + 0.25 + 0.5 * sx) - half) / half;
          const double py = ((y + 0.25 + 0.5 * sy) - half) / half;
          double m = 0.0, c = -1000.0;  // air
          for (const auto& e : layers) {
            if (inside(e, px, py)) {
              m = e.mri;
              c = e.ct;
            }
          }
          mri += m / 4.0;
          ct += c / 4.0;
        }
      }
      const bool tissue = ct > -900.0;
      pair.mri.at(x, y) = static_cast<float>(std::clamp(mri + (tissue ? 6.0 * noise.next() : 0.0), 0.0, 255.0));
      pair.ct.at(x, y) = static_cast<float>(ct + (tissue ? 12.0 * noise.next() : 0.0));
    }
  }
  auto& mm = pair.mri.meta;
  mm.format = "phantom";
  mm.modality = "MR";
  mm.photometric = "MONOCHROME2";
  mm.nominalMin = 0.0;
  mm.nominalMax = 255.0;
  mm.pixelSpacingMm = std::array<double, 2>{240.0 / size, 240.0 / size};
  mm.identity.seriesDescription = "EdgeFuse digital head phantom (T1-like)";
  auto& cm = pair.ct.meta;
  cm.format = "phantom";
  cm.modality = "CT";
  cm.photometric = "MONOCHROME2";
  cm.units = "HU";
  cm.bitsAllocated = 16;
  cm.bitsStored = 12;
  cm.isSigned = true;
  cm.nominalMin = -1024.0;
  cm.nominalMax = 3071.0;
  cm.pixelSpacingMm = mm.pixelSpacingMm;
  cm.windows = {{"brain", 40.0, 80.0}, {"subdural", 75.0, 215.0}, {"bone", 600.0, 2800.0}};
  cm.identity.seriesDescription = "EdgeFuse digital head phantom (CT-like)";
  return pair;
}

}  // namespace edgefuse
