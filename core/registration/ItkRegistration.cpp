// SPDX-License-Identifier: GPL-3.0-or-later
// The registration library's ITK code: Mattes-MI registration in 2-D and 3-D
// and ITK's resampling (B-spline; linear for comparison in tests). ITK's
// templates stay in this translation unit.

#include <itkAffineTransform.h>
#include <itkBSplineInterpolateImageFunction.h>
#include <itkCommand.h>
#include <itkEuler2DTransform.h>
#include <itkEuler3DTransform.h>
#include <itkImage.h>
#include <itkImageRegistrationMethodv4.h>
#include <itkLinearInterpolateImageFunction.h>
#include <itkMattesMutualInformationImageToImageMetricv4.h>
#include <itkRegistrationParameterScalesFromPhysicalShift.h>
#include <itkRegularStepGradientDescentOptimizerv4.h>
#include <itkResampleImageFilter.h>
#include <itkShrinkImageFilter.h>
#include <itkSmoothingRecursiveGaussianImageFilter.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/registration/Registration.h"
#include "core/registration/detail/ItkBridge.h"

namespace edgefuse {
namespace {

constexpr double kPi = 3.14159265358979323846;

template <unsigned D>
using ItkImage = itk::Image<float, D>;
using Optimizer = itk::RegularStepGradientDescentOptimizerv4<double>;

template <unsigned D>
typename ItkImage<D>::Pointer toItk(const std::vector<float>& values, const VolumeGeometry& g, bool planeFrame) {
  auto image = ItkImage<D>::New();
  typename ItkImage<D>::SizeType size;
  typename ItkImage<D>::SpacingType spacing;
  typename ItkImage<D>::PointType origin;
  typename ItkImage<D>::DirectionType direction;
  direction.SetIdentity();
  for (unsigned a = 0; a < D; ++a) {
    size[a] = static_cast<itk::SizeValueType>(g.size[a]);
    spacing[a] = g.spacing[a];
    origin[a] = planeFrame ? 0.0 : g.origin[a];
    for (unsigned b = 0; b < D && !planeFrame; ++b) direction(a, b) = g.direction[a * 3 + b];
  }
  image->SetRegions(size);
  image->SetSpacing(spacing);
  image->SetOrigin(origin);
  image->SetDirection(direction);
  image->Allocate();
  std::memcpy(image->GetBufferPointer(), values.data(), values.size() * sizeof(float));
  return image;
}

// The frame of a slice's plane: (u, v, w) mm along its row, column and slice
// axes from its first voxel → patient space.
AffineTransform planeFrame(const VolumeGeometry& g) {
  AffineTransform t;
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) t.m[r * 4 + c] = g.direction[r * 3 + c];
    t.m[r * 4 + 3] = g.origin[r];
  }
  return t;
}

// Centre of mass of (value - minimum), in index units.
Vec3 centreOfMassIndex(const std::vector<float>& grey, const VolumeGeometry& g) {
  const float low = *std::min_element(grey.begin(), grey.end());
  double sum = 0, si = 0, sj = 0, sk = 0;
  std::size_t x = 0;
  for (int k = 0; k < g.size[2]; ++k) {
    for (int j = 0; j < g.size[1]; ++j) {
      for (int i = 0; i < g.size[0]; ++i, ++x) {
        const double w = grey[x] - low;
        sum += w;
        si += w * i;
        sj += w * j;
        sk += w * k;
      }
    }
  }
  if (sum <= 0) return {(g.size[0] - 1) / 2.0, (g.size[1] - 1) / 2.0, (g.size[2] - 1) / 2.0};
  return {si / sum, sj / sum, sk / sum};
}

class IterationObserver : public itk::Command {
 public:
  using Self = IterationObserver;
  using Superclass = itk::Command;
  using Pointer = itk::SmartPointer<Self>;
  itkNewMacro(Self) Optimizer* optimizer = nullptr;
  const std::atomic<bool>* cancel = nullptr;
  RegistrationProgress progress;
  int levels = 3;
  int maxIterations = 200;
  int level = -1;
  int total = 0;
  std::vector<int> perLevel;
  bool cancelled = false;

