// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/io/RasterIO.h"

#include "core/base/AtomicFile.h"

#include <zlib.h>
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <new>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <optional>

namespace edgefuse {
namespace {

std::string lowerExtension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

// Largest raster EdgeFuse decodes, checked against the header before the
// decoder allocates anything: 2^28 samples (1 GiB as float), and no side
// longer than 65535 pixels.
constexpr std::uint64_t kMaxRasterSamples = std::uint64_t{1} << 28;
constexpr std::uint64_t kMaxRasterSide = 65535;

// What the file's header says, read without decoding.
struct RasterHeader {
  std::string format;  // "png", "jpeg", "tiff", "bmp"
  std::uint64_t width = 0;
  std::uint64_t height = 0;
  int channels = 0;  // 0 when the header does not say
  bool palette = false;
  bool multiPage = false;
};

std::uint32_t be16(std::string_view b, std::size_t at) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 8) | static_cast<unsigned char>(b[at + 1]);
}
std::uint32_t be32(std::string_view b, std::size_t at) {
  return (be16(b, at) << 16) | be16(b, at + 2);
}
std::uint32_t le16(std::string_view b, std::size_t at) {
  return static_cast<unsigned char>(b[at]) | (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8);
}
std::uint32_t le32(std::string_view b, std::size_t at) {
  return le16(b, at) | (le16(b, at + 2) << 16);
}

std::optional<RasterHeader> pngHeader(std::string_view b) {
  if (b.size() < 26 || b.substr(12, 4) != "IHDR") return std::nullopt;
  RasterHeader h{"png", be32(b, 16), be32(b, 20)};
  switch (static_cast<unsigned char>(b[25])) {
    case 0:
      h.channels = 1;
      break;
    case 2:
      h.channels = 3;
      break;
    case 3:
      h.channels = 4;
      h.palette = true;
      break;  // may carry transparency
    case 4:
      h.channels = 2;
      break;
    case 6:
      h.channels = 4;
      break;
    default:
      break;
  }
  return h;
}

std::optional<RasterHeader> jpegHeader(std::string_view b) {
  std::size_t at = 2;
  while (at + 4 <= b.size()) {
    if (static_cast<unsigned char>(b[at]) != 0xFF) return std::nullopt;
    const unsigned marker = static_cast<unsigned char>(b[at + 1]);
    if (marker == 0xFF) {
      ++at;  // fill byte
      continue;
    }
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
      at += 2;
      continue;
    }
    if (marker == 0xD9 || marker == 0xDA) return std::nullopt;  // end or scan before a frame header
    const std::uint32_t length = be16(b, at + 2);
    const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      if (at + 10 > b.size()) return std::nullopt;
      RasterHeader h{"jpeg", be16(b, at + 7), be16(b, at + 5)};
      h.channels = static_cast<unsigned char>(b[at + 9]);
      return h;
    }
    at += 2 + length;
  }
  return std::nullopt;
}

std::optional<RasterHeader> bmpHeader(std::string_view b) {
  if (b.size() < 30) return std::nullopt;
  const std::uint32_t dibSize = le32(b, 14);
  RasterHeader h{"bmp"};
  std::uint32_t bitCount = 0;
  if (dibSize == 12) {
    h.width = le16(b, 18);
    h.height = le16(b, 20);
    bitCount = le16(b, 24);
  } else {
    const auto w = static_cast<std::int32_t>(le32(b, 18));
    const auto ht = static_cast<std::int32_t>(le32(b, 22));
    h.width = static_cast<std::uint64_t>(std::abs(static_cast<std::int64_t>(w)));
    h.height = static_cast<std::uint64_t>(std::abs(static_cast<std::int64_t>(ht)));
    bitCount = le16(b, 28);
  }
  h.palette = bitCount <= 8;
  h.channels = bitCount == 32 ? 4 : 3;
  return h;
}

