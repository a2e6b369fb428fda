// SPDX-License-Identifier: GPL-3.0-or-later
// The readers on the real files in ../shared/data/dicom: every file and folder
// either loads or fails with a clear code; known files give known values.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "IoTestSupport.h"
#include "core/io/DicomReader.h"
#include "core/io/ImageReader.h"
#include "support/TestSupport.h"

using namespace edgefuse;
namespace fs = std::filesystem;

namespace {

bool hasNote(const std::vector<std::string>& notes, const std::string& text) {
  return std::any_of(notes.begin(), notes.end(),
                     [&](const std::string& n) { return n.find(text) != std::string::npos; });
}

Image first(const Expected<ImageSeries>& series) {
  EXPECT_TRUE(series) << (series ? "" : series.error().describe());
  return series ? series->slices.front() : Image{};
}

// Little-endian 16-bit samples of a file's pixel data as DCMTK itself dumps
// them (after DCMTK decompresses it into a copy when needed).
std::vector<std::int32_t> dcmtkRawSamples(const std::string& file, const std::string& scratch, bool isSigned) {
  const std::string plain = scratch + "/plain.dcm";
  const std::string rawDir = scratch + "/raw";
  fs::remove_all(rawDir);
  fs::create_directories(rawDir);
  auto r = test::runCommand("/usr/bin/dcmconv +te " + test::quoted(file) + " " + test::quoted(plain));
  EXPECT_EQ(r.exitCode, 0) << r.output;
  r = test::runCommand("/usr/bin/dcmdump +W " + test::quoted(rawDir) + " " + test::quoted(plain));
  EXPECT_EQ(r.exitCode, 0) << r.output;
  std::string raw;
  for (const auto& e : fs::directory_iterator(rawDir)) raw = test::readBytes(e.path().string());
  std::vector<std::int32_t> out;
  for (std::size_t i = 0; i + 1 < raw.size(); i += 2) {
    const auto v =
        static_cast<std::uint16_t>(static_cast<unsigned char>(raw[i]) | (static_cast<unsigned char>(raw[i + 1]) << 8));
    out.push_back(isSigned ? static_cast<std::int16_t>(v) : v);
  }
  return out;
}

class DicomRealDataTest : public test::TempDirTest {};

}  // namespace

TEST_F(DicomRealDataTest, EveryFileAndFolderLoadsOrFailsWithAClearError) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  const fs::path root = fs::path(shared) / "data" / "dicom";
  ASSERT_TRUE(fs::is_directory(root)) << root;
  std::vector<fs::path> inputs{root};
  for (const auto& e : fs::recursive_directory_iterator(root)) inputs.push_back(e.path());
  std::size_t loaded = 0, refused = 0;
  std::map<ErrorCode, std::size_t> byCode;
  for (const auto& input : inputs) {
    SCOPED_TRACE(input.string());
    auto series = readImageSeries(input.string());
    if (series) {
      ++loaded;
      ASSERT_FALSE(series->empty());
      for (const auto& s : series->slices) {
        ASSERT_FALSE(s.empty());
        ASSERT_EQ(s.pixels.size(), s.pixelCount() * static_cast<std::size_t>(s.channels));
        ASSERT_TRUE(std::all_of(s.pixels.begin(), s.pixels.end(), [](float v) { return std::isfinite(v); }));
        ASSERT_LT(s.meta.nominalMin, s.meta.nominalMax);
        ASSERT_EQ(s.width, series->slices.front().width);
      }
    } else {
      ++refused;
      const Error& e = series.error();
      ++byCode[e.code];
      const bool clear = e.code == ErrorCode::UnsupportedFormat || e.code == ErrorCode::UnsupportedTransferSyntax ||
                         e.code == ErrorCode::MalformedData || e.code == ErrorCode::NotAnImage ||
                         e.code == ErrorCode::ImageTooLarge || e.code == ErrorCode::SizeMismatch;
      EXPECT_TRUE(clear) << errorCodeName(e.code) << ": " << e.describe();
      EXPECT_FALSE(e.message.empty());
      EXPECT_FALSE(e.context.empty());
    }
  }
  std::cout << "[ info ] " << loaded << " inputs loaded, " << refused << " refused\n";
  for (const auto& [code, n] : byCode) std::cout << "[ info ]   " << errorCodeName(code) << ": " << n << "\n";
  EXPECT_GE(loaded, 100u);  // the image files and folders of the shared set
  EXPECT_GE(byCode[ErrorCode::UnsupportedTransferSyntax], 7u);
  EXPECT_GE(byCode[ErrorCode::NotAnImage], 10u);
}

