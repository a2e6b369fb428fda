#include "core/io/RasterIO.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace edgefuse {
namespace {

std::string lowerExtension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

std::string formatOf(const std::string& ext) {
  if (ext == ".png") return "png";
  if (ext == ".jpg" || ext == ".jpeg") return "jpeg";
  if (ext == ".tif" || ext == ".tiff") return "tiff";
  if (ext == ".bmp") return "bmp";
  return "raster";
}

// Largest raster EdgeFuse opens (refused before decoding the pixels).
constexpr double kMaxRasterPixels = 16384.0 * 16384.0;

}  // namespace

bool hasRasterExtension(const std::string& path) {
  const std::string ext = lowerExtension(path);
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".tif" || ext == ".tiff" || ext == ".bmp";
}

Expected<Image> readRaster(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return fail(ErrorCode::FileNotFound, "file not found", path);
  if (!std::filesystem::is_regular_file(path, ec)) return fail(ErrorCode::ReadFailed, "not a regular file", path);
  cv::Mat mat;
  try {
    // IMREAD_UNCHANGED keeps 16-bit depth and the alpha channel; palette
    // PNGs are expanded to BGR by the decoder.
    mat = cv::imread(path, cv::IMREAD_UNCHANGED);
  } catch (const cv::Exception& e) {
    return fail(ErrorCode::MalformedData, std::string("cannot decode the image: ") + e.what(), path);
  }
  if (mat.empty()) {
    return fail(ErrorCode::UnsupportedFormat, "not a readable image (unknown format, or truncated/corrupt)", path);
  }
  if (static_cast<double>(mat.rows) * mat.cols > kMaxRasterPixels) {
    return fail(ErrorCode::ImageTooLarge, "image is larger than 16384x16384 pixels", path);
  }
  Image image;
  image.meta.sourcePath = path;
  image.meta.format = formatOf(lowerExtension(path));
  if (mat.depth() == CV_8U) {
    image.meta.bitsAllocated = image.meta.bitsStored = 8;
    image.meta.nominalMax = 255.0;
  } else if (mat.depth() == CV_16U) {
    image.meta.bitsAllocated = image.meta.bitsStored = 16;
    image.meta.nominalMax = 65535.0;
  } else if (mat.depth() == CV_32F) {
    image.meta.bitsAllocated = image.meta.bitsStored = 32;
    image.meta.nominalMax = 1.0;
  } else {
    return fail(ErrorCode::UnsupportedFormat, "unsupported pixel depth (only 8/16-bit integer or 32-bit float)", path);
  }
  const int channels = mat.channels();
  if (channels == 4) {
    cv::cvtColor(mat, mat, cv::COLOR_BGRA2BGR);
    image.meta.notes.push_back("alpha channel dropped");
  } else if (channels == 2) {
    std::vector<cv::Mat> planes;
    cv::split(mat, planes);
    mat = planes[0];
    image.meta.notes.push_back("grey+alpha image: alpha channel dropped");
  }
  cv::Mat floats;
  mat.convertTo(floats, CV_32F);
  if (floats.channels() == 3) {
    cv::cvtColor(floats, floats, cv::COLOR_BGR2RGB);
    std::vector<cv::Mat> planes;
    cv::split(floats, planes);
    const bool grey = cv::countNonZero(planes[0] != planes[1]) == 0 && cv::countNonZero(planes[0] != planes[2]) == 0;
    if (grey) {
      floats = planes[0];
      image.meta.notes.push_back("grey image stored as RGB: treated as grey");
    }
  }
  image.width = floats.cols;
  image.height = floats.rows;
  image.channels = floats.channels();
  image.meta.photometric = image.channels == 3 ? "RGB" : "MONOCHROME2";
  image.pixels.resize(image.pixelCount() * static_cast<std::size_t>(image.channels));
  cv::Mat view(floats.rows, floats.cols, CV_32FC(image.channels), image.pixels.data());
  floats.copyTo(view);
  return image;
}

}  // namespace edgefuse
