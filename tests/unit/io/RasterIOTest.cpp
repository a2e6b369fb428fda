// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "IoTestSupport.h"
#include "core/base/AtomicFile.h"
#include "core/io/ImageReader.h"
#include "core/io/RasterIO.h"

using namespace edgefuse;

namespace {

bool hasNote(const Image& image, const std::string& text) {
  return std::any_of(image.meta.notes.begin(), image.meta.notes.end(),
                     [&](const std::string& n) { return n.find(text) != std::string::npos; });
}

void appendBe32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xff));
}

std::string pngChunk(const char* type, const std::string& data) {
  std::string out;
  appendBe32(out, static_cast<std::uint32_t>(data.size()));
  const std::string body = std::string(type, 4) + data;
  out += body;
  appendBe32(out, static_cast<std::uint32_t>(
                      crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()))));
  return out;
}

// A PNG with an explicit header, for palette images (OpenCV cannot write
// them) and hostile sizes. `rows` holds the filtered scanlines' pixel bytes.
std::string makePng(std::uint32_t width, std::uint32_t height, int colourType, const std::string& palette,
                    const std::vector<std::string>& rows) {
  std::string ihdr;
  appendBe32(ihdr, width);
  appendBe32(ihdr, height);
  ihdr += std::string{8, static_cast<char>(colourType), 0, 0, 0};
  std::string raw;
  for (const auto& row : rows) raw += std::string(1, '\0') + row;
  uLongf size = compressBound(static_cast<uLong>(raw.size()));
  std::string compressed(size, '\0');
  compress(reinterpret_cast<Bytef*>(compressed.data()), &size, reinterpret_cast<const Bytef*>(raw.data()),
           static_cast<uLong>(raw.size()));
  compressed.resize(size);
  std::string png("\x89PNG\r\n\x1a\n", 8);
  png += pngChunk("IHDR", ihdr);
  if (!palette.empty()) png += pngChunk("PLTE", palette);
  png += pngChunk("IDAT", compressed);
  png += pngChunk("IEND", "");
  return png;
}

class RasterIOTest : public test::TempDirTest {};

}  // namespace

TEST_F(RasterIOTest, ReadsEightAndSixteenBitGrey) {
  cv::Mat grey8(3, 4, CV_8U);
  for (int i = 0; i < 12; ++i) grey8.data[i] = static_cast<unsigned char>(i * 20);
  ASSERT_TRUE(cv::imwrite(path("g8.png"), grey8));
  auto a = readRaster(path("g8.png"));
  ASSERT_TRUE(a) << a.error().describe();
  EXPECT_EQ(a->width, 4);
  EXPECT_EQ(a->height, 3);
  EXPECT_EQ(a->channels, 1);
  EXPECT_EQ(a->pixels[5], 100.0f);
  EXPECT_EQ(a->meta.nominalMax, 255.0);
  EXPECT_EQ(a->meta.format, "png");

  cv::Mat grey16(2, 2, CV_16U, cv::Scalar(0));
  grey16.at<std::uint16_t>(1, 1) = 65535;
  grey16.at<std::uint16_t>(0, 1) = 1234;
  ASSERT_TRUE(cv::imwrite(path("g16.tif"), grey16));
  auto b = readRaster(path("g16.tif"));
  ASSERT_TRUE(b) << b.error().describe();
  EXPECT_EQ(b->meta.format, "tiff");
  EXPECT_EQ(b->meta.bitsStored, 16);
  EXPECT_EQ(b->meta.nominalMax, 65535.0);
  EXPECT_EQ(b->pixels[1], 1234.0f);
  EXPECT_EQ(b->pixels[3], 65535.0f);
}