TEST_F(DicomRealDataTest, KnownBadFilesGiveTheirExactReason) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  const std::string dir = shared + "/data/dicom/pydicom/test_files/";
  const std::vector<std::pair<std::string, ErrorCode>> expected = {
      {"JPEG2000.dcm", ErrorCode::UnsupportedTransferSyntax},
      {"MR_small_jp2klossless.dcm", ErrorCode::UnsupportedTransferSyntax},
      {"MR_truncated.dcm", ErrorCode::MalformedData},
      {"badVR.dcm", ErrorCode::MalformedData},
      {"rtplan_truncated.dcm", ErrorCode::MalformedData},
      {"SC_rgb_jpeg.dcm", ErrorCode::MalformedData},
      {"rtstruct.dcm", ErrorCode::NotAnImage},
      {"test-SR.dcm", ErrorCode::NotAnImage},
      {"reportsi.dcm", ErrorCode::NotAnImage},
      {"waveform_ecg.dcm", ErrorCode::NotAnImage},
      {"rtplan.dcm", ErrorCode::NotAnImage},
      {"README.txt", ErrorCode::UnsupportedFormat},
      {"dicomdirtests/DICOMDIR-empty.dcm", ErrorCode::NotAnImage},
      {"dicomdirtests/TINY_ALPHA", ErrorCode::NotAnImage},
  };
  for (const auto& [name, code] : expected) {
    auto series = readImageSeries(dir + name);
    ASSERT_FALSE(series) << name;
    EXPECT_EQ(series.error().code, code) << name << ": " << series.error().describe();
  }
  EXPECT_EQ(readImageSeries(dir + "JPEG2000.dcm").error().message,
            "unsupported transfer syntax JPEG 2000 (1.2.840.10008.1.2.4.91)");
  EXPECT_EQ(readImageSeries(dir + "MR_small_jp2klossless.dcm").error().message,
            "unsupported transfer syntax JPEG 2000 (1.2.840.10008.1.2.4.90)");
  EXPECT_NE(readImageSeries(shared + "/data/dicom/gdcm-samples/rtstruct.dcm").error().message.find("RTSTRUCT"),
            std::string::npos);
}

TEST_F(DicomRealDataTest, EveryEncodingOfTheSmallMrGivesTheSamePixels) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  const std::string dir = shared + "/data/dicom/pydicom/test_files/";
  const Image reference = first(readImageSeries(dir + "MR_small.dcm"));
  ASSERT_EQ(reference.width, 64);
  EXPECT_EQ(reference.meta.modality, "MR");
  EXPECT_EQ(reference.meta.transferSyntaxName, "Explicit VR Little Endian");
  for (const char* name : {"MR_small_implicit.dcm", "MR_small_bigendian.dcm", "MR_small_expb.dcm", "MR_small_RLE.dcm",
                           "MR_small_jpeg_ls_lossless.dcm", "MR_small_padded.dcm"}) {
    const Image other = first(readImageSeries(dir + name));
    EXPECT_EQ(other.pixels, reference.pixels) << name;
  }
  // The stored values as DCMTK dumps them (signed 16-bit, no rescale).
  const auto raw = dcmtkRawSamples(dir + "MR_small.dcm", m_dir.string(), true);
  ASSERT_EQ(raw.size(), reference.pixels.size());
  for (std::size_t i = 0; i < raw.size(); ++i) ASSERT_EQ(reference.pixels[i], static_cast<float>(raw[i])) << i;
}

TEST_F(DicomRealDataTest, CtIsInHounsfieldUnitsWithPresets) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  const std::string dir = shared + "/data/dicom/pydicom/test_files/";
  const Image ct = first(readImageSeries(dir + "CT_small.dcm"));
  EXPECT_EQ(ct.meta.units, "HU");
  EXPECT_EQ(ct.meta.rescaleIntercept, -1024.0);
  EXPECT_EQ(ct.meta.nominalMin, -1024.0);
  EXPECT_EQ(ct.meta.nominalMax, 3071.0);
  ASSERT_TRUE(ct.meta.pixelSpacingMm);
  EXPECT_NEAR((*ct.meta.pixelSpacingMm)[0], 0.661468, 1e-6);
  const auto raw = dcmtkRawSamples(dir + "CT_small.dcm", m_dir.string(), true);
  ASSERT_EQ(raw.size(), ct.pixels.size());
  for (std::size_t i = 0; i < raw.size(); ++i) ASSERT_EQ(ct.pixels[i], static_cast<float>(raw[i] - 1024)) << i;
  std::vector<std::string> names;
  for (const auto& w : ct.meta.windows) names.push_back(w.name);
  for (const char* preset : {"brain", "subdural", "bone"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), preset), names.end()) << preset;
  }
  // The same dataset without file meta header reads the same.
  const Image noMeta = first(readImageSeries(dir + "no_meta.dcm"));
  EXPECT_EQ(noMeta.pixels, ct.pixels);
  EXPECT_TRUE(hasNote(noMeta.meta.notes, "no file meta information"));
}

