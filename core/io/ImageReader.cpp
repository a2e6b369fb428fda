#include "core/io/ImageReader.h"

#include <filesystem>

#include "core/io/RasterIO.h"

namespace edgefuse {

Expected<ImageSeries> readImageSeries(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return fail(ErrorCode::FileNotFound, "file or folder not found", path);
  auto image = readRaster(path);
  if (!image) return tl::unexpected(image.error());
  ImageSeries series;
  series.slices.push_back(std::move(*image));
  return series;
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