std::optional<RasterHeader> tiffHeader(std::string_view b) {
  if (b.size() < 8) return std::nullopt;
  const bool little = b[0] == 'I';
  auto u16 = [&](std::size_t at) { return little ? le16(b, at) : be16(b, at); };
  auto u32 = [&](std::size_t at) { return little ? le32(b, at) : be32(b, at); };
  if (u16(2) != 42) return std::nullopt;  // BigTIFF (43) is left to the decoder's own checks
  const std::size_t ifd = u32(4);
  if (ifd + 2 > b.size()) return std::nullopt;
  const std::size_t entries = u16(ifd);
  if (ifd + 2 + entries * 12 + 4 > b.size()) return std::nullopt;
  RasterHeader h{"tiff"};
  h.channels = 1;
  for (std::size_t i = 0; i < entries; ++i) {
    const std::size_t e = ifd + 2 + i * 12;
    const std::uint32_t tag = u16(e);
    const std::uint32_t type = u16(e + 2);
    const std::uint32_t value = type == 3 ? u16(e + 8) : u32(e + 8);
    if (tag == 256) h.width = value;
    if (tag == 257) h.height = value;
    if (tag == 277) h.channels = static_cast<int>(value);
    if (tag == 262 && value == 3) h.palette = true;
  }
  h.multiPage = u32(ifd + 2 + entries * 12) != 0;
  if (h.palette) h.channels = 3;
  return h;
}

// libpng reports a damaged file on stderr ("libpng error: …") before OpenCV
// gives up, and OpenCV offers no way to silence it. The chunk structure is
// checked here first: every chunk complete up to IEND, the critical chunks'
// CRCs right. Returns what is wrong, or nullopt.
std::optional<std::string> pngStructureProblem(std::string_view b) {
  std::size_t at = 8;
  bool sawImageData = false;
  while (true) {
    if (b.size() - at < 12) return std::string("the PNG file is truncated: it ends before its IEND chunk");
    const std::uint64_t length = be32(b, at);
    if (length > b.size() - at - 12) return std::string("the PNG file is truncated: it ends inside a chunk");
    const std::string_view type = b.substr(at + 4, 4);
    const bool critical = std::isupper(static_cast<unsigned char>(type[0])) != 0;
    if (critical) {
      const auto computed =
          crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(b.data() + at + 4), static_cast<uInt>(4 + length));
      if (computed != be32(b, at + 8 + length)) {
        return "the PNG chunk " + std::string(type) + " is damaged (its checksum does not match)";
      }
    }
    if (type == "IDAT") sawImageData = true;
    if (type == "IEND") {
      if (!sawImageData) return std::string("the PNG file holds no image data (no IDAT chunk)");
      return std::nullopt;
    }
    at += 12 + length;
  }
}

// OpenCV reports a failed allocation as cv::Exception (StsNoMem): it is an
// allocation failure like any other and ends the program as one
// (std::bad_alloc, see docs/reliability.md), not as a damaged file.
void rethrowAllocationFailure(const cv::Exception& e) {
  if (e.code == cv::Error::StsNoMem) throw std::bad_alloc();
}

Expected<Image> imageFromMat(cv::Mat mat, const RasterHeader& header, const std::string& name);

std::optional<RasterHeader> sniffHeader(std::string_view b) {
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return pngHeader(b);
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8) {
    return jpegHeader(b);
  }
  if (b.size() >= 4 &&
      (b.substr(0, 4) == std::string_view("II*\0", 4) || b.substr(0, 4) == std::string_view("MM\0*", 4))) {
    return tiffHeader(b);
  }
  if (b.size() >= 2 && b.substr(0, 2) == "BM") return bmpHeader(b);
  return std::nullopt;
}

std::string formatFromExtension(const std::string& ext) {
  if (ext == ".png") return "png";
  if (ext == ".jpg" || ext == ".jpeg") return "jpeg";
  if (ext == ".tif" || ext == ".tiff") return "tiff";
  if (ext == ".bmp") return "bmp";
  return "raster";
}

}  // namespace

bool hasRasterExtension(const std::string& path) {
  const std::string ext = lowerExtension(path);
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".tif" || ext == ".tiff" || ext == ".bmp";
}

Expected<Image> readRaster(const std::string& path) {
  std::error_code ec;
  if (auto reachable = checkInputPath(path, "file not found"); !reachable) return tl::unexpected(reachable.error());
  if (!std::filesystem::is_regular_file(path, ec)) return fail(ErrorCode::ReadFailed, "not a regular file", path);
  auto bytes = readFile(path);
  if (!bytes) return tl::unexpected(bytes.error());
  return decodeRaster(*bytes, path);
}