  void Execute(itk::Object* caller, const itk::EventObject& event) override {
    Execute(static_cast<const itk::Object*>(caller), event);
  }
  void Execute(const itk::Object*, const itk::EventObject& event) override {
    if (itk::MultiResolutionIterationEvent().CheckEvent(&event)) {
      ++level;
      perLevel.push_back(0);
      return;
    }
    if (!itk::IterationEvent().CheckEvent(&event)) return;
    ++total;
    if (!perLevel.empty()) ++perLevel.back();
    if (cancel && cancel->load()) {
      cancelled = true;
      optimizer->StopOptimization();
      return;
    }
    // The step is relaxed at every reversal of direction; stop when it is
    // below 1/1000 of its start.
    if (optimizer->GetCurrentLearningRateRelaxation() < 1.0 / 1000.0) optimizer->StopOptimization();
    if (progress && !perLevel.empty()) {
      const double within = std::min(1.0, static_cast<double>(perLevel.back()) / maxIterations);
      progress(std::min(1.0, (std::max(level, 0) + within) / levels));
    }
  }
};

// The image smoothed (σ = factor/2 voxels) and shrunk by `factor`, as the
// registration's coarsest level sees it.
template <unsigned D>
typename ItkImage<D>::Pointer coarse(typename ItkImage<D>::Pointer image, unsigned factor) {
  using Smooth = itk::SmoothingRecursiveGaussianImageFilter<ItkImage<D>, ItkImage<D>>;
  using Shrink = itk::ShrinkImageFilter<ItkImage<D>, ItkImage<D>>;
  auto smooth = Smooth::New();
  smooth->SetInput(image);
  typename Smooth::SigmaArrayType sigma;
  for (unsigned a = 0; a < D; ++a) sigma[a] = image->GetSpacing()[a] * factor / 2.0;
  smooth->SetSigmaArray(sigma);
  auto shrink = Shrink::New();
  shrink->SetInput(smooth->GetOutput());
  shrink->SetShrinkFactors(factor);
  shrink->Update();
  return shrink->GetOutput();
}

// Gradient descent finds the nearest optimum of mutual information, and a
// head turned by more than a few degrees often has a closer, wrong one. So
// the start angle is chosen first: Mattes MI on the coarsest level at every
// 3° within ±30° of the start (each keeping the start's image of the
// centre), then every 1° around the best. Sets `transform`'s angle and
// translation to the best one found.
void searchStartAngle(ItkImage<2>::Pointer fixed, ItkImage<2>::Pointer moving, itk::Euler2DTransform<double>& transform,
                      const RegistrationOptions& options, unsigned factor) {
  using Metric = itk::MattesMutualInformationImageToImageMetricv4<ItkImage<2>, ItkImage<2>>;
  using T = itk::Euler2DTransform<double>;
  auto probe = T::New();
  probe->SetCenter(transform.GetCenter());
  const auto centre = transform.GetCenter();
  const auto target = transform.TransformPoint(centre);
  T::OutputVectorType translation;
  for (unsigned a = 0; a < 2; ++a) translation[a] = target[a] - centre[a];
  probe->SetTranslation(translation);
  auto metric = Metric::New();
  metric->SetNumberOfHistogramBins(static_cast<itk::SizeValueType>(options.histogramBins));
  metric->SetFixedImage(coarse<2>(fixed, factor));
  metric->SetMovingImage(coarse<2>(moving, factor));
  metric->SetMovingTransform(probe);
  metric->Initialize();
  const double start = transform.GetAngle();
  double best = start, bestValue = std::numeric_limits<double>::max();
  auto tryAngle = [&](double angle) {
    probe->SetAngle(angle);
    const double value = metric->GetValue();
    if (value < bestValue) {
      bestValue = value;
      best = angle;
    }
  };
  for (int k = -10; k <= 10; ++k) tryAngle(start + k * 3.0 * kPi / 180.0);
  const double around = best;
  for (int k = -2; k <= 2; ++k) {
    if (k != 0) tryAngle(around + k * kPi / 180.0);
  }
  transform.SetAngle(best);
  transform.SetTranslation(translation);
}

