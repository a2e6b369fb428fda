// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pipeline/PreparePair.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "core/io/SpatialRegistration.h"
#include "core/registration/TransformFile.h"

namespace edgefuse {
namespace {

double msSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

// Largest displacement (in voxels of A) that `t` gives the corners of A's grid.
double largestCornerShiftVoxels(const VolumeGeometry& g, const AffineTransform& t) {
  double worst = 0.0;
  const double smallest = std::min({g.spacing[0], g.spacing[1], g.spacing[2]});
  for (int corner = 0; corner < 8; ++corner) {
    const Vec3 p = g.toPhysical((corner & 1) ? g.size[0] - 1 : 0, (corner & 2) ? g.size[1] - 1 : 0,
                                (corner & 4) ? g.size[2] - 1 : 0);
    const Vec3 q = t.apply(p);
    worst = std::max(worst, std::sqrt((q[0] - p[0]) * (q[0] - p[0]) + (q[1] - p[1]) * (q[1] - p[1]) +
                                      (q[2] - p[2]) * (q[2] - p[2])) /
                                smallest);
  }
  return worst;
}

std::string transformText(const RegistrationResult& r) {
  char buffer[200];
  std::snprintf(buffer, sizeof buffer, "rotation %.2f, %.2f, %.2f degrees, translation %.2f, %.2f, %.2f mm",
                r.rotationDeg[0], r.rotationDeg[1], r.rotationDeg[2], r.translationMm[0], r.translationMm[1],
                r.translationMm[2]);
  return buffer;
}

// A transform file: a DICOM Spatial Registration object (matched to A's
// and B's frames of reference) or an ITK transform file.
Expected<AffineTransform> transformFromFile(const std::string& path, const VolumeGeometry& ga,
                                            const VolumeGeometry& gb) {
  if (!isSpatialRegistrationFile(path)) return readItkTransform(path);
  auto matrices = readSpatialRegistration(path);
  if (!matrices) return tl::unexpected(matrices.error());
  auto t = fixedToMovingFrom(*matrices, ga.frameOfReferenceUid, gb.frameOfReferenceUid);
  if (!t) return fail(t.error().code, t.error().message, path);
  return t;
}

}  // namespace

AlignMode parseAlignMode(const std::string& text) {
  if (text.empty() || text == "auto") return AlignMode::Auto;
  if (text == "geometry") return AlignMode::Geometry;
  if (text == "register") return AlignMode::Register;
  if (text == "none") return AlignMode::None;
  return AlignMode::File;
}

const char* alignMethodName(AlignMethod method) {
  switch (method) {
    case AlignMethod::SameGrid:
      return "same_grid";
    case AlignMethod::Geometry:
      return "geometry";
    case AlignMethod::Registration:
      return "registration";
    case AlignMethod::UserTransform:
      return "user_transform";
  }
  return "same_grid";
}

Expected<PreparedPair> preparePair(const Volume& a, const Volume& b, const AlignOptions& options,
                                   const PrepareProgress& progress, const std::atomic<bool>* cancel) {
  if (a.empty() || b.empty()) return fail(ErrorCode::InvalidArgument, "both inputs need voxels");
  PreparedPair out;
  const auto& ga = a.geometry;
  const auto& gb = b.geometry;
  AlignMode mode = options.mode;
  const bool sameFrame =
      ga.known && gb.known && !ga.frameOfReferenceUid.empty() && ga.frameOfReferenceUid == gb.frameOfReferenceUid;
  if (mode == AlignMode::Auto) {
    if (sameFrame) {
      mode = AlignMode::Geometry;
      out.notes.push_back("A and B share a frame of reference: B is placed by the scanners' geometry (resampled only)");
    } else {
      mode = AlignMode::Register;
      out.notes.push_back(ga.frameOfReferenceUid.empty() || gb.frameOfReferenceUid.empty()
                              ? "A or B has no frame of reference: B is registered to A"
                              : "A and B have different frames of reference: B is registered to A");
    }
  }
  const auto alignStart = std::chrono::steady_clock::now();
  switch (mode) {
    case AlignMode::None:
      if (!ga.sameGridAs(gb) && !(ga.size == gb.size && (!ga.known || !gb.known))) {
        return fail(ErrorCode::SizeMismatch, "--align none needs B on A's grid: A is " + describeGeometry(ga) +
                                                 ", B is " + describeGeometry(gb));
      }
      out.method = AlignMethod::SameGrid;
      out.notes.push_back("no alignment (--align none): B is used on A's grid as it is");
      break;
    case AlignMode::Geometry:
      if (!ga.known || !gb.known) {
        return fail(ErrorCode::InvalidArgument,
                    std::string("alignment by geometry needs the position of both images, and ") +
                        (!ga.known ? "A" : "B") + " has none (use --align register)");
      }
      out.method = ga.sameGridAs(gb) ? AlignMethod::SameGrid : AlignMethod::Geometry;
      if (!sameFrame && options.mode == AlignMode::Geometry) {
        out.notes.push_back("aligned by geometry although the frames of reference differ or are unknown (as asked)");
      }
      break;
    case AlignMode::File: {
      auto t = transformFromFile(options.transformFile, ga, gb);
      if (!t) return tl::unexpected(t.error());
      out.fixedToMoving = *t;
      out.method = AlignMethod::UserTransform;
      out.notes.push_back("B placed by the transform in " + options.transformFile);
      break;
    }
    case AlignMode::Register: {
      RegistrationOptions ro;
      ro.kind = options.kind;
      ro.maxIterationsPerLevel = options.maxIterationsPerLevel;
      auto reg = registerVolumes(
          a, b, ro,
          [&](double f) {
            if (progress) progress("register", f);
          },
          cancel);
      if (!reg) {
        if (reg.error().code == ErrorCode::Internal) {
          return fail(ErrorCode::AlignmentRefused, "registration failed: " + reg.error().message);
        }
        return tl::unexpected(reg.error());
      }
      if (!reg->converged) {
        return fail(ErrorCode::AlignmentRefused,
                    "registration did not converge: " + std::to_string(reg->iterationsPerLevel.back()) +
                        " iterations at full resolution without settling; check that A and B show the same anatomy, "
                        "or give a transform with --align FILE");
      }
      out.fixedToMoving = reg->fixedToMoving;
      out.method = AlignMethod::Registration;
      char buffer[160];
      std::snprintf(buffer, sizeof buffer, "%s registration (%dD, Mattes MI, started by %s, %d iterations): ",
                    options.kind == TransformKind::Affine ? "affine" : "rigid", reg->dimension, reg->start.c_str(),
                    reg->iterations);
      out.notes.push_back(buffer + transformText(*reg));
      for (const auto& note : reg->notes) out.notes.push_back(note);
      if (ga.size == gb.size && (ga.sameGridAs(gb) || (!ga.known && !gb.known)) &&
          largestCornerShiftVoxels(ga, reg->fixedToMoving) < 0.5) {
        out.method = AlignMethod::SameGrid;
        out.fixedToMoving = AffineTransform::identity();
        out.notes.push_back("registration found B already aligned with A: B's voxels are used as they are");
      }
      out.registration = std::move(*reg);
      break;
    }
    case AlignMode::Auto:
      break;
  }
  out.alignMs = msSince(alignStart);
  if (cancel && cancel->load()) return fail(ErrorCode::Cancelled, "cancelled");
  const auto resampleStart = std::chrono::steady_clock::now();
  if (out.method == AlignMethod::SameGrid && ga.size == gb.size) {
    out.b.volume = b;
    out.b.volume.geometry = ga;
    out.b.mask.assign(ga.voxelCount(), 1);
    out.b.coverage = 1.0;
    out.b.outsideValue = b.voxels.empty() ? 0.0f : *std::min_element(b.voxels.begin(), b.voxels.end());
  } else {
    auto resampled = resampleVolume(b, ga, out.fixedToMoving, options.interpolation, options.memoryLimitBytes);
    if (!resampled) return tl::unexpected(resampled.error());
    out.b = std::move(*resampled);
    for (const auto& note : out.b.notes) out.notes.push_back(note);
  }
  out.resampleMs = msSince(resampleStart);
  if (progress) progress("score", 0.0);
  const auto scoreStart = std::chrono::steady_clock::now();
  out.score = scoreAlignment(a, out.b);
  out.gate = applyGate(out.score, options.gateThreshold);
  out.scoreMs = msSince(scoreStart);
  out.notes.push_back(out.gate.reason);
  return out;
}

Error gateRefusal(const PreparedPair& pair) {
  return Error{ErrorCode::AlignmentRefused,
               "B is not aligned well enough with A for network fusion: " + pair.gate.reason +
                   " (check the alignment, give a transform with --align FILE, or use --force-unaligned)",
               ""};
}

}  // namespace edgefuse
