// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/image/Volume.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace edgefuse {
namespace {

constexpr double kPi = 3.14159265358979323846;

Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}
double dot(const Vec3& a, const Vec3& b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
double norm(const Vec3& a) {
  return std::sqrt(dot(a, a));
}
Vec3 sub(const Vec3& a, const Vec3& b) {
  return {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
}

double det3(const std::array<double, 16>& m) {
  return m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8]) + m[2] * (m[4] * m[9] - m[5] * m[8]);
}

std::string fmt(const char* format, double a, double b = 0, double c = 0, double d = 0) {
  char buffer[256];
  std::snprintf(buffer, sizeof buffer, format, a, b, c, d);
  return buffer;
}

// Name of an axis direction when it is (nearly) a patient axis.
const char* planeName(const VolumeGeometry& g) {
  const Vec3 n = cross(g.axis(0), g.axis(1));
  const double ax = std::abs(n[0]), ay = std::abs(n[1]), az = std::abs(n[2]);
  const double top = std::max({ax, ay, az});
  if (top < 0.999) return "oblique";
  if (az == top) return "axial";
  if (ay == top) return "coronal";
  return "sagittal";
}

}  // namespace

AffineTransform AffineTransform::rigid(const Vec3& a, const Vec3& t, const Vec3& c) {
  const double cx = std::cos(a[0]), sx = std::sin(a[0]);
  const double cy = std::cos(a[1]), sy = std::sin(a[1]);
  const double cz = std::cos(a[2]), sz = std::sin(a[2]);
  const double r[9] = {cy * cz,
                       cz * sx * sy - cx * sz,
                       cx * cz * sy + sx * sz,
                       cy * sz,
                       cx * cz + sx * sy * sz,
                       cx * sy * sz - cz * sx,
                       -sy,
                       cy * sx,
                       cx * cy};
  AffineTransform out;
  for (int row = 0; row < 3; ++row) {
    double offset = c[row] + t[row];
    for (int col = 0; col < 3; ++col) {
      out.m[row * 4 + col] = r[row * 3 + col];
      offset -= r[row * 3 + col] * c[col];
    }
    out.m[row * 4 + 3] = offset;
  }
  return out;
}

Vec3 AffineTransform::apply(const Vec3& p) const {
  return {m[0] * p[0] + m[1] * p[1] + m[2] * p[2] + m[3], m[4] * p[0] + m[5] * p[1] + m[6] * p[2] + m[7],
          m[8] * p[0] + m[9] * p[1] + m[10] * p[2] + m[11]};
}

Vec3 AffineTransform::applyLinear(const Vec3& v) const {
  return {m[0] * v[0] + m[1] * v[1] + m[2] * v[2], m[4] * v[0] + m[5] * v[1] + m[6] * v[2],
          m[8] * v[0] + m[9] * v[1] + m[10] * v[2]};
}

AffineTransform AffineTransform::compose(const AffineTransform& o) const {
  AffineTransform out;
  for (int r = 0; r < 4; ++r) {
    for (int c = 0; c < 4; ++c) {
      double s = 0.0;
      for (int k = 0; k < 4; ++k) s += m[r * 4 + k] * o.m[k * 4 + c];
      out.m[r * 4 + c] = s;
    }
  }
  return out;
}

bool AffineTransform::invertible() const {
  return std::abs(det3(m)) > 1e-12;
}

AffineTransform AffineTransform::inverse() const {
  const double d = det3(m);
  if (std::abs(d) <= 1e-12) return identity();
  AffineTransform out;
  // Inverse of the 3×3 block by cofactors.
  const double a = m[0], b = m[1], c = m[2], e = m[4], f = m[5], g = m[6], h = m[8], i = m[9], k = m[10];
  const double inv[9] = {(f * k - g * i) / d, (c * i - b * k) / d, (b * g - c * f) / d,
                         (g * h - e * k) / d, (a * k - c * h) / d, (c * e - a * g) / d,
                         (e * i - f * h) / d, (b * h - a * i) / d, (a * f - b * e) / d};
  for (int r = 0; r < 3; ++r) {
    double offset = 0.0;
    for (int col = 0; col < 3; ++col) {
      out.m[r * 4 + col] = inv[r * 3 + col];
      offset -= inv[r * 3 + col] * m[col * 4 + 3];
    }
    out.m[r * 4 + 3] = offset;
  }
  return out;
}