TEST_F(DicomRealDataTest, ColourFilesDecodeToTheKnownPattern) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  const std::string dir = shared + "/data/dicom/pydicom/test_files/";
  // pydicom's SC_rgb test pattern: (row, R, G, B) at column 50.
  const std::vector<std::array<float, 4>> pattern = {
      {5, 255, 0, 0},      {15, 255, 128, 128}, {25, 0, 255, 0},  {35, 128, 255, 128}, {45, 0, 0, 255},
      {55, 128, 128, 255}, {65, 0, 0, 0},       {75, 64, 64, 64}, {85, 192, 192, 192}, {95, 255, 255, 255}};
  auto rle = readImageSeries(dir + "SC_rgb_rle_2frame.dcm");
  ASSERT_TRUE(rle) << rle.error().describe();
  ASSERT_EQ(rle->size(), 2u);
  auto wide16 = first(readImageSeries(dir + "SC_rgb_rle_16bit.dcm"));
  auto wide32 = first(readImageSeries(dir + "SC_rgb_rle_32bit.dcm"));
  for (const auto& p : pattern) {
    const int y = static_cast<int>(p[0]);
    for (int c = 0; c < 3; ++c) {
      EXPECT_EQ(rle->slices[0].at(50, y, c), p[static_cast<std::size_t>(c) + 1]) << y;
      EXPECT_EQ(rle->slices[1].at(50, y, c), 255.0f - p[static_cast<std::size_t>(c) + 1]) << y;  // inverted frame
      EXPECT_EQ(wide16.at(50, y, c), p[static_cast<std::size_t>(c) + 1] * 257.0f) << y;
      EXPECT_EQ(wide32.at(50, y, c), static_cast<float>(p[static_cast<std::size_t>(c) + 1] * 16843009.0)) << y;
    }
  }
  // YBR (uncompressed 4:2:2 and JPEG) and lossy JPEG come close to the pattern.
  for (const char* name :
       {"SC_ybr_full_422_uncompressed.dcm", "SC_rgb_dcmtk_+eb+cy+np.dcm", "SC_rgb_dcmtk_+eb+cy+n1.dcm",
        "SC_rgb_jpeg_dcmtk.dcm", "SC_rgb_jpeg_gdcm.dcm", "SC_rgb_dcmtk_+eb+cr.dcm"}) {
    const Image image = first(readImageSeries(dir + name));
    ASSERT_EQ(image.channels, 3) << name;
    for (const auto& p : pattern) {
      for (int c = 0; c < 3; ++c) {
        EXPECT_NEAR(image.at(50, static_cast<int>(p[0]), c), p[static_cast<std::size_t>(c) + 1], 8.0)
            << name << " row " << p[0];
      }
    }
  }
  const Image ybr = first(readImageSeries(dir + "SC_ybr_full_422_uncompressed.dcm"));
  EXPECT_TRUE(hasNote(ybr.meta.notes, "YBR_FULL_422 converted to RGB"));
  EXPECT_TRUE(first(readImageSeries(dir + "SC_rgb_jpeg_dcmtk.dcm")).meta.lossyCompressed);
}