Expected<Image> decodeRaster(std::string_view bytes, const std::string& name) {
  const auto header = sniffHeader(bytes);
  if (!header) {
    return fail(ErrorCode::UnsupportedFormat, "not a readable image (unknown format, or truncated/corrupt)", name);
  }
  if (header->width == 0 || header->height == 0) {
    return fail(ErrorCode::MalformedData, "the image header gives a zero width or height", name);
  }
  const std::uint64_t samples =
      header->width * header->height * static_cast<std::uint64_t>(std::max(header->channels, 1));
  if (header->width > kMaxRasterSide || header->height > kMaxRasterSide || samples > kMaxRasterSamples) {
    return fail(ErrorCode::ImageTooLarge,
                "the header declares " + std::to_string(header->width) + "x" + std::to_string(header->height) +
                    " pixels, beyond EdgeFuse's limit (65535 per side, " + std::to_string(kMaxRasterSamples) +
                    " samples)",
                name);
  }
  if (header->format == "png") {
    if (auto problem = pngStructureProblem(bytes)) return fail(ErrorCode::MalformedData, *problem, name);
  }
  cv::Mat mat;
  try {
    // IMREAD_UNCHANGED keeps 16-bit depth and the alpha channel; palette
    // images are expanded to BGR(A) by the decoder.
    const cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8U, const_cast<char*>(bytes.data()));
    mat = cv::imdecode(buffer, cv::IMREAD_UNCHANGED);
  } catch (const cv::Exception& e) {
    rethrowAllocationFailure(e);
    return fail(ErrorCode::MalformedData, std::string("cannot decode the image: ") + e.what(), name);
  }
  if (mat.empty()) {
    return fail(ErrorCode::MalformedData, "the " + header->format + " data cannot be decoded (truncated or corrupt)",
                name);
  }
  try {
    return imageFromMat(std::move(mat), *header, name);
  } catch (const cv::Exception& e) {
    rethrowAllocationFailure(e);
    return fail(ErrorCode::Internal, std::string("OpenCV cannot convert the image: ") + e.what(), name);
  }
}

namespace {

Expected<Image> imageFromMat(cv::Mat mat, const RasterHeader& header, const std::string& name) {
  Image image;
  image.meta.sourcePath = name;
  image.meta.format = header.format.empty() ? formatFromExtension(lowerExtension(name)) : header.format;
  switch (mat.depth()) {
    case CV_8U:
      image.meta.bitsAllocated = image.meta.bitsStored = 8;
      image.meta.nominalMax = 255.0;
      break;
    case CV_16U:
      image.meta.bitsAllocated = image.meta.bitsStored = 16;
      image.meta.nominalMax = 65535.0;
      break;
    case CV_16S:
      image.meta.bitsAllocated = image.meta.bitsStored = 16;
      image.meta.isSigned = true;
      image.meta.nominalMin = -32768.0;
      image.meta.nominalMax = 32767.0;
      break;
    case CV_32S:
      image.meta.bitsAllocated = image.meta.bitsStored = 32;
      image.meta.isSigned = true;
      image.meta.nominalMin = -2147483648.0;
      image.meta.nominalMax = 2147483647.0;
      break;
    case CV_32F:
      image.meta.bitsAllocated = image.meta.bitsStored = 32;
      image.meta.nominalMax = 1.0;
      image.meta.notes.push_back("32-bit float image: nominal range 0..1 assumed");
      break;
    default:
      return fail(ErrorCode::UnsupportedFormat,
                  "unsupported pixel depth (only 8/16-bit integer, 32-bit integer or float)", name);
  }
  if (header.palette) image.meta.notes.push_back("palette image expanded to RGB");
  if (header.multiPage) image.meta.notes.push_back("multi-page TIFF: only the first page was read");
  const int channels = mat.channels();
  if (channels == 4) {
    cv::cvtColor(mat, mat, cv::COLOR_BGRA2BGR);
    image.meta.notes.push_back("alpha channel dropped");
  } else if (channels == 2) {
    std::vector<cv::Mat> planes;
    cv::split(mat, planes);
    mat = planes[0];
    image.meta.notes.push_back("grey+alpha image: alpha channel dropped");
  } else if (channels != 1 && channels != 3) {
    return fail(ErrorCode::UnsupportedFormat, std::to_string(channels) + "-channel images are not supported", name);
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

}  // namespace

}  // namespace edgefuse
