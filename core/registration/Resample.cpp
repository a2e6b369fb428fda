// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/registration/Resample.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <thread>

#include "core/registration/detail/ItkBridge.h"

namespace edgefuse {
namespace {

std::string mib(std::size_t bytes) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.0f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buffer;
}

// Runs body(first, last) over [0, count) on every core.
template <typename Body>
void parallelRanges(std::size_t count, const Body& body) {
  const std::size_t threads =
      std::max<std::size_t>(1, std::min<std::size_t>(std::thread::hardware_concurrency(), count / 8 + 1));
  if (threads == 1) {
    body(0, count);
    return;
  }
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < threads; ++t) {
    const std::size_t first = count * t / threads, last = count * (t + 1) / threads;
    pool.emplace_back([&body, first, last] { body(first, last); });
  }
  for (auto& thread : pool) thread.join();
}

}  // namespace

std::size_t resampleMemoryBytes(const VolumeGeometry& fixed, int channels) {
  return fixed.voxelCount() * (static_cast<std::size_t>(channels) * sizeof(float) + 1);
}

std::size_t defaultResampleLimitBytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long pageSize = sysconf(_SC_PAGE_SIZE);
  const std::size_t physical =
      pages > 0 && pageSize > 0 ? static_cast<std::size_t>(pages) * static_cast<std::size_t>(pageSize) : 0;
  const std::size_t cap = std::size_t{8} << 30;
  return physical > 0 ? std::min(cap, physical / 4) : cap;
}

Expected<ResampledVolume> resampleVolume(const Volume& moving, const VolumeGeometry& fixed,
                                         const AffineTransform& fixedToMoving, Interpolation interpolation,
                                         std::size_t limitBytes) {
  if (moving.empty()) return fail(ErrorCode::InvalidArgument, "cannot resample an empty volume");
  if (fixed.voxelCount() == 0) return fail(ErrorCode::InvalidArgument, "the target grid is empty");
  if (!fixedToMoving.invertible()) return fail(ErrorCode::InvalidArgument, "the transform is not invertible");
  const std::size_t need = resampleMemoryBytes(fixed, moving.channels);
  if (need > limitBytes) {
    return fail(ErrorCode::ImageTooLarge, "resampling into a grid of " + describeGeometry(fixed) + " needs " +
                                              mib(need) + ", more than the limit of " + mib(limitBytes));
  }
  const auto& mg = moving.geometry;
  // Fixed index → moving continuous index.
  const AffineTransform map = mg.indexToPhysical().inverse().compose(fixedToMoving).compose(fixed.indexToPhysical());
  const Vec3 step = map.applyLinear({1, 0, 0});
  const int channels = moving.channels;
  ResampledVolume out;
  out.volume.geometry = fixed;
  out.volume.channels = channels;
  out.volume.meta = moving.meta;
  out.volume.notes = moving.notes;
  out.outsideValue = *std::min_element(moving.voxels.begin(), moving.voxels.end());
  out.volume.voxels.assign(fixed.voxelCount() * static_cast<std::size_t>(channels), out.outsideValue);
  out.mask.assign(fixed.voxelCount(), 0);

  const int nx = fixed.size[0], ny = fixed.size[1];
  const int mx = mg.size[0], my = mg.size[1], mz = mg.size[2];
  const double hi[3] = {mx - 0.5, my - 0.5, mz - 0.5};
  const float* src = moving.voxels.data();
  const std::size_t rowStride = static_cast<std::size_t>(mx) * channels;
  const std::size_t planeStride = rowStride * static_cast<std::size_t>(my);
  float* dst = out.volume.voxels.data();
  std::uint8_t* mask = out.mask.data();
  const bool linear = interpolation == Interpolation::Linear;
  parallelRanges(static_cast<std::size_t>(ny) * fixed.size[2], [&](std::size_t first, std::size_t last) {
    for (std::size_t row = first; row < last; ++row) {
      const int j = static_cast<int>(row % ny);
      const int k = static_cast<int>(row / ny);
      const Vec3 base = map.apply({0.0, static_cast<double>(j), static_cast<double>(k)});
      const std::size_t outRow = row * static_cast<std::size_t>(nx);
      for (int i = 0; i < nx; ++i) {
        const double u = base[0] + step[0] * i, v = base[1] + step[1] * i, w = base[2] + step[2] * i;
        if (u < -0.5 || v < -0.5 || w < -0.5 || u > hi[0] || v > hi[1] || w > hi[2]) continue;
        mask[outRow + i] = 1;
        if (!linear) continue;
        const double cu = std::clamp(u, 0.0, mx - 1.0), cv = std::clamp(v, 0.0, my - 1.0),
                     cw = std::clamp(w, 0.0, mz - 1.0);
        const int x0 = static_cast<int>(cu), y0 = static_cast<int>(cv), z0 = static_cast<int>(cw);
        const int x1 = std::min(x0 + 1, mx - 1), y1 = std::min(y0 + 1, my - 1), z1 = std::min(z0 + 1, mz - 1);
        const double fx = cu - x0, fy = cv - y0, fz = cw - z0;
        const float* p000 = src + z0 * planeStride + y0 * rowStride;
        const float* p010 = src + z0 * planeStride + y1 * rowStride;
        const float* p100 = src + z1 * planeStride + y0 * rowStride;
        const float* p110 = src + z1 * planeStride + y1 * rowStride;
        float* o = dst + (outRow + i) * channels;
        for (int c = 0; c < channels; ++c) {
          const std::size_t a = static_cast<std::size_t>(x0) * channels + c,
                            b = static_cast<std::size_t>(x1) * channels + c;
          const double top0 = p000[a] + (p000[b] - p000[a]) * fx;
          const double bot0 = p010[a] + (p010[b] - p010[a]) * fx;
          const double top1 = p100[a] + (p100[b] - p100[a]) * fx;
          const double bot1 = p110[a] + (p110[b] - p110[a]) * fx;
          const double s0 = top0 + (bot0 - top0) * fy;
          const double s1 = top1 + (bot1 - top1) * fy;
          o[c] = static_cast<float>(s0 + (s1 - s0) * fz);
        }
      }
    }
  });
  if (!linear) {
    for (int c = 0; c < channels; ++c) {
      detail::resampleBSpline(moving, c, fixed, fixedToMoving, out.outsideValue, dst + c, channels);
    }
    // B-spline values outside the coverage mask are background, as for linear.
    for (std::size_t x = 0; x < out.mask.size(); ++x) {
      if (!mask[x]) {
        for (int c = 0; c < channels; ++c) dst[x * channels + c] = out.outsideValue;
      }
    }
  }
  std::size_t covered = 0;
  for (std::uint8_t m : out.mask) covered += m;
  out.coverage = static_cast<double>(covered) / static_cast<double>(out.mask.size());
  if (covered == 0) {
    return fail(ErrorCode::SizeMismatch, "the volumes do not overlap: B covers none of A's voxels");
  }
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "B resampled into A's grid (%s interpolation); it covers %.1f %% of A",
                linear ? "linear" : "cubic B-spline", out.coverage * 100.0);
  out.notes.emplace_back(buffer);
  return out;
}

}  // namespace edgefuse