Vec3 AffineTransform::eulerAngles() const {
  const double r20 = std::clamp(m[8], -1.0, 1.0);
  return {std::atan2(m[9], m[10]), -std::asin(r20), std::atan2(m[4], m[0])};
}

Vec3 VolumeGeometry::toPhysical(double i, double j, double k) const {
  const double si = i * spacing[0], sj = j * spacing[1], sk = k * spacing[2];
  return {origin[0] + direction[0] * si + direction[1] * sj + direction[2] * sk,
          origin[1] + direction[3] * si + direction[4] * sj + direction[5] * sk,
          origin[2] + direction[6] * si + direction[7] * sj + direction[8] * sk};
}

AffineTransform VolumeGeometry::indexToPhysical() const {
  AffineTransform t;
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) t.m[r * 4 + c] = direction[r * 3 + c] * spacing[c];
    t.m[r * 4 + 3] = origin[r];
  }
  return t;
}

Vec3 VolumeGeometry::centre() const {
  return toPhysical((size[0] - 1) / 2.0, (size[1] - 1) / 2.0, (size[2] - 1) / 2.0);
}

bool VolumeGeometry::sameGridAs(const VolumeGeometry& o) const {
  if (size != o.size) return false;
  for (int a = 0; a < 3; ++a) {
    if (std::abs(spacing[a] - o.spacing[a]) > 1e-4 || std::abs(origin[a] - o.origin[a]) > 1e-4) return false;
  }
  for (int a = 0; a < 9; ++a) {
    if (std::abs(direction[a] - o.direction[a]) > 1e-6) return false;
  }
  return true;
}

double VolumeGeometry::shearDegrees() const {
  const Vec3 n = cross(axis(0), axis(1));
  const double nn = norm(n);
  if (nn <= 0) return 0.0;
  const double c = std::clamp(std::abs(dot(n, axis(2))) / (nn * norm(axis(2))), 0.0, 1.0);
  return std::acos(c) * 180.0 / kPi;
}

std::string describeGeometry(const VolumeGeometry& g) {
  std::string text = std::to_string(g.size[0]) + "x" + std::to_string(g.size[1]) + "x" + std::to_string(g.size[2]) +
                     " voxels, " + fmt("%.4g x %.4g x %.4g mm", g.spacing[0], g.spacing[1], g.spacing[2]) +
                     fmt(", origin (%.2f, %.2f, %.2f) mm LPS", g.origin[0], g.origin[1], g.origin[2]) + ", " +
                     planeName(g);
  if (!g.known) text += " (geometry unknown: assumed)";
  return text;
}