// Runs the ITK registration of dimension D with transform type T, returning
// the final transform's matrix and offset (fixed → moving, in the frames the
// images were given in).
template <unsigned D, typename T>
Expected<std::pair<std::array<double, 9>, Vec3>> runRegistration(
    typename ItkImage<D>::Pointer fixed, typename ItkImage<D>::Pointer moving, typename T::Pointer transform,
    const RegistrationOptions& options, std::size_t voxelsFixed, const RegistrationProgress& progress,
    const std::atomic<bool>* cancel, RegistrationResult& result) {
  using Metric = itk::MattesMutualInformationImageToImageMetricv4<ItkImage<D>, ItkImage<D>>;
  using Method = itk::ImageRegistrationMethodv4<ItkImage<D>, ItkImage<D>, T>;
  using Scales = itk::RegistrationParameterScalesFromPhysicalShift<Metric>;
  auto metric = Metric::New();
  metric->SetNumberOfHistogramBins(static_cast<itk::SizeValueType>(options.histogramBins));
  metric->SetUseMovingImageGradientFilter(false);
  metric->SetUseFixedImageGradientFilter(false);
  auto optimizer = Optimizer::New();
  auto scales = Scales::New();
  scales->SetMetric(metric);
  // The scales and the learning rate are estimated from a regular grid of
  // points of A: the estimator's own choice for a composite transform is a
  // random sample from an unseeded generator, which made results differ from
  // run to run.
  {
    using PointSet = typename Scales::VirtualPointSetType;
    auto points = PointSet::New();
    const auto size = fixed->GetLargestPossibleRegion().GetSize();
    const unsigned perAxis = D == 2 ? 20 : 8;
    itk::IdentifierType id = 0;
    typename ItkImage<D>::IndexType index;
    typename ItkImage<D>::PointType point;
    const unsigned total = D == 2 ? perAxis * perAxis : perAxis * perAxis * perAxis;
    for (unsigned n = 0; n < total; ++n) {
      unsigned rest = n;
      for (unsigned a = 0; a < D; ++a) {
        const unsigned k = rest % perAxis;
        rest /= perAxis;
        index[a] = static_cast<itk::IndexValueType>(std::lround(k * (size[a] - 1.0) / (perAxis - 1.0)));
      }
      fixed->TransformIndexToPhysicalPoint(index, point);
      typename PointSet::PointType p;
      for (unsigned a = 0; a < D; ++a) p[a] = point[a];
      points->SetPoint(id++, p);
    }
    scales->SetVirtualDomainPointSet(points);
  }
  optimizer->SetScalesEstimator(scales);
  // The learning rate is estimated once per level so that the first step
  // moves no voxel by more than one voxel; the step shrinks by 0.7 at every
  // reversal of direction (0.5 stopped short of the optimum on ITK's
  // rotated slice and on AANLIB pairs, docs/registration.md).
  optimizer->SetDoEstimateLearningRateOnce(true);
  optimizer->SetDoEstimateLearningRateAtEachIteration(false);
  optimizer->SetRelaxationFactor(0.7);
  optimizer->SetMinimumStepLength(0.0);
  optimizer->SetGradientMagnitudeTolerance(1e-12);
  optimizer->SetNumberOfIterations(static_cast<itk::SizeValueType>(options.maxIterationsPerLevel));
  optimizer->SetReturnBestParametersAndValue(true);

  auto method = Method::New();
  method->SetFixedImage(fixed);
  method->SetMovingImage(moving);
  method->SetMetric(metric);
  method->SetOptimizer(optimizer);
  method->SetInitialTransform(transform);
  method->InPlaceOn();
  const int levels = std::max(1, options.levels);
  typename Method::ShrinkFactorsArrayType shrink(static_cast<unsigned>(levels));
  typename Method::SmoothingSigmasArrayType sigmas(static_cast<unsigned>(levels));
  typename Method::MetricSamplingPercentageArrayType sampling(static_cast<unsigned>(levels));
  const double samples = options.samplesPerLevel > 0 ? options.samplesPerLevel : 60000.0;
  for (int l = 0; l < levels; ++l) {
    const int factor = 1 << (levels - 1 - l);
    shrink[static_cast<unsigned>(l)] = static_cast<itk::SizeValueType>(factor);
    sigmas[static_cast<unsigned>(l)] = factor > 1 ? factor / 2.0 : 0.0;
    const double atLevel = static_cast<double>(voxelsFixed) / std::pow(static_cast<double>(factor), D);
    sampling[static_cast<unsigned>(l)] = std::clamp(samples / std::max(1.0, atLevel), 0.001, 1.0);
  }
  method->SetNumberOfLevels(static_cast<itk::SizeValueType>(levels));
  method->SetShrinkFactorsPerLevel(shrink);
  method->SetSmoothingSigmasPerLevel(sigmas);
  method->SetSmoothingSigmasAreSpecifiedInPhysicalUnits(false);
  // Slices are small enough to use every voxel (deterministic, and the
  // metric is smooth enough to find the angle to 0.1°); volumes are sampled.
  const bool everyVoxel = D == 2 && options.samplesPerLevel == 0;
  method->SetMetricSamplingStrategy(everyVoxel ? Method::MetricSamplingStrategyEnum::NONE
                                               : Method::MetricSamplingStrategyEnum::RANDOM);
  method->SetMetricSamplingPercentagePerLevel(sampling);
  method->MetricSamplingReinitializeSeed(options.seed);

  auto observer = IterationObserver::New();
  observer->optimizer = optimizer;
  observer->cancel = cancel;
  observer->progress = progress;
  observer->levels = levels;
  observer->maxIterations = options.maxIterationsPerLevel;
  optimizer->AddObserver(itk::IterationEvent(), observer);
  method->AddObserver(itk::MultiResolutionIterationEvent(), observer);
  try {
    method->Update();
  } catch (const itk::ExceptionObject& e) {
    const std::string what = e.GetDescription();
    if (what.find("outside") != std::string::npos || what.find("overlap") != std::string::npos ||
        what.find("No valid points") != std::string::npos) {
      return fail(ErrorCode::SizeMismatch,
                  "registration failed: the volumes do not overlap enough (" + what.substr(0, 200) + ")");
    }
    return fail(ErrorCode::Internal, "registration failed in ITK: " + what.substr(0, 300));
  }
  if (observer->cancelled) return fail(ErrorCode::Cancelled, "registration cancelled");
  result.iterations = observer->total;
  result.iterationsPerLevel = observer->perLevel;
  result.converged = observer->perLevel.empty() || observer->perLevel.back() < options.maxIterationsPerLevel;
  result.metricValue = optimizer->GetValue();
  result.stopReason = optimizer->GetStopConditionDescription();
  std::array<double, 9> matrix{1, 0, 0, 0, 1, 0, 0, 0, 1};
  Vec3 offset{0, 0, 0};
  const auto m = transform->GetMatrix();
  const auto o = transform->GetOffset();
  for (unsigned r = 0; r < D; ++r) {
    for (unsigned c = 0; c < D; ++c) matrix[r * 3 + c] = m(r, c);
    offset[r] = o[r];
  }
  if (progress) progress(1.0);
  return std::make_pair(matrix, offset);
}

