// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/pipeline/PairAlignment.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>

#include "core/image/Resample.h"

namespace edgefuse {
namespace {

// Position of a slice along the normal of its orientation, if known.
std::optional<double> slicePosition(const Image& slice) {
  const auto& o = slice.meta.orientationPatient;
  const auto& p = slice.meta.positionPatientMm;
  if (!o || !p) return std::nullopt;
  const double n[3] = {(*o)[1] * (*o)[5] - (*o)[2] * (*o)[4], (*o)[2] * (*o)[3] - (*o)[0] * (*o)[5],
                       (*o)[0] * (*o)[4] - (*o)[1] * (*o)[3]};
  return n[0] * (*p)[0] + n[1] * (*p)[1] + n[2] * (*p)[2];
}

}  // namespace

Expected<AlignedPair> alignToAnatomical(const ImageSeries& a, const ImageSeries& b) {
  if (a.empty() || b.empty()) return fail(ErrorCode::InvalidArgument, "both series need at least one slice");
  const std::size_t na = a.size();
  const std::size_t nb = b.size();
  AlignedPair out;
  out.sourceSlice.resize(na);
  bool byPosition = na != nb;
  std::vector<double> posA(na), posB(nb);
  for (std::size_t i = 0; byPosition && i < na; ++i) {
    const auto p = slicePosition(a.slices[i]);
    byPosition = p.has_value();
    if (p) posA[i] = *p;
  }
  for (std::size_t j = 0; byPosition && j < nb; ++j) {
    const auto p = slicePosition(b.slices[j]);
    byPosition = p.has_value();
    if (p) posB[j] = *p;
  }
  if (na == nb) {
    for (std::size_t i = 0; i < na; ++i) out.sourceSlice[i] = i;
  } else if (byPosition) {
    double worst = 0.0;
    for (std::size_t i = 0; i < na; ++i) {
      double best = std::numeric_limits<double>::max();
      for (std::size_t j = 0; j < nb; ++j) {
        const double d = std::abs(posA[i] - posB[j]);
        if (d < best) {
          best = d;
          out.sourceSlice[i] = j;
        }
      }
      worst = std::max(worst, best);
    }
    char buffer[160];
    std::snprintf(buffer, sizeof buffer,
                  "A has %zu slices and B %zu: each A slice is paired with the nearest B slice by position "
                  "(largest distance %.2f mm)",
                  na, nb, worst);
    out.notes.emplace_back(buffer);
  } else {
    for (std::size_t i = 0; i < na; ++i) {
      const double relative = (static_cast<double>(i) + 0.5) * static_cast<double>(nb) / static_cast<double>(na);
      out.sourceSlice[i] = std::min(nb - 1, static_cast<std::size_t>(std::max(0.0, std::floor(relative))));
    }
    out.notes.push_back("A has " + std::to_string(na) + " slices and B " + std::to_string(nb) +
                        ": slices are paired by their relative place in the stack, because the slice positions "
                        "are unknown");
  }
  out.b.reserve(na);
  for (std::size_t i = 0; i < na; ++i) {
    const Image& ref = a.slices[i];
    const Image& moving = b.slices[out.sourceSlice[i]];
    if (sameGrid(ref, moving)) {
      out.b.push_back(moving);
      continue;
    }
    std::vector<std::string> notes;
    auto resampled = resampleToGrid(moving, ref, notes);
    if (!resampled) return tl::unexpected(resampled.error());
    if (!out.resampled) out.notes.insert(out.notes.end(), notes.begin(), notes.end());
    out.resampled = true;
    out.b.push_back(std::move(*resampled));
  }
  return out;
}

}  // namespace edgefuse