namespace {

// Where the slices of a series go in a volume: its grid, what was found on
// the way (notes), the slices in order along the slice axis with their
// positions along the normal, and whether the slices must be interpolated
// onto the grid (irregular spacing). Pixels are not touched.
struct SeriesLayout {
  VolumeGeometry geometry;
  std::vector<std::string> notes;
  std::vector<const Image*> sorted;
  std::vector<double> pos;
  double scale = 1.0;  ///< distance along the slice axis per unit along the normal (1 / cos tilt)
  bool regrid = false;
};

Expected<SeriesLayout> layoutOf(const ImageSeries& series) {
  if (series.empty()) return fail(ErrorCode::InvalidArgument, "the series holds no slice");
  const Image& first = series.slices.front();
  const std::size_t n = series.size();
  for (std::size_t k = 1; k < n; ++k) {
    const Image& s = series.slices[k];
    if (s.width != first.width || s.height != first.height || s.channels != first.channels) {
      return fail(ErrorCode::SizeMismatch, "the slices of the series differ in size or colour",
                  "slice " + std::to_string(k + 1));
    }
  }
  SeriesLayout v;
  v.notes = series.notes;
  VolumeGeometry& g = v.geometry;
  g.size = {first.width, first.height, 1};
  g.frameOfReferenceUid = first.meta.identity.frameOfReferenceUid;
  if (first.meta.pixelSpacingMm) {
    const auto& ps = *first.meta.pixelSpacingMm;
    if (!(ps[0] > 0) || !(ps[1] > 0) || !std::isfinite(ps[0]) || !std::isfinite(ps[1])) {
      return fail(ErrorCode::MalformedData, "the pixel spacing is not a positive number", first.meta.sourcePath);
    }
    g.spacing = {ps[1], ps[0], 1.0};
  }
  const bool oriented = first.meta.orientationPatient && first.meta.positionPatientMm;
  std::vector<const Image*> slices;
  for (const Image& s : series.slices) slices.push_back(&s);

  if (!oriented) {
    g.known = false;
    if (first.meta.pixelSpacingMm) {
      v.notes.push_back(
          "no position or orientation in the source: identity orientation and origin 0 assumed "
          "(geometry unknown)");
    } else {
      v.notes.push_back(
          "no geometry in the source: 1 mm pixels, identity orientation and origin 0 assumed "
          "(geometry unknown)");
    }
    if (first.meta.sliceSpacingMm && *first.meta.sliceSpacingMm > 0) {
      g.spacing[2] = *first.meta.sliceSpacingMm;
    } else if (first.meta.sliceThicknessMm && *first.meta.sliceThicknessMm > 0) {
      g.spacing[2] = *first.meta.sliceThicknessMm;
    }
    g.size[2] = static_cast<int>(n);
    v.sorted = std::move(slices);
    return v;
  }

  const auto& o = *first.meta.orientationPatient;
  Vec3 row{o[0], o[1], o[2]}, col{o[3], o[4], o[5]};
  const double rn = norm(row), cn = norm(col);
  if (rn < 1e-6 || cn < 1e-6) return fail(ErrorCode::MalformedData, "ImageOrientationPatient has a zero vector");
  for (int a = 0; a < 3; ++a) {
    row[a] /= rn;
    col[a] /= cn;
  }
  Vec3 normal = cross(row, col);
  const double nn = norm(normal);
  if (nn < 1e-6) return fail(ErrorCode::MalformedData, "ImageOrientationPatient has parallel row and column");
  for (double& x : normal) x /= nn;
  for (std::size_t k = 1; k < n; ++k) {
    const auto& ok = slices[k]->meta.orientationPatient;
    if (!ok || !slices[k]->meta.positionPatientMm) {
      return fail(ErrorCode::MalformedData, "some slices of the series have no position or orientation",
                  slices[k]->meta.sourcePath);
    }
    for (int a = 0; a < 6; ++a) {
      if (std::abs((*ok)[a] - o[a]) > 1e-3) {
        return fail(ErrorCode::SizeMismatch, "the slices of the series have different orientations",
                    slices[k]->meta.sourcePath);
      }
    }
  }
  auto position = [](const Image* s) {
    const auto& p = *s->meta.positionPatientMm;
    return Vec3{p[0], p[1], p[2]};
  };
  // Order along the normal (the reader sorts; this is the check).
  std::vector<double> along(n);
  for (std::size_t k = 0; k < n; ++k) along[k] = dot(position(slices[k]), normal);
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return along[x] < along[y]; });
  if (!std::is_sorted(along.begin(), along.end())) {
    v.notes.push_back("slices re-sorted by position along the slice normal");
  }
  std::vector<const Image*>& sorted = v.sorted;
  std::vector<double>& pos = v.pos;
  for (std::size_t k : order) {
    if (!pos.empty() && std::abs(along[k] - pos.back()) < 1e-3) {
      return fail(ErrorCode::MalformedData, "two slices of the series have the same position",
                  slices[k]->meta.sourcePath);
    }
    sorted.push_back(slices[k]);
    pos.push_back(along[k]);
  }
  g.origin = position(sorted.front());
  Vec3 sliceAxis = normal;
  g.size[2] = static_cast<int>(n);
  if (n == 1) {
    const auto& m = first.meta;
    if (m.sliceSpacingMm && *m.sliceSpacingMm > 0) {
      g.spacing[2] = *m.sliceSpacingMm;
    } else if (m.sliceThicknessMm && *m.sliceThicknessMm > 0) {
      g.spacing[2] = *m.sliceThicknessMm;
    }
  } else {
    // Gantry tilt: the step from slice to slice is not along the normal.
    const Vec3 span = sub(position(sorted.back()), position(sorted.front()));
    const double spanLength = norm(span);
    const double cosTilt = std::clamp(dot(span, normal) / spanLength, -1.0, 1.0);
    const double tiltDeg = std::acos(cosTilt) * 180.0 / kPi;
    if (tiltDeg > 0.05) {
      for (int a = 0; a < 3; ++a) sliceAxis[a] = span[a] / spanLength;
      v.notes.push_back(fmt("gantry tilt of %.2f degrees: the slice axis is kept oblique, as acquired", tiltDeg));
    }
    // Spacing along the slice axis (positions measured along it).
    v.scale = 1.0 / std::abs(dot(sliceAxis, normal));
    const double scale = v.scale;
    std::vector<double> steps;
    for (std::size_t k = 1; k < n; ++k) steps.push_back((pos[k] - pos[k - 1]) * scale);
    const double smallest = *std::min_element(steps.begin(), steps.end());
    const double largest = *std::max_element(steps.begin(), steps.end());
    g.spacing[2] = smallest;
    if (largest - smallest > 0.01 * smallest + 1e-3) {
      // Irregular spacing or gaps: interpolate onto a regular grid.
      std::vector<double> sorted_steps = steps;
      std::nth_element(sorted_steps.begin(), sorted_steps.begin() + sorted_steps.size() / 2, sorted_steps.end());
      const double median = sorted_steps[sorted_steps.size() / 2];
      for (std::size_t k = 0; k < steps.size(); ++k) {
        if (steps[k] > 1.5 * median) {
          v.notes.push_back(fmt("gap of %.2f mm between slices %.0f and %.0f (usual spacing %.2f mm)", steps[k],
                                static_cast<double>(k + 1), static_cast<double>(k + 2), median));
        }
      }
      const double total = (pos.back() - pos.front()) * scale;
      const int count = static_cast<int>(std::floor(total / smallest + 1e-6)) + 1;
      v.notes.push_back(
          fmt("irregular slice spacing (%.3g to %.3g mm): %.0f slices interpolated linearly onto a "
              "regular grid of %.3g mm",
              smallest, largest, static_cast<double>(count), smallest));
      g.size[2] = count;
      v.regrid = true;
    }
  }
  g.direction = {row[0], col[0], sliceAxis[0], row[1], col[1], sliceAxis[1], row[2], col[2], sliceAxis[2]};
  return v;
}

}  // namespace