AffineTransform fromMatrixOffset(const std::array<double, 9>& matrix, const Vec3& offset) {
  AffineTransform t;
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) t.m[r * 4 + c] = matrix[r * 3 + c];
    t.m[r * 4 + 3] = offset[r];
  }
  return t;
}

std::string startName(RegistrationStart start) {
  switch (start) {
    case RegistrationStart::Geometry:
      return "geometry";
    case RegistrationStart::CentreOfMass:
      return "centres of mass";
    case RegistrationStart::Given:
      return "given";
    case RegistrationStart::Auto:
      break;
  }
  return "auto";
}

template <typename T>
void setMatrixOffset3(T& transform, const AffineTransform& start) {
  typename T::MatrixType matrix;
  typename T::OutputVectorType offset;
  for (unsigned r = 0; r < 3; ++r) {
    for (unsigned c = 0; c < 3; ++c) matrix(r, c) = start.m[r * 4 + c];
    offset[r] = start.m[r * 4 + 3];
  }
  transform.SetMatrix(matrix);
  transform.SetOffset(offset);
}

}  // namespace

Expected<RegistrationResult> registerVolumes(const Volume& fixed, const Volume& moving,
                                             const RegistrationOptions& options, const RegistrationProgress& progress,
                                             const std::atomic<bool>* cancel) {
  const auto begin = std::chrono::steady_clock::now();
  if (fixed.empty() || moving.empty()) return fail(ErrorCode::InvalidArgument, "cannot register an empty volume");
  if (fixed.is2D() != moving.is2D()) {
    return fail(ErrorCode::InvalidArgument,
                "cannot register a single slice to a volume: give two volumes or two slices, or align by "
                "geometry (--align geometry) when they share a frame of reference");
  }
  const int levels = std::max(1, options.levels);
  const int minSide = 8 << (levels - 1);
  for (const Volume* v : {&fixed, &moving}) {
    for (int a = 0; a < (v->is2D() ? 2 : 3); ++a) {
      if (v->geometry.size[a] < minSide / (a == 2 ? 4 : 1)) {
        return fail(ErrorCode::InvalidArgument, "the volume is too small to register with " + std::to_string(levels) +
                                                    " levels (" + describeGeometry(v->geometry) + ")");
      }
    }
  }
  RegistrationResult result;
  RegistrationStart start = options.start;
  if (start == RegistrationStart::Auto) {
    start =
        fixed.geometry.known && moving.geometry.known ? RegistrationStart::Geometry : RegistrationStart::CentreOfMass;
  }
  result.start = startName(start);
  const std::vector<float> fixedGrey = lumaVoxels(fixed), movingGrey = lumaVoxels(moving);
  const auto& fg = fixed.geometry;
  const auto& mg = moving.geometry;
  // Start transform in patient space, and the rotation centre (A's centre of mass).
  const Vec3 comFixedIndex = centreOfMassIndex(fixedGrey, fg);
  const Vec3 comFixed = fg.toPhysical(comFixedIndex[0], comFixedIndex[1], comFixedIndex[2]);
  AffineTransform startTransform;
  if (start == RegistrationStart::Given) {
    startTransform = options.initial;
  } else if (start == RegistrationStart::CentreOfMass) {
    const Vec3 ci = centreOfMassIndex(movingGrey, mg);
    const Vec3 comMoving = mg.toPhysical(ci[0], ci[1], ci[2]);
    startTransform = AffineTransform::rigid(
        {0, 0, 0}, {comMoving[0] - comFixed[0], comMoving[1] - comFixed[1], comMoving[2] - comFixed[2]});
  }
  const bool affine = options.kind == TransformKind::Affine;

  if (fixed.is2D()) {
    result.dimension = 2;
    // Work in the planes of the two slices: (u, v) mm from each first pixel.
    const AffineTransform frameF = planeFrame(fg), frameM = planeFrame(mg);
    const AffineTransform plane = frameM.inverse().compose(startTransform).compose(frameF);
    const Vec3 comPlane = frameF.inverse().apply(comFixed);
    auto fixedItk = toItk<2>(fixedGrey, fg, true);
    auto movingItk = toItk<2>(movingGrey, mg, true);
    std::array<double, 9> matrix{};
    Vec3 offset{};
    // The rigid start (after the angle search); an affine registration
    // starts from it too, unless the start was given as a full matrix.
    using Rigid = itk::Euler2DTransform<double>;
    auto rigid = Rigid::New();
    Rigid::InputPointType c;
    c[0] = comPlane[0];
    c[1] = comPlane[1];
    rigid->SetCenter(c);
    const double angle = std::atan2(plane.m[4] - plane.m[1], plane.m[0] + plane.m[5]);
    rigid->SetAngle(angle);
    const AffineTransform rot = AffineTransform::rigid({0, 0, angle}, {0, 0, 0}, comPlane);
    const Vec3 target = plane.apply(comPlane), rotated = rot.apply(comPlane);
    Rigid::OutputVectorType translation;
    translation[0] = target[0] - rotated[0];
    translation[1] = target[1] - rotated[1];
    rigid->SetTranslation(translation);
    if (start != RegistrationStart::Given) {
      try {
        searchStartAngle(fixedItk, movingItk, *rigid, options, 1u << (levels - 1));
      } catch (const itk::ExceptionObject& e) {
        return fail(ErrorCode::Internal, std::string("registration failed in ITK: ") + e.GetDescription());
      }
    }
    if (affine) {
      using T = itk::AffineTransform<double, 2>;
      auto t = T::New();
      t->SetCenter(c);
      if (start == RegistrationStart::Given) {
        T::MatrixType mm;
        T::OutputVectorType off;
        for (unsigned r = 0; r < 2; ++r) {
          for (unsigned col = 0; col < 2; ++col) mm(r, col) = plane.m[r * 4 + col];
          off[r] = plane.m[r * 4 + 3];
        }
        t->SetMatrix(mm);
        t->SetOffset(off);
      } else {
        t->SetMatrix(rigid->GetMatrix());
        t->SetOffset(rigid->GetOffset());
      }
      auto run = runRegistration<2, T>(fixedItk, movingItk, t, options, fg.voxelCount(), progress, cancel, result);
      if (!run) return tl::unexpected(run.error());
      std::tie(matrix, offset) = *run;
    } else {
      auto run =
          runRegistration<2, Rigid>(fixedItk, movingItk, rigid, options, fg.voxelCount(), progress, cancel, result);
      if (!run) return tl::unexpected(run.error());
      std::tie(matrix, offset) = *run;
    }
    matrix[8] = 1.0;  // w (across the planes) is kept
    const AffineTransform planeResult = fromMatrixOffset(matrix, offset);
    result.fixedToMoving = frameM.compose(planeResult).compose(frameF.inverse());
  } else {
    result.dimension = 3;
    auto fixedItk = toItk<3>(fixedGrey, fg, false);
    auto movingItk = toItk<3>(movingGrey, mg, false);
    std::array<double, 9> matrix{};
    Vec3 offset{};
    if (affine) {
      using T = itk::AffineTransform<double, 3>;
      auto t = T::New();
      T::InputPointType c;
      for (unsigned a = 0; a < 3; ++a) c[a] = comFixed[a];
      t->SetCenter(c);
      setMatrixOffset3(*t, startTransform);
      auto run = runRegistration<3, T>(fixedItk, movingItk, t, options, fg.voxelCount(), progress, cancel, result);
      if (!run) return tl::unexpected(run.error());
      std::tie(matrix, offset) = *run;
    } else {
      using T = itk::Euler3DTransform<double>;
      auto t = T::New();
      t->SetComputeZYX(true);
      T::InputPointType c;
      for (unsigned a = 0; a < 3; ++a) c[a] = comFixed[a];
      t->SetCenter(c);
      const Vec3 angles = startTransform.eulerAngles();
      t->SetRotation(angles[0], angles[1], angles[2]);
      const AffineTransform rot = AffineTransform::rigid(angles, {0, 0, 0}, comFixed);
      const Vec3 target = startTransform.apply(comFixed), rotated = rot.apply(comFixed);
      T::OutputVectorType translation;
      for (unsigned a = 0; a < 3; ++a) translation[a] = target[a] - rotated[a];
      t->SetTranslation(translation);
      auto run = runRegistration<3, T>(fixedItk, movingItk, t, options, fg.voxelCount(), progress, cancel, result);
      if (!run) return tl::unexpected(run.error());
      std::tie(matrix, offset) = *run;
    }
    result.fixedToMoving = fromMatrixOffset(matrix, offset);
  }
  const Vec3 angles = result.fixedToMoving.eulerAngles();
  const Vec3 centre = fg.centre();
  const Vec3 moved = result.fixedToMoving.apply(centre);
  for (int a = 0; a < 3; ++a) {
    result.rotationDeg[a] = angles[a] * 180.0 / kPi;
    result.translationMm[a] = moved[a] - centre[a];
  }
  if (fixed.channels == 3 || moving.channels == 3) result.notes.push_back("colour registered on its brightness (luma)");
  result.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count();
  return result;
}

