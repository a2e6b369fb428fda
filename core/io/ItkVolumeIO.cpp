// SPDX-License-Identifier: GPL-3.0-or-later
// NIfTI, NRRD and MetaImage through ITK; ITK stays in this translation unit.

#include <itkImage.h>
#include <itkImageFileReader.h>
#include <itkImageFileWriter.h>
#include <itkImageIOFactory.h>
#include <itkMetaImageIOFactory.h>
#include <itkNiftiImageIOFactory.h>
#include <itkNrrdImageIOFactory.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "core/base/AtomicFile.h"
#include "core/image/Image.h"
#include "core/io/ImageReader.h"
#include "core/io/VolumeIO.h"

namespace edgefuse {
namespace {

using ItkVolume = itk::Image<float, 3>;

// Limits as for DICOM volumes: at most 2^31 voxels and 8 GiB of floats.
constexpr double kMaxVoxels = 2147483648.0;

void registerImageIo() {
  static std::once_flag once;
  std::call_once(once, [] {
    itk::NiftiImageIOFactory::RegisterOneFactory();
    itk::NrrdImageIOFactory::RegisterOneFactory();
    itk::MetaImageIOFactory::RegisterOneFactory();
  });
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool endsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::string formatName(const std::string& path) {
  const std::string p = lower(path);
  if (endsWith(p, ".nii") || endsWith(p, ".nii.gz")) return "nifti";
  if (endsWith(p, ".nrrd") || endsWith(p, ".nhdr")) return "nrrd";
  return "metaimage";
}

}  // namespace

bool isResearchVolumePath(const std::string& path) {
  const std::string p = lower(path);
  for (const char* tail : {".nii", ".nii.gz", ".nrrd", ".nhdr", ".mha", ".mhd"}) {
    if (endsWith(p, tail)) return true;
  }
  return false;
}

Expected<Volume> readResearchVolume(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return fail(ErrorCode::FileNotFound, "file not found", path);
  registerImageIo();
  auto io = itk::ImageIOFactory::CreateImageIO(path.c_str(), itk::ImageIOFactory::IOFileModeEnum::ReadMode);
  if (!io) return fail(ErrorCode::UnsupportedFormat, "not a readable NIfTI, NRRD or MetaImage file", path);
  try {
    io->SetFileName(path);
    io->ReadImageInformation();
  } catch (const itk::ExceptionObject& e) {
    return fail(ErrorCode::MalformedData, "cannot read the header: " + std::string(e.GetDescription()).substr(0, 200),
                path);
  }
  const unsigned dims = io->GetNumberOfDimensions();
  if (dims > 3) {
    double extra = 1;
    for (unsigned d = 3; d < dims; ++d) extra *= static_cast<double>(io->GetDimensions(d));
    if (extra > 1) {
      return fail(ErrorCode::UnsupportedFormat,
                  "a " + std::to_string(dims) + "-D image (e.g. a time series); only 2-D and 3-D images are read",
                  path);
    }
  }
  if (io->GetNumberOfComponents() != 1) {
    return fail(ErrorCode::UnsupportedFormat,
                "the image has " + std::to_string(io->GetNumberOfComponents()) +
                    " values per voxel; only grey (scalar) volumes are read",
                path);
  }
  double voxels = 1;
  for (unsigned d = 0; d < std::min(dims, 3u); ++d) voxels *= static_cast<double>(io->GetDimensions(d));
  if (voxels > kMaxVoxels) {
    return fail(ErrorCode::ImageTooLarge, "the volume has more than 2^31 voxels", path);
  }
  auto reader = itk::ImageFileReader<ItkVolume>::New();
  reader->SetFileName(path);
  reader->SetImageIO(io);
  try {
    reader->Update();
  } catch (const std::bad_alloc&) {
    return fail(ErrorCode::ImageTooLarge, "not enough memory to read the volume", path);
  } catch (const itk::ExceptionObject& e) {
    return fail(ErrorCode::MalformedData, "cannot read the voxels: " + std::string(e.GetDescription()).substr(0, 200),
                path);
  }
  ItkVolume* image = reader->GetOutput();
  const auto size = image->GetLargestPossibleRegion().GetSize();
  Volume v;
  auto& g = v.geometry;
  for (unsigned a = 0; a < 3; ++a) {
    g.size[a] = static_cast<int>(size[a]);
    g.spacing[a] = image->GetSpacing()[a];
    g.origin[a] = image->GetOrigin()[a];
    for (unsigned b = 0; b < 3; ++b) g.direction[a * 3 + b] = image->GetDirection()(a, b);
    if (!(g.spacing[a] > 0)) return fail(ErrorCode::MalformedData, "the voxel spacing is not positive", path);
  }
  g.known = true;
  const float* buffer = image->GetBufferPointer();
  v.voxels.assign(buffer, buffer + g.voxelCount());
  const auto [lo, hi] = std::minmax_element(v.voxels.begin(), v.voxels.end());
  v.meta.sourcePath = path;
  v.meta.format = formatName(path);
  v.meta.photometric = "MONOCHROME2";
  v.meta.nominalMin = v.voxels.empty() ? 0.0 : *lo;
  v.meta.nominalMax = v.voxels.empty() ? 1.0 : *hi;
  v.meta.bitsAllocated = 32;
  v.meta.bitsStored = 32;
  v.meta.pixelSpacingMm = std::array<double, 2>{g.spacing[1], g.spacing[0]};
  v.notes.push_back(v.meta.format +
                    " file: geometry from the file (LPS); no modality, units or frame of reference are recorded");
  return v;
}

Expected<Volume> readVolume(const std::string& path) {
  if (isResearchVolumePath(path)) return readResearchVolume(path);
  auto series = readImageSeries(path);
  if (!series) return tl::unexpected(series.error());
  return volumeFromSeries(*series);
}

bool isNiftiPath(const std::string& path) {
  const std::string p = lower(path);
  return endsWith(p, ".nii") || endsWith(p, ".nii.gz");
}

Expected<void> writeNifti(const std::string& path, const Volume& volume, const OutputPolicy& policy) {
  if (volume.channels != 1) {
    return fail(ErrorCode::UnsupportedFormat, "NIfTI output is for grey volumes; write colour as DICOM or PNG", path);
  }
  if (!isNiftiPath(path)) {
    return fail(ErrorCode::InvalidArgument, "a NIfTI output name ends in .nii or .nii.gz", path);
  }
  registerImageIo();
  auto image = ItkVolume::New();
  ItkVolume::SizeType size;
  ItkVolume::SpacingType spacing;
  ItkVolume::PointType origin;
  ItkVolume::DirectionType direction;
  const auto& g = volume.geometry;
  for (unsigned a = 0; a < 3; ++a) {
    size[a] = static_cast<itk::SizeValueType>(g.size[a]);
    spacing[a] = g.spacing[a];
    origin[a] = g.origin[a];
    for (unsigned b = 0; b < 3; ++b) direction(a, b) = g.direction[a * 3 + b];
  }
  image->SetRegions(size);
  image->SetSpacing(spacing);
  image->SetOrigin(origin);
  image->SetDirection(direction);
  image->Allocate();
  std::memcpy(image->GetBufferPointer(), volume.voxels.data(), volume.voxels.size() * sizeof(float));
  return writeAtomically(path, policy, [&](const std::string& temporary) -> Expected<void> {
    try {
      auto writer = itk::ImageFileWriter<ItkVolume>::New();
      writer->SetFileName(temporary);
      writer->SetInput(image);
      writer->Update();
    } catch (const itk::ExceptionObject& e) {
      return fail(ErrorCode::WriteFailed,
                  "cannot write the NIfTI file: " + std::string(e.GetDescription()).substr(0, 200), path);
    }
    return {};
  });
}

}  // namespace edgefuse
