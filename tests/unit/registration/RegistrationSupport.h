// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Helpers shared by the registration tests and the gate calibration:
// reading AANLIB pairs as volumes and moving an image by a known transform.

#include <cmath>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "core/image/Volume.h"
#include "core/io/ImageReader.h"
#include "core/registration/Resample.h"

namespace edgefuse::test {

constexpr double kDegree = 3.14159265358979323846 / 180.0;

/// A raster file as a one-slice volume (geometry unknown: 1 mm pixels).
inline Volume readSliceVolume(const std::string& path) {
  auto series = readImageSeries(path);
  if (!series) return {};
  auto volume = volumeFromSeries(*series);
  return volume ? *volume : Volume{};
}

/// The file names present in both folders of an AANLIB pair kind, sorted.
inline std::vector<std::string> pairNames(const std::string& folderA, const std::string& folderB) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(folderA)) {
    const std::string name = e.path().filename().string();
    if (std::filesystem::exists(std::filesystem::path(folderB) / name)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

/// `b` moved by a rigid transform and written on another grid with its own
/// frame of reference: the returned volume's voxel at patient point q holds
/// b's value at move(q). `truth` receives the fixed → moved map, move⁻¹.
inline Volume moveOntoGrid(const Volume& b, const AffineTransform& move, const VolumeGeometry& grid,
                           AffineTransform& truth) {
  auto moved = resampleVolume(b, grid, move);
  Volume out = moved ? moved->volume : Volume{};
  out.geometry.frameOfReferenceUid = "1.2.826.0.1.3680043.9.7147.1." + std::to_string(grid.size[0]);
  out.geometry.known = true;
  truth = move.inverse();
  return out;
}

/// Mean and largest distance between two transforms over the points of A
/// whose value is above 10 % of A's range (the head).
inline std::pair<double, double> targetRegistrationError(const Volume& a, const AffineTransform& estimated,
                                                         const AffineTransform& truth) {
  const auto [lo, hi] = std::minmax_element(a.voxels.begin(), a.voxels.end());
  const float threshold = *lo + 0.1f * (*hi - *lo);
  double sum = 0.0, worst = 0.0;
  std::size_t count = 0;
  const auto& g = a.geometry;
  for (int k = 0; k < g.size[2]; ++k) {
    for (int j = 0; j < g.size[1]; j += 2) {
      for (int i = 0; i < g.size[0]; i += 2) {
        float v = 0.0f;
        for (int c = 0; c < a.channels; ++c) v = std::max(v, a.at(i, j, k, c));
        if (v < threshold) continue;
        const Vec3 p = g.toPhysical(i, j, k);
        const Vec3 e = estimated.apply(p), t = truth.apply(p);
        const double d =
            std::sqrt((e[0] - t[0]) * (e[0] - t[0]) + (e[1] - t[1]) * (e[1] - t[1]) + (e[2] - t[2]) * (e[2] - t[2]));
        sum += d;
        worst = std::max(worst, d);
        ++count;
      }
    }
  }
  return {count ? sum / static_cast<double>(count) : 0.0, worst};
}

// A smooth 3-D test volume with structure in every direction.
inline Volume blobVolume(int nx, int ny, int nz, const Vec3& spacing) {
  Volume v;
  v.geometry.size = {nx, ny, nz};
  v.geometry.spacing = spacing;
  v.geometry.origin = {-nx * spacing[0] / 2, -ny * spacing[1] / 2, -nz * spacing[2] / 2};
  v.voxels.resize(v.geometry.voxelCount());
  std::size_t x = 0;
  for (int k = 0; k < nz; ++k) {
    for (int j = 0; j < ny; ++j) {
      for (int i = 0; i < nx; ++i, ++x) {
        const Vec3 p = v.geometry.toPhysical(i, j, k);
        const double r = std::sqrt(p[0] * p[0] / 900 + p[1] * p[1] / 1600 + p[2] * p[2] / 700);
        v.voxels[x] = static_cast<float>(
            (r < 1 ? 100.0 : 0.0) +
            40.0 * std::exp(-((p[0] - 8) * (p[0] - 8) + (p[1] + 10) * (p[1] + 10) + p[2] * p[2]) / 60.0) +
            25.0 * std::sin(p[0] / 7.0) * std::cos(p[1] / 9.0) * (r < 1));
      }
    }
  }
  return v;
}

/// The grid the moved B is written on: 320×320 pixels of 0.8 mm, centred on
/// A's centre with an offset origin.
inline VolumeGeometry otherGrid(const Volume& a) {
  VolumeGeometry g;
  g.size = {320, 320, 1};
  g.spacing = {0.8, 0.8, a.geometry.spacing[2]};
  const Vec3 c = a.geometry.centre();
  g.origin = {c[0] - 0.8 * 159.5 + 3.3, c[1] - 0.8 * 159.5 - 2.7, c[2]};
  return g;
}

}  // namespace edgefuse::test