TEST_F(RasterIOTest, ReadsRgbAndDropsAlphaSayingSo) {
  cv::Mat bgra(2, 2, CV_8UC4, cv::Scalar(10, 20, 30, 128));  // B, G, R, A
  ASSERT_TRUE(cv::imwrite(path("rgba.png"), bgra));
  auto image = readRaster(path("rgba.png"));
  ASSERT_TRUE(image) << image.error().describe();
  EXPECT_EQ(image->channels, 3);
  EXPECT_EQ(image->pixels[0], 30.0f);  // R first
  EXPECT_EQ(image->pixels[2], 10.0f);
  EXPECT_TRUE(hasNote(*image, "alpha channel dropped"));
  EXPECT_EQ(image->meta.photometric, "RGB");
}

TEST_F(RasterIOTest, GreyStoredAsRgbIsDetected) {
  cv::Mat bgr(2, 3, CV_8UC3, cv::Scalar(77, 77, 77));
  bgr.at<cv::Vec3b>(1, 2) = cv::Vec3b(200, 200, 200);
  ASSERT_TRUE(cv::imwrite(path("grey.bmp"), bgr));
  auto image = readRaster(path("grey.bmp"));
  ASSERT_TRUE(image) << image.error().describe();
  EXPECT_EQ(image->meta.format, "bmp");
  EXPECT_EQ(image->channels, 1);
  EXPECT_EQ(image->pixels[5], 200.0f);
  EXPECT_TRUE(hasNote(*image, "grey image stored as RGB"));
}

TEST_F(RasterIOTest, ReadsJpeg) {
  cv::Mat bgr(16, 16, CV_8UC3, cv::Scalar(0, 0, 255));
  ASSERT_TRUE(cv::imwrite(path("red.jpg"), bgr));
  auto image = readRaster(path("red.jpg"));
  ASSERT_TRUE(image) << image.error().describe();
  EXPECT_EQ(image->meta.format, "jpeg");
  EXPECT_EQ(image->channels, 3);
  EXPECT_NEAR(image->pixels[0], 254.0f, 3.0f);
  EXPECT_NEAR(image->pixels[1], 0.0f, 3.0f);
}

TEST_F(RasterIOTest, PalettePngIsExpandedToRgb) {
  const std::string palette = std::string("\xff\x00\x00", 3) + std::string("\x00\x00\xff", 3);
  const std::string png = makePng(2, 1, 3, palette, {std::string("\x00\x01", 2)});
  ASSERT_TRUE(writeFileAtomically(path("pal.png"), png));
  auto image = readRaster(path("pal.png"));
  ASSERT_TRUE(image) << image.error().describe();
  ASSERT_EQ(image->channels, 3);
  EXPECT_EQ((std::vector<float>(image->pixels.begin(), image->pixels.end())),
            (std::vector<float>{255, 0, 0, 0, 0, 255}));
  EXPECT_TRUE(hasNote(*image, "palette image expanded to RGB"));
}

TEST_F(RasterIOTest, HostileHeadersAreRefusedBeforeDecoding) {
  // IHDR says 100000 x 100000 RGBA; the data is a few bytes.
  const std::string png = makePng(100000, 100000, 6, "", {std::string(8, '\0')});
  auto a = decodeRaster(png, "huge.png");
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code, ErrorCode::ImageTooLarge);

  std::string bmp = "BM" + std::string(52, '\0');
  bmp[14] = 40;                                                        // BITMAPINFOHEADER
  for (int i : {18, 22}) bmp[static_cast<std::size_t>(i + 2)] = 0x7f;  // 0x7f0000 pixels a side
  bmp[28] = 24;
  auto b = decodeRaster(bmp, "huge.bmp");
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().code, ErrorCode::ImageTooLarge);

  // JPEG SOF0 declaring 65000 x 65000.
  const std::string jpeg("\xff\xd8\xff\xc0\x00\x11\x08\xfd\xe8\xfd\xe8\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 21);
  auto c = decodeRaster(jpeg, "huge.jpg");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, ErrorCode::ImageTooLarge);
}