TEST_F(DicomRealDataTest, PaletteMonochromeOneDoseAndSegmentation) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  const std::string data = shared + "/data/dicom/";
  auto us = readImageSeries(data + "gdcm-samples/US-PAL-8-10x-echo.dcm");
  ASSERT_TRUE(us) << us.error().describe();
  EXPECT_EQ(us->size(), 10u);
  EXPECT_EQ(us->slices[9].channels, 3);
  EXPECT_TRUE(hasNote(us->slices[0].meta.notes, "PALETTE COLOR expanded"));

  // A MONOCHROME1 CR with a modality rescale: inverted within the nominal range.
  const std::string cr = data + "pydicom/test_files/dicomdirtests/77654033/CR1/6154";
  const Image mono1 = first(readImageSeries(cr));
  EXPECT_TRUE(hasNote(mono1.meta.notes, "MONOCHROME1 inverted"));
  const auto raw = dcmtkRawSamples(cr, m_dir.string(), false);
  ASSERT_EQ(raw.size(), mono1.pixels.size());
  const double lo = mono1.meta.nominalMin, hi = mono1.meta.nominalMax;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const double modality = raw[i] * mono1.meta.rescaleSlope + mono1.meta.rescaleIntercept;
    ASSERT_NEAR(mono1.pixels[i], lo + hi - modality, 1e-2) << i;
  }

  // 32-bit RT dose in three encodings, scaled to Gy by DoseGridScaling.
  const std::string dir = data + "pydicom/test_files/";
  auto dose = readImageSeries(dir + "rtdose.dcm");
  ASSERT_TRUE(dose) << dose.error().describe();
  EXPECT_EQ(dose->size(), 15u);
  for (const char* other : {"rtdose_expb.dcm", "rtdose_rle.dcm"}) {
    auto same = readImageSeries(dir + other);
    ASSERT_TRUE(same) << other << ": " << same.error().describe();
    ASSERT_EQ(same->size(), dose->size());
    for (std::size_t f = 0; f < dose->size(); ++f) EXPECT_EQ(same->slices[f].pixels, dose->slices[f].pixels) << other;
  }
  EXPECT_EQ(dose->slices[0].meta.modality, "RTDOSE");
  EXPECT_GT((*dose->slices[14].meta.positionPatientMm)[2], (*dose->slices[0].meta.positionPatientMm)[2]);

  // 1-bit segmentation, little and big endian.
  const Image seg = first(readImageSeries(dir + "liver_1frame.dcm"));
  EXPECT_EQ(first(readImageSeries(dir + "liver_expb_1frame.dcm")).pixels, seg.pixels);
  EXPECT_TRUE(std::all_of(seg.pixels.begin(), seg.pixels.end(), [](float v) { return v == 0.0f || v == 1.0f; }));
  EXPECT_GT(std::count(seg.pixels.begin(), seg.pixels.end(), 1.0f), 100);
}

TEST_F(DicomRealDataTest, HeadCtSeriesIsSortedAlongTheNormal) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  const std::string folder = shared + "/data/dicom/slicer-ct-head";
  EXPECT_EQ(detectInputKind(folder), InputKind::Folder);
  auto series = readImageSeries(folder);
  ASSERT_TRUE(series) << series.error().describe();
  ASSERT_EQ(series->size(), 93u);
  for (std::size_t i = 0; i < series->size(); ++i) {
    const auto& m = series->slices[i].meta;
    ASSERT_TRUE(m.positionPatientMm);
    EXPECT_NEAR((*m.positionPatientMm)[2], 1.5 * static_cast<double>(i), 1e-6);
    EXPECT_EQ(m.identity.instanceNumber, static_cast<int>(i) + 1);
    EXPECT_NEAR(*m.sliceSpacingMm, 1.5, 1e-9);
  }
  EXPECT_TRUE(hasNote(series->slices[0].meta.notes, "RescaleType US"));
  auto single = readImage(folder);
  ASSERT_TRUE(single);
  EXPECT_TRUE(hasNote(single->meta.notes, "input has 93 slices"));
}

TEST_F(DicomRealDataTest, DicomDirSeriesAreListedAndChosen) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  const std::string dicomdir = shared + "/data/dicom/pydicom/test_files/dicomdirtests/DICOMDIR";
  auto listed = listDicomSeries(dicomdir);
  ASSERT_TRUE(listed) << listed.error().describe();
  ASSERT_GT(listed->size(), 1u);
  EXPECT_GE(listed->front().imageCount, listed->back().imageCount);
  auto largest = readImageSeries(dicomdir);
  ASSERT_TRUE(largest) << largest.error().describe();
  EXPECT_EQ(static_cast<int>(largest->size()), listed->front().imageCount);
  EXPECT_TRUE(hasNote(largest->notes, "read the largest"));
  // Every encoding of the DICOMDIR gives the same series.
  for (const char* variant : {"DICOMDIR-bigEnd", "DICOMDIR-implicit", "DICOMDIR-reordered", "DICOMDIR-nooffset"}) {
    auto other = readImageSeries(shared + "/data/dicom/pydicom/test_files/dicomdirtests/" + variant);
    ASSERT_TRUE(other) << variant << ": " << other.error().describe();
    EXPECT_EQ(other->size(), largest->size()) << variant;
  }
  const DicomSeriesSummary& last = listed->back();
  auto chosen = readDicom(dicomdir, DicomReadOptions{last.seriesInstanceUid});
  ASSERT_TRUE(chosen) << chosen.error().describe();
  EXPECT_EQ(static_cast<int>(chosen->size()), last.imageCount);
  EXPECT_EQ(chosen->slices.front().meta.identity.seriesInstanceUid, last.seriesInstanceUid);
  auto missing = readDicom(dicomdir, DicomReadOptions{"1.2.3.4.5"});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::InvalidArgument);
}
