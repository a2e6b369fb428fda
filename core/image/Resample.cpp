// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/image/Resample.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace edgefuse {
namespace {

bool nearlyEqual(double a, double b, double relative) {
  return std::abs(a - b) <= relative * std::max(std::abs(a), std::abs(b));
}

std::string sizeText(const Image& image) {
  std::string text = std::to_string(image.width) + "x" + std::to_string(image.height);
  if (image.meta.pixelSpacingMm) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, " at %.3g x %.3g mm", (*image.meta.pixelSpacingMm)[1],
                  (*image.meta.pixelSpacingMm)[0]);
    text += buffer;
  }
  return text;
}

double dot3(const double* a, const double* b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

// Bilinear sample at continuous pixel coordinates (pixel centres at integers);
// outside [-0.5, size - 0.5] the background is returned.
float sampleBilinear(const Image& image, double u, double v, int channel, float background) {
  if (u < -0.5 || v < -0.5 || u > image.width - 0.5 || v > image.height - 0.5) return background;
  const double cu = std::clamp(u, 0.0, static_cast<double>(image.width - 1));
  const double cv = std::clamp(v, 0.0, static_cast<double>(image.height - 1));
  const int x0 = static_cast<int>(std::floor(cu));
  const int y0 = static_cast<int>(std::floor(cv));
  const int x1 = std::min(x0 + 1, image.width - 1);
  const int y1 = std::min(y0 + 1, image.height - 1);
  const double fx = cu - x0;
  const double fy = cv - y0;
  const double top = image.at(x0, y0, channel) * (1.0 - fx) + image.at(x1, y0, channel) * fx;
  const double bottom = image.at(x0, y1, channel) * (1.0 - fx) + image.at(x1, y1, channel) * fx;
  return static_cast<float>(top * (1.0 - fy) + bottom * fy);
}

}  // namespace

bool sameGrid(const Image& a, const Image& b) {
  if (a.width != b.width || a.height != b.height) return false;
  if (!a.meta.pixelSpacingMm || !b.meta.pixelSpacingMm) return true;
  const auto& sa = *a.meta.pixelSpacingMm;
  const auto& sb = *b.meta.pixelSpacingMm;
  return nearlyEqual(sa[0], sb[0], 1e-3) && nearlyEqual(sa[1], sb[1], 1e-3);
}

Expected<Image> resampleToGrid(const Image& moving, const Image& reference, std::vector<std::string>& notes) {
  if (moving.empty() || reference.empty()) return fail(ErrorCode::InvalidArgument, "cannot resample an empty image");
  const auto& mo = moving.meta.orientationPatient;
  const auto& ro = reference.meta.orientationPatient;
  const bool bothOriented = mo && ro;
  if (bothOriented) {
    for (int i = 0; i < 6; ++i) {
      if (std::abs((*mo)[i] - (*ro)[i]) > 1e-3) {
        return fail(ErrorCode::SizeMismatch,
                    "the two images have different orientations (ImageOrientationPatient); EdgeFuse does not "
                    "reslice — register the images first");
      }
    }
  }

  // Maps a reference pixel (x, y) to continuous coordinates in `moving`:
  // u = scaleX * x + offsetX, v = scaleY * y + offsetY.
  double scaleX = 1.0, scaleY = 1.0, offsetX = 0.0, offsetY = 0.0;
  const auto& ms = moving.meta.pixelSpacingMm;
  const auto& rs = reference.meta.pixelSpacingMm;
  std::string how;
  if (ms && rs) {
    // PixelSpacing is (row spacing, column spacing): [1] is along x, [0] along y.
    scaleX = (*rs)[1] / (*ms)[1];
    scaleY = (*rs)[0] / (*ms)[0];
    const auto& mp = moving.meta.positionPatientMm;
    const auto& rp = reference.meta.positionPatientMm;
    if (bothOriented && mp && rp) {
      const double delta[3] = {(*rp)[0] - (*mp)[0], (*rp)[1] - (*mp)[1], (*rp)[2] - (*mp)[2]};
      offsetX = dot3(delta, ro->data()) / (*ms)[1];
      offsetY = dot3(delta, ro->data() + 3) / (*ms)[0];
      how = "matched by patient position and pixel spacing";
    } else {
      offsetX = (moving.width - 1) / 2.0 - scaleX * (reference.width - 1) / 2.0;
      offsetY = (moving.height - 1) / 2.0 - scaleY * (reference.height - 1) / 2.0;
      how = "centre on centre with physical pixel spacing (no common patient position)";
    }
  } else {
    scaleX = static_cast<double>(moving.width) / reference.width;
    scaleY = static_cast<double>(moving.height) / reference.height;
    offsetX = 0.5 * scaleX - 0.5;
    offsetY = 0.5 * scaleY - 0.5;
    how = "field of view stretched to A's, because the pixel spacing of " +
          std::string(ms ? "A" : (rs ? "B" : "both images")) + " is unknown";
  }

  const float background = moving.minMax().first;
  Image out(reference.width, reference.height, moving.channels);
  out.meta = moving.meta;
  out.meta.pixelSpacingMm = reference.meta.pixelSpacingMm;
  out.meta.positionPatientMm = reference.meta.positionPatientMm;
  out.meta.orientationPatient = reference.meta.orientationPatient;
  std::size_t outside = 0;
  for (int y = 0; y < out.height; ++y) {
    const double v = scaleY * y + offsetY;
    for (int x = 0; x < out.width; ++x) {
      const double u = scaleX * x + offsetX;
      if (u < -0.5 || v < -0.5 || u > moving.width - 0.5 || v > moving.height - 0.5) ++outside;
      for (int c = 0; c < out.channels; ++c) out.at(x, y, c) = sampleBilinear(moving, u, v, c, background);
    }
  }
  std::string note =
      "B resampled from " + sizeText(moving) + " to A's grid " + sizeText(reference) + " (bilinear; " + how + ")";
  if (outside > 0) {
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "; %.1f %% of the pixels lie outside B and show its minimum",
                  100.0 * static_cast<double>(outside) / static_cast<double>(out.pixelCount()));
    note += buffer;
  }
  notes.push_back(note);
  out.meta.notes.push_back(note);
  return out;
}

}  // namespace edgefuse