TEST_F(RasterIOTest, BrokenFilesGiveClearCodes) {
  ASSERT_TRUE(writeFileAtomically(path("text.png"), "not an image"));
  auto a = readRaster(path("text.png"));
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code, ErrorCode::UnsupportedFormat);

  cv::Mat grey(64, 64, CV_8U, cv::Scalar(9));
  std::vector<unsigned char> encoded;
  ASSERT_TRUE(cv::imencode(".png", grey, encoded));
  const std::string truncated(encoded.begin(), encoded.begin() + 40);
  auto b = decodeRaster(truncated, "cut.png");
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().code, ErrorCode::MalformedData);

  auto c = readRaster(path("missing.png"));
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, ErrorCode::FileNotFound);
}

// Issue 18, defect 5: libpng printed its own "libpng error: …" line before
// EdgeFuse's message; a damaged PNG is now recognised before it is decoded.
TEST_F(RasterIOTest, DamagedPngIsReportedWithoutLibpngsOwnLine) {
  cv::Mat grey(64, 64, CV_8U);
  cv::randu(grey, 0, 255);
  std::vector<unsigned char> encoded;
  ASSERT_TRUE(cv::imencode(".png", grey, encoded));
  const std::string whole(encoded.begin(), encoded.end());
  const std::string cut = whole.substr(0, whole.size() * 2 / 3);  // inside IDAT
  std::string flipped = whole;
  flipped[flipped.find("IDAT") + 20] ^= 0x55;  // a damaged byte of the image data

  for (const auto& [bytes, expected] :
       {std::pair{cut, std::string("truncated")}, std::pair{flipped, std::string("checksum")}}) {
    ::testing::internal::CaptureStderr();
    auto image = decodeRaster(bytes, "damaged.png");
    const std::string printed = ::testing::internal::GetCapturedStderr();
    ASSERT_FALSE(image);
    EXPECT_EQ(image.error().code, ErrorCode::MalformedData);
    EXPECT_NE(image.error().message.find(expected), std::string::npos) << image.error().message;
    EXPECT_EQ(printed, "") << "a library printed its own message";
  }
}

TEST_F(RasterIOTest, InputPathsSayWhyTheyCannotBeRead) {
  namespace fs = std::filesystem;
  fs::create_symlink(path("loop-b.png"), path("loop-a.png"));
  fs::create_symlink(path("loop-a.png"), path("loop-b.png"));
  auto loop = readImageSeries(path("loop-a.png"));
  ASSERT_FALSE(loop);
  EXPECT_EQ(loop.error().code, ErrorCode::ReadFailed);
  EXPECT_NE(loop.error().message.find("loop of symbolic links"), std::string::npos) << loop.error().message;

  fs::create_symlink(path("gone.png"), path("dangling.png"));
  auto dangling = readImageSeries(path("dangling.png"));
  ASSERT_FALSE(dangling);
  EXPECT_EQ(dangling.error().code, ErrorCode::FileNotFound);
  EXPECT_NE(dangling.error().message.find("symbolic link"), std::string::npos) << dangling.error().message;

  // An empty file is damaged (exit 5), not "holds no image" (exit 4).
  for (const char* name : {"empty.dcm", "empty.png"}) {
    std::ofstream(path(name)).close();
    auto empty = readImageSeries(path(name));
    ASSERT_FALSE(empty) << name;
    EXPECT_EQ(empty.error().code, ErrorCode::MalformedData) << name;
  }
}

TEST_F(RasterIOTest, FacadeDispatchesByContentNotName) {
  cv::Mat grey(4, 4, CV_8U, cv::Scalar(3));
  ASSERT_TRUE(cv::imwrite(path("image.png"), grey));
  std::filesystem::copy_file(path("image.png"), path("no-extension"));
  EXPECT_EQ(detectInputKind(path("no-extension")), InputKind::Raster);
  auto series = readImageSeries(path("no-extension"));
  ASSERT_TRUE(series) << series.error().describe();
  EXPECT_EQ(series->size(), 1u);
  ASSERT_TRUE(writeFileAtomically(path("notes.txt"), "hello"));
  auto text = readImageSeries(path("notes.txt"));
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, ErrorCode::UnsupportedFormat);
}
