// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/io/ImageReader.h"

#include <filesystem>
#include <fstream>

#include "core/base/AtomicFile.h"
#include "core/io/DicomReader.h"
#include "core/io/RasterIO.h"
#include "core/io/VolumeIO.h"

namespace edgefuse {
namespace {

bool hasRasterMagic(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  unsigned char h[8] = {};
  in.read(reinterpret_cast<char*>(h), sizeof h);
  if (in.gcount() < 4) return false;
  const bool png = h[0] == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G';
  const bool jpeg = h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF;
  const bool tiff = (h[0] == 'I' && h[1] == 'I' && h[2] == 42 && h[3] == 0) ||
                    (h[0] == 'M' && h[1] == 'M' && h[2] == 0 && h[3] == 42);
  const bool bmp = h[0] == 'B' && h[1] == 'M';
  return png || jpeg || tiff || bmp;
}

bool hasDicmMagic(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char header[132] = {};
  in.read(header, sizeof header);
  return in.gcount() == 132 && std::string(header + 128, 4) == "DICM";
}

}  // namespace

InputKind detectInputKind(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    return fs::is_regular_file(fs::path(path) / "DICOMDIR", ec) ? InputKind::DicomDir : InputKind::Folder;
  }
  if (!fs::is_regular_file(path, ec)) return InputKind::Unknown;
  // DICOM first: a DICOM preamble may itself be a TIFF header (dual-format files).
  if (fs::path(path).filename().string() == "DICOMDIR") return InputKind::DicomDir;
  if (isResearchVolumePath(path)) return InputKind::Volume;
  if (hasDicmMagic(path)) return InputKind::Dicom;
  if (hasRasterMagic(path)) return InputKind::Raster;
  if (looksLikeDicom(path)) return InputKind::Dicom;
  return InputKind::Unknown;
}

Expected<ImageSeries> readImageSeries(const std::string& path) {
  if (auto reachable = checkInputPath(path); !reachable) return tl::unexpected(reachable.error());
  std::error_code ec;
  // An empty file is a damaged one (a copy that never finished), whatever its name says.
  if (std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) == 0 && !ec) {
    return fail(ErrorCode::MalformedData, "the file is empty (0 bytes): damaged, or not copied completely", path);
  }
  switch (detectInputKind(path)) {
    case InputKind::Raster: {
      auto image = readRaster(path);
      if (!image) return tl::unexpected(image.error());
      ImageSeries series;
      series.slices.push_back(std::move(*image));
      return series;
    }
    case InputKind::Dicom:
    case InputKind::DicomDir:
    case InputKind::Folder:
      return readDicom(path);
    case InputKind::Volume: {
      auto volume = readResearchVolume(path);
      if (!volume) return tl::unexpected(volume.error());
      return volumeToSeries(*volume);
    }
    case InputKind::Unknown:
      break;
  }
  if (hasRasterExtension(path)) {
    // A raster name without raster content: let the decoder say what is wrong.
    auto image = readRaster(path);
    if (!image) return tl::unexpected(image.error());
    ImageSeries series;
    series.slices.push_back(std::move(*image));
    return series;
  }
  return fail(ErrorCode::UnsupportedFormat,
              "not a recognised image (PNG, JPEG, TIFF, BMP, DICOM, NIfTI, NRRD or MetaImage)", path);
}

Expected<Image> readImage(const std::string& path) {
  auto series = readImageSeries(path);
  if (!series) return tl::unexpected(series.error());
  Image first = std::move(series->slices.front());
  if (series->size() > 1) {
    first.meta.notes.push_back("input has " + std::to_string(series->size()) + " slices: the first was used");
  }
  for (const auto& note : series->notes) first.meta.notes.push_back(note);
  return first;
}

}  // namespace edgefuse