Expected<VolumeGeometry> seriesGeometry(const ImageSeries& series, std::vector<std::string>* notes) {
  auto layout = layoutOf(series);
  if (!layout) return tl::unexpected(layout.error());
  if (notes) *notes = std::move(layout->notes);
  return layout->geometry;
}

Expected<Volume> volumeFromSeries(const ImageSeries& series) {
  auto layout = layoutOf(series);
  if (!layout) return tl::unexpected(layout.error());
  const Image& first = series.slices.front();
  Volume v;
  v.meta = first.meta;
  for (const auto& slice : series.slices) {
    const auto& id = slice.meta.identity;
    if (id.sopInstanceUid.empty()) continue;
    const bool seen = std::any_of(v.instances.begin(), v.instances.end(),
                                  [&](const Volume::Instance& i) { return i.sopInstanceUid == id.sopInstanceUid; });
    if (!seen) v.instances.push_back({id.sopClassUid, id.sopInstanceUid});
  }
  v.channels = first.channels;
  v.notes = std::move(layout->notes);
  v.geometry = layout->geometry;
  const std::size_t plane = first.pixels.size();
  const auto& sorted = layout->sorted;
  if (!layout->regrid) {
    v.voxels.reserve(plane * sorted.size());
    for (const Image* s : sorted) v.voxels.insert(v.voxels.end(), s->pixels.begin(), s->pixels.end());
    return v;
  }
  // Irregular spacing or gaps: interpolate linearly between the neighbouring
  // slices onto the regular grid.
  const auto& pos = layout->pos;
  const int count = v.geometry.size[2];
  v.voxels.resize(plane * static_cast<std::size_t>(count));
  std::size_t lower = 0;
  for (int k = 0; k < count; ++k) {
    const double t = pos.front() + k * v.geometry.spacing[2] / layout->scale;
    while (lower + 2 < pos.size() && pos[lower + 1] <= t) ++lower;
    const double w = std::clamp((t - pos[lower]) / (pos[lower + 1] - pos[lower]), 0.0, 1.0);
    const auto& p0 = sorted[lower]->pixels;
    const auto& p1 = sorted[lower + 1]->pixels;
    float* out = v.voxels.data() + plane * static_cast<std::size_t>(k);
    for (std::size_t x = 0; x < plane; ++x) out[x] = static_cast<float>(p0[x] * (1.0 - w) + p1[x] * w);
  }
  return v;
}

