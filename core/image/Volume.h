// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "core/base/Error.h"
#include "core/image/Image.h"

namespace edgefuse {

/// A 3-D point or vector in patient space: LPS millimetres (DICOM's frame:
/// x to the patient's left, y to the posterior, z to the head).
using Vec3 = std::array<double, 3>;

/// An affine map of patient space, as a row-major 4×4 homogeneous matrix
/// (last row 0 0 0 1). Rigid transforms are the special case whose upper-left
/// 3×3 block is a rotation.
struct AffineTransform {
  std::array<double, 16> m{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};

  static AffineTransform identity() { return {}; }
  /// Rotation about the x, then y, then z axis (radians; R = Rz·Ry·Rx, ITK's
  /// Euler3DTransform order) about `centre`, followed by `translation`.
  static AffineTransform rigid(const Vec3& anglesRad, const Vec3& translation, const Vec3& centre = {0, 0, 0});
  Vec3 apply(const Vec3& p) const;
  /// The linear part applied to a vector (no translation).
  Vec3 applyLinear(const Vec3& v) const;
  /// this ∘ other: first `other`, then this.
  AffineTransform compose(const AffineTransform& other) const;
  /// The inverse map; the identity when the matrix is singular (check
  /// `invertible()` first).
  AffineTransform inverse() const;
  bool invertible() const;
  /// Euler angles (radians) of the rotation part in the order of rigid(), for
  /// a rigid transform (for an affine one: of its nearest rotation).
  Vec3 eulerAngles() const;
  Vec3 translation() const { return {m[3], m[7], m[11]}; }
};

/// Where the voxels of a volume lie in patient space. Voxel (i, j, k) — i
/// along a row, j down the columns, k across slices — has its centre at
/// origin + D · diag(spacing) · (i, j, k), where the columns of D (row-major
/// 3×3 `direction`) are the unit directions of the three axes: the DICOM row
/// and column directions and the slice direction.
struct VolumeGeometry {
  std::array<int, 3> size{0, 0, 0};
  Vec3 spacing{1, 1, 1};
  Vec3 origin{0, 0, 0};
  std::array<double, 9> direction{1, 0, 0, 0, 1, 0, 0, 0, 1};
  /// False when the source said nothing about its geometry (a PNG): 1 mm
  /// pixels and identity direction were assumed.
  bool known = true;
  /// FrameOfReferenceUID (0020,0052); empty when unknown.
  std::string frameOfReferenceUid;

  std::size_t voxelCount() const {
    return static_cast<std::size_t>(size[0]) * static_cast<std::size_t>(size[1]) * static_cast<std::size_t>(size[2]);
  }
  Vec3 axis(int a) const { return {direction[a], direction[3 + a], direction[6 + a]}; }
  /// Centre of voxel (i, j, k) (continuous indices allowed), in mm.
  Vec3 toPhysical(double i, double j, double k) const;
  /// Index → patient space as an affine map (for composing with transforms).
  AffineTransform indexToPhysical() const;
  /// The physical extent: centre of the volume in mm.
  Vec3 centre() const;
  /// True when the two grids are the same within 1e-4 mm (size, spacing,
  /// origin and direction).
  bool sameGridAs(const VolumeGeometry& other) const;
  /// Largest angle (degrees) between the slice axis and the normal of the
  /// row and column axes: non-zero for a gantry-tilted (sheared) grid.
  double shearDegrees() const;
};

/// A volume: voxels in the source's units (after the modality LUT: HU for CT,
/// Bq/ml for PET, …) on a grid in patient space. Grey (1 channel) or RGB
/// (3 channels, interleaved); x fastest, then y, then slices. `meta` is the
/// metadata of the first slice (modality, units, identity, windows). A
/// single 2-D image is a one-slice volume. A value type.
struct Volume {
  VolumeGeometry geometry;
  int channels = 1;
  std::vector<float> voxels;
  ImageMeta meta;
  /// What building the volume did or found (slice gaps, tilt, assumed
  /// geometry, …): never silent.
  std::vector<std::string> notes;
  /// The DICOM instances it was built from (SOP class and instance UIDs, in
  /// slice order; empty for other sources), for references to the series.
  struct Instance {
    std::string sopClassUid;
    std::string sopInstanceUid;
  };
  std::vector<Instance> instances;

  bool empty() const { return voxels.empty(); }
  bool is2D() const { return geometry.size[2] == 1; }
  std::size_t sliceValues() const {
    return static_cast<std::size_t>(geometry.size[0]) * geometry.size[1] * static_cast<std::size_t>(channels);
  }
  float at(int i, int j, int k, int c = 0) const {
    return voxels[((static_cast<std::size_t>(k) * geometry.size[1] + j) * geometry.size[0] + i) * channels + c];
  }
};

/// Builds a volume from a series read from disk. DICOM slices (sorted along
/// the slice normal by the reader) give the grid; the reader's order is
/// checked again here:
/// - irregular spacing or gaps between slices: the slices are interpolated
///   linearly onto a regular grid at the smallest spacing (noted, with the gap);
/// - gantry tilt (slice positions not along the normal): the slice axis is
///   kept oblique, as acquired (noted with the angle);
/// - slices of different size, orientation or channel count are refused
///   (SizeMismatch);
/// - no geometry (raster images): 1 mm pixels (or the known pixel spacing),
///   identity direction, `known` false and a note.
/// Thread-safe.
Expected<Volume> volumeFromSeries(const ImageSeries& series);

/// The grid and notes volumeFromSeries would give, without copying any
/// pixel (for `info` on large series). Thread-safe.
Expected<VolumeGeometry> seriesGeometry(const ImageSeries& series, std::vector<std::string>* notes = nullptr);

/// One grey value per voxel: the voxels of a grey volume, the BT.601 luma
/// (Color.h's Y weights) of a colour one. Thread-safe.
std::vector<float> lumaVoxels(const Volume& volume);

/// Slice k of a volume as a 2-D image with that slice's geometry in its
/// metadata (position, orientation, spacing). Thread-safe.
Image volumeSlice(const Volume& volume, int k);

/// All slices of a volume (volumeSlice for each), with the volume's notes.
ImageSeries volumeToSeries(const Volume& volume);

/// A one-line description of a grid: "256x256x150 voxels, 1x1x1.5 mm,
/// origin (…) mm, direction axial".
std::string describeGeometry(const VolumeGeometry& geometry);

}  // namespace edgefuse