namespace detail {
namespace {

itk::AffineTransform<double, 3>::Pointer itkAffine(const AffineTransform& t) {
  auto out = itk::AffineTransform<double, 3>::New();
  setMatrixOffset3(*out, t);
  return out;
}

// A one-slice volume as three identical slices (so that 3-D interpolators
// have neighbours across the plane).
Volume thicken(const Volume& v) {
  if (!v.is2D()) return v;
  Volume out = v;
  out.geometry.size[2] = 3;
  const Vec3 axis = v.geometry.axis(2);
  for (int a = 0; a < 3; ++a) out.geometry.origin[a] -= axis[a] * v.geometry.spacing[2];
  out.voxels.clear();
  for (int k = 0; k < 3; ++k) out.voxels.insert(out.voxels.end(), v.voxels.begin(), v.voxels.end());
  return out;
}

template <typename Interpolator>
std::vector<float> itkResample(const Volume& moving, int channel, const VolumeGeometry& fixed,
                               const AffineTransform& fixedToMoving, float outside,
                               typename Interpolator::Pointer interpolator) {
  const Volume thick = thicken(moving);
  std::vector<float> values(thick.geometry.voxelCount());
  for (std::size_t x = 0; x < values.size(); ++x) values[x] = thick.voxels[x * thick.channels + channel];
  auto input = toItk<3>(values, thick.geometry, false);
  using Filter = itk::ResampleImageFilter<ItkImage<3>, ItkImage<3>, double>;
  auto filter = Filter::New();
  filter->SetInput(input);
  filter->SetTransform(itkAffine(fixedToMoving));
  filter->SetInterpolator(interpolator);
  Filter::SizeType size;
  Filter::SpacingType spacing;
  Filter::OriginPointType origin;
  Filter::DirectionType direction;
  for (unsigned a = 0; a < 3; ++a) {
    size[a] = static_cast<itk::SizeValueType>(fixed.size[a]);
    spacing[a] = fixed.spacing[a];
    origin[a] = fixed.origin[a];
    for (unsigned b = 0; b < 3; ++b) direction(a, b) = fixed.direction[a * 3 + b];
  }
  filter->SetSize(size);
  filter->SetOutputSpacing(spacing);
  filter->SetOutputOrigin(origin);
  filter->SetOutputDirection(direction);
  filter->SetDefaultPixelValue(outside);
  filter->Update();
  const float* out = filter->GetOutput()->GetBufferPointer();
  return std::vector<float>(out, out + fixed.voxelCount());
}

}  // namespace

void resampleBSpline(const Volume& moving, int channel, const VolumeGeometry& fixed,
                     const AffineTransform& fixedToMoving, float outside, float* out, int outStride) {
  using Interpolator = itk::BSplineInterpolateImageFunction<ItkImage<3>, double, double>;
  auto interpolator = Interpolator::New();
  interpolator->SetSplineOrder(3);
  const auto values = itkResample<Interpolator>(moving, channel, fixed, fixedToMoving, outside, interpolator);
  for (std::size_t x = 0; x < values.size(); ++x) out[x * static_cast<std::size_t>(outStride)] = values[x];
}

std::vector<float> resampleLinearItk(const Volume& moving, const VolumeGeometry& fixed,
                                     const AffineTransform& fixedToMoving, float outside) {
  using Interpolator = itk::LinearInterpolateImageFunction<ItkImage<3>, double>;
  return itkResample<Interpolator>(moving, 0, fixed, fixedToMoving, outside, Interpolator::New());
}

}  // namespace detail
}  // namespace edgefuse
