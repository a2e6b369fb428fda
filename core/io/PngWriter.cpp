// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/io/PngWriter.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace edgefuse {
namespace {

void appendBigEndian(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xff));
}

std::uint32_t readBigEndian(const std::string& s, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(s[at + static_cast<std::size_t>(i)]);
  return v;
}

std::string chunk(const char type[4], const std::string& data) {
  std::string out;
  appendBigEndian(out, static_cast<std::uint32_t>(data.size()));
  std::string body(type, 4);
  body += data;
  out += body;
  const auto crc = crc32(0L, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
  appendBigEndian(out, static_cast<std::uint32_t>(crc));
  return out;
}

// iTXt: keyword \0 compression-flag(0) method(0) language \0 translated \0 text.
std::string itxtChunk(const PngTextEntry& entry) {
  std::string data = entry.keyword.substr(0, 79);
  data.push_back('\0');
  data.push_back('\0');
  data.push_back('\0');
  data.push_back('\0');
  data.push_back('\0');
  data += entry.text;
  return chunk("iTXt", data);
}

constexpr char kSignature[] = "\x89PNG\r\n\x1a\n";

}  // namespace

Expected<void> writePng(const std::string& path, const Image& unitImage, int bitDepth,
                        const std::vector<PngTextEntry>& text, const OutputPolicy& policy) {
  if (unitImage.empty()) return fail(ErrorCode::InvalidArgument, "nothing to write: empty image", path);
  if (unitImage.channels != 1 && unitImage.channels != 3) {
    return fail(ErrorCode::InvalidArgument, "PNG export needs a grey or RGB image", path);
  }
  if (bitDepth != 8 && bitDepth != 16) return fail(ErrorCode::InvalidArgument, "PNG bit depth must be 8 or 16", path);
  if (unitImage.channels == 3) bitDepth = 8;
  const double scale = bitDepth == 16 ? 65535.0 : 255.0;
  cv::Mat mat(unitImage.height, unitImage.width, CV_MAKETYPE(bitDepth == 16 ? CV_16U : CV_8U, unitImage.channels));
  const std::size_t n = unitImage.pixels.size();
  for (std::size_t i = 0; i < n; ++i) {
    const double v = std::round(std::clamp(static_cast<double>(unitImage.pixels[i]), 0.0, 1.0) * scale);
    if (bitDepth == 16) {
      reinterpret_cast<std::uint16_t*>(mat.data)[i] = static_cast<std::uint16_t>(v);
    } else {
      mat.data[i] = static_cast<std::uint8_t>(v);
    }
  }
  if (unitImage.channels == 3) cv::cvtColor(mat, mat, cv::COLOR_RGB2BGR);
  std::vector<unsigned char> encoded;
  try {
    if (!cv::imencode(".png", mat, encoded)) return fail(ErrorCode::WriteFailed, "PNG encoding failed", path);
  } catch (const cv::Exception& e) {
    return fail(ErrorCode::WriteFailed, std::string("PNG encoding failed: ") + e.what(), path);
  }
  std::string bytes(encoded.begin(), encoded.end());
  // Signature (8) + IHDR chunk (4 length + 4 type + 13 data + 4 CRC) = 33 bytes.
  const std::size_t afterHeader = 33;
  if (bytes.size() < afterHeader || bytes.compare(12, 4, "IHDR") != 0) {
    return fail(ErrorCode::Internal, "unexpected PNG layout from the encoder", path);
  }
  std::string textChunks;
  for (const auto& entry : text) textChunks += itxtChunk(entry);
  bytes.insert(afterHeader, textChunks);
  return writeFileAtomically(path, bytes, policy);
}

Expected<std::vector<PngTextEntry>> readPngText(const std::string& path) {
  auto bytes = readFile(path);
  if (!bytes) return tl::unexpected(bytes.error());
  if (bytes->size() < 8 || bytes->compare(0, 8, std::string(kSignature, 8)) != 0) {
    return fail(ErrorCode::UnsupportedFormat, "not a PNG file", path);
  }
  std::vector<PngTextEntry> entries;
  std::size_t at = 8;
  while (at + 12 <= bytes->size()) {
    const std::uint32_t length = readBigEndian(*bytes, at);
    if (at + 12 + length > bytes->size()) return fail(ErrorCode::MalformedData, "truncated PNG chunk", path);
    const std::string type = bytes->substr(at + 4, 4);
    const std::string data = bytes->substr(at + 8, length);
    if (type == "tEXt" || type == "iTXt") {
      const std::size_t nul = data.find('\0');
      if (nul != std::string::npos) {
        PngTextEntry entry{data.substr(0, nul), ""};
        if (type == "tEXt") {
          entry.text = data.substr(nul + 1);
        } else if (nul + 2 < data.size() && data[nul + 1] == '\0') {  // uncompressed iTXt
          std::size_t p = nul + 3;
          p = data.find('\0', p);                                  // after language tag
          if (p != std::string::npos) p = data.find('\0', p + 1);  // after translated keyword
          if (p != std::string::npos) entry.text = data.substr(p + 1);
        }
        entries.push_back(std::move(entry));
      }
    }
    if (type == "IEND") break;
    at += 12 + length;
  }
  return entries;
}

}  // namespace edgefuse