std::vector<float> lumaVoxels(const Volume& v) {
  if (v.channels == 1) return v.voxels;
  const std::size_t n = v.geometry.voxelCount();
  std::vector<float> grey(n);
  for (std::size_t x = 0; x < n; ++x) {
    const float* p = v.voxels.data() + x * v.channels;
    grey[x] = 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2];
  }
  return grey;
}

Image volumeSlice(const Volume& v, int k) {
  const auto& g = v.geometry;
  Image out;
  out.width = g.size[0];
  out.height = g.size[1];
  out.channels = v.channels;
  const std::size_t plane = v.sliceValues();
  out.pixels.assign(v.voxels.begin() + static_cast<std::ptrdiff_t>(plane * k),
                    v.voxels.begin() + static_cast<std::ptrdiff_t>(plane * (k + 1)));
  out.meta = v.meta;
  out.meta.pixelSpacingMm = std::array<double, 2>{g.spacing[1], g.spacing[0]};
  if (g.known) {
    const Vec3 p = g.toPhysical(0, 0, k);
    out.meta.positionPatientMm = std::array<double, 3>{p[0], p[1], p[2]};
    out.meta.orientationPatient = std::array<double, 6>{g.direction[0], g.direction[3], g.direction[6],
                                                        g.direction[1], g.direction[4], g.direction[7]};
    if (g.size[2] > 1) out.meta.sliceSpacingMm = g.spacing[2];
    out.meta.identity.frameOfReferenceUid = g.frameOfReferenceUid;
  } else {
    out.meta.positionPatientMm.reset();
    out.meta.orientationPatient.reset();
  }
  out.meta.identity.instanceNumber = k + 1;
  return out;
}

ImageSeries volumeToSeries(const Volume& v) {
  ImageSeries s;
  s.notes = v.notes;
  for (int k = 0; k < v.geometry.size[2]; ++k) s.slices.push_back(volumeSlice(v, k));
  return s;
}

}  // namespace edgefuse
