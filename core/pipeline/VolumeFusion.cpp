// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/pipeline/VolumeFusion.h"

#include <cmath>
#include <cstdio>

namespace edgefuse {
namespace {

constexpr double kToleranceMm = 0.01;
constexpr double kOrientationTolerance = 1e-3;

std::string number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", v);
  return buffer;
}

}  // namespace

Expected<std::vector<std::string>> checkVolumePair(const ImageSeries& a, const ImageSeries& b) {
  if (a.empty() || b.empty()) return fail(ErrorCode::InvalidArgument, "a volume has no slices");
  if (a.size() != b.size()) {
    return fail(ErrorCode::SizeMismatch, "A has " + std::to_string(a.size()) + " slices, B has " +
                                             std::to_string(b.size()) + ": volumes must have the same slice count");
  }
  std::vector<std::string> notes;
  bool positionsChecked = true;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const Image& sa = a.slices[i];
    const Image& sb = b.slices[i];
    const std::string where = "slice " + std::to_string(i + 1);
    if (sa.width != sb.width || sa.height != sb.height) {
      return fail(ErrorCode::SizeMismatch, where + ": A is " + std::to_string(sa.width) + "x" +
                                               std::to_string(sa.height) + ", B is " + std::to_string(sb.width) + "x" +
                                               std::to_string(sb.height));
    }
    const ImageMeta& ma = sa.meta;
    const ImageMeta& mb = sb.meta;
    if (ma.pixelSpacingMm && mb.pixelSpacingMm) {
      for (int k = 0; k < 2; ++k) {
        if (std::abs((*ma.pixelSpacingMm)[k] - (*mb.pixelSpacingMm)[k]) > kToleranceMm) {
          return fail(ErrorCode::SizeMismatch, where + ": pixel spacing differs (A " + number((*ma.pixelSpacingMm)[k]) +
                                                   " mm, B " + number((*mb.pixelSpacingMm)[k]) + " mm)");
        }
      }
    }
    if (ma.orientationPatient && mb.orientationPatient) {
      for (int k = 0; k < 6; ++k) {
        if (std::abs((*ma.orientationPatient)[k] - (*mb.orientationPatient)[k]) > kOrientationTolerance) {
          return fail(ErrorCode::SizeMismatch, where + ": slice orientation differs");
        }
      }
    }
    if (ma.positionPatientMm && mb.positionPatientMm) {
      double distance = 0.0;
      for (int k = 0; k < 3; ++k) {
        const double d = (*ma.positionPatientMm)[k] - (*mb.positionPatientMm)[k];
        distance += d * d;
      }
      distance = std::sqrt(distance);
      if (distance > kToleranceMm) {
        return fail(ErrorCode::SizeMismatch,
                    where + ": slice positions differ by " + number(distance) + " mm (volumes are not co-registered)");
      }
    } else {
      positionsChecked = false;
    }
  }
  if (!positionsChecked) notes.push_back("slice positions unknown for A or B: co-registration not checked");
  return notes;
}

Expected<std::vector<FusionResult>> fuseVolumes(Engine& engine, const ImageSeries& a, const ImageSeries& b,
                                                const FusionOptions& options, const ProgressCallback& progress,
                                                const std::atomic<bool>* cancel) {
  auto notes = checkVolumePair(a, b);
  if (!notes) return tl::unexpected(notes.error());
  std::vector<std::pair<Image, Image>> pairs;
  pairs.reserve(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) pairs.emplace_back(a.slices[i], b.slices[i]);
  auto results = engine.fuseBatch(pairs, options, progress, cancel);
  if (!results) return results;
  for (std::size_t i = 0; i < results->size(); ++i) {
    auto& r = (*results)[i];
    // Reader notes are the same for every slice of a series: the first's stand for all.
    for (const auto& n : a.slices.front().meta.notes) r.notes.push_back("A: " + n);
    for (const auto& n : b.slices.front().meta.notes) r.notes.push_back("B: " + n);
    for (const auto& n : a.notes) r.notes.push_back("A: " + n);
    for (const auto& n : b.notes) r.notes.push_back("B: " + n);
    for (const auto& n : *notes) r.notes.push_back(n);
  }
  return results;
}

}  // namespace edgefuse
