// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "DicomTestFiles.h"
#include "IoTestSupport.h"
#include "core/base/AtomicFile.h"
#include "core/io/DicomReader.h"
#include "core/io/ImageReader.h"

using namespace edgefuse;
using test::DicomSpec;
using test::writeDicom;

namespace {

bool hasNote(const std::vector<std::string>& notes, const std::string& text) {
  return std::any_of(notes.begin(), notes.end(),
                     [&](const std::string& n) { return n.find(text) != std::string::npos; });
}

std::vector<std::uint32_t> ramp(std::size_t n, std::uint32_t start = 0, std::uint32_t step = 1) {
  std::vector<std::uint32_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = start + static_cast<std::uint32_t>(i) * step;
  return v;
}

class DicomReaderTest : public test::TempDirTest {
 protected:
  Image readOne(const DicomSpec& spec, E_TransferSyntax xfer = EXS_LittleEndianExplicit) {
    std::string error;
    const std::string file = path("image.dcm");
    EXPECT_TRUE(writeDicom(file, spec, xfer, &error)) << error;
    auto series = readDicomFile(file);
    EXPECT_TRUE(series) << series.error().describe();
    if (!series) return {};
    EXPECT_EQ(series->size(), 1u);
    return series->slices.front();
  }
};

}  // namespace

TEST_F(DicomReaderTest, SignedTwelveBitCtIsRescaledToHounsfieldUnits) {
  DicomSpec spec;
  spec.modality = "CT";
  spec.bitsStored = 12;
  spec.highBit = 11;
  spec.isSigned = true;
  // 12-bit two's complement in the low bits, junk in the unused high bits.
  spec.samples = {0x0000, 0x0001, 0x07FF, 0x0800, 0x0FFF, 0xF005};
  spec.rows = 2;
  spec.columns = 3;
  spec.extra = [](DcmDataset& ds) {
    ds.putAndInsertString(DCM_RescaleSlope, "2");
    ds.putAndInsertString(DCM_RescaleIntercept, "-1000");
    ds.putAndInsertString(DCM_WindowCenter, "40\\400");
    ds.putAndInsertString(DCM_WindowWidth, "80\\2000");
    ds.putAndInsertString(DCM_WindowCenterWidthExplanation, "BRAIN\\BONE");
    ds.putAndInsertString(DCM_PixelSpacing, "0.5\\0.75");
    ds.putAndInsertString(DCM_SliceThickness, "2.5");
    ds.putAndInsertString(DCM_ImagePositionPatient, "-10\\-20\\30");
    ds.putAndInsertString(DCM_ImageOrientationPatient, "1\\0\\0\\0\\1\\0");
  };
  const Image image = readOne(spec);
  ASSERT_EQ(image.pixels.size(), 6u);
  const std::vector<float> expected = {-1000, -998, 2047 * 2 - 1000, -2048 * 2 - 1000, -2 - 1000, 5 * 2 - 1000};
  EXPECT_EQ(image.pixels, expected);
  EXPECT_EQ(image.meta.units, "HU");
  EXPECT_EQ(image.meta.rescaleSlope, 2.0);
  // Stored range -2048..2047 → -5096..3094 HU, clipped to the CT interval.
  EXPECT_EQ(image.meta.nominalMin, -1024.0);
  EXPECT_EQ(image.meta.nominalMax, 3071.0);
  ASSERT_GE(image.meta.windows.size(), 5u);
  EXPECT_EQ(image.meta.windows[0].name, "BRAIN");
  EXPECT_EQ(image.meta.windows[1].center, 400.0);
  EXPECT_EQ(image.meta.windows[2].name, "brain");  // the CT presets follow the file's windows
  EXPECT_EQ(image.meta.windows[4].name, "bone");
  ASSERT_TRUE(image.meta.pixelSpacingMm);
  EXPECT_EQ((*image.meta.pixelSpacingMm)[1], 0.75);
  EXPECT_EQ(*image.meta.sliceThicknessMm, 2.5);
  EXPECT_EQ((*image.meta.positionPatientMm)[2], 30.0);
  EXPECT_EQ(image.meta.identity.patientId, "SYN-0001");
  EXPECT_EQ(image.meta.identity.studyInstanceUid, "1.2.826.0.1.3680043.9.7433.1.1");
}

// Issue 18, defect 6: nothing is changed silently.
TEST_F(DicomReaderTest, UnusablePixelSpacingIsUnknownAndSaid) {
  auto hasNote = [](const Image& image, const std::string& text) {
    return std::any_of(image.meta.notes.begin(), image.meta.notes.end(),
                       [&](const std::string& n) { return n.find(text) != std::string::npos; });
  };
  for (const char* spacing : {"nan\\0.5", "inf\\inf", "0\\0.5", "-0.5\\0.5", "abc\\def"}) {
    DicomSpec spec;
    spec.samples = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    spec.extra = [spacing](DcmDataset& ds) { ds.putAndInsertString(DCM_PixelSpacing, spacing); };
    const Image image = readOne(spec);
    EXPECT_FALSE(image.meta.pixelSpacingMm.has_value()) << spacing;
    EXPECT_TRUE(hasNote(image, "PixelSpacing (0028,0030)")) << spacing;
  }
  DicomSpec good;
  good.samples = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  good.extra = [](DcmDataset& ds) { ds.putAndInsertString(DCM_PixelSpacing, "0.5\\0.25"); };
  const Image image = readOne(good);
  ASSERT_TRUE(image.meta.pixelSpacingMm.has_value());
  EXPECT_FALSE(hasNote(image, "PixelSpacing"));
}

TEST_F(DicomReaderTest, OneBitDataWithFarTooManyBytesIsNoted) {
  DicomSpec spec;
  spec.rows = 4;
  spec.columns = 4;
  spec.bitsAllocated = 1;
  spec.bitsStored = 1;
  spec.highBit = 0;
  // 16 pixels need 2 bytes; the file holds one byte per pixel.
  spec.extra = [](DcmDataset& ds) {
    const Uint8 bytes[16] = {1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0};
    ds.putAndInsertUint8Array(DCM_PixelData, bytes, sizeof bytes);
  };
  const Image image = readOne(spec);
  const bool noted = std::any_of(image.meta.notes.begin(), image.meta.notes.end(), [](const std::string& n) {
    return n.find("more than the 2 that") != std::string::npos && n.find("BitsAllocated is 1") != std::string::npos;
  });
  EXPECT_TRUE(noted);
}

TEST_F(DicomReaderTest, HighBitBelowTheTopIsHonoured) {
  DicomSpec spec;
  spec.rows = 1;
  spec.columns = 2;
  spec.bitsStored = 12;
  spec.highBit = 13;  // bits 2..13 hold the value
  spec.samples = {0x0FFF << 2, (0x0123 << 2) | 0x3};
  const Image image = readOne(spec);
  EXPECT_EQ(image.pixels, (std::vector<float>{4095, 0x123}));
  EXPECT_EQ(image.meta.nominalMax, 4095.0);
}

TEST_F(DicomReaderTest, MonochromeOneIsInvertedWithItsWindows) {
  DicomSpec spec;
  spec.photometric = "MONOCHROME1";
  spec.bitsAllocated = 8;
  spec.bitsStored = 8;
  spec.highBit = 7;
  spec.rows = 1;
  spec.columns = 4;
  spec.samples = {0, 10, 200, 255};
  spec.extra = [](DcmDataset& ds) {
    ds.putAndInsertString(DCM_WindowCenter, "100");
    ds.putAndInsertString(DCM_WindowWidth, "50");
  };
  const Image image = readOne(spec);
  EXPECT_EQ(image.pixels, (std::vector<float>{255, 245, 55, 0}));
  ASSERT_EQ(image.meta.windows.size(), 1u);
  EXPECT_EQ(image.meta.windows[0].center, 155.0);
  EXPECT_TRUE(hasNote(image.meta.notes, "MONOCHROME1 inverted"));
}

TEST_F(DicomReaderTest, PetValuesComeBackInBecquerelPerMillilitre) {
  DicomSpec spec;
  spec.modality = "PT";
  spec.rows = 1;
  spec.columns = 2;
  spec.samples = {0, 1000};
  spec.extra = [](DcmDataset& ds) {
    ds.putAndInsertString(DCM_RescaleSlope, "0.5");
    ds.putAndInsertString(DCM_Units, "BQML");
  };
  const Image image = readOne(spec);
  EXPECT_EQ(image.pixels, (std::vector<float>{0, 500}));
  EXPECT_EQ(image.meta.units, "BQML");
  EXPECT_EQ(image.meta.nominalMax, 65535 * 0.5);
}

TEST_F(DicomReaderTest, PaletteColourIsExpandedWithSixteenBitEntries) {
  DicomSpec spec;
  spec.photometric = "PALETTE COLOR";
  spec.bitsAllocated = 8;
  spec.bitsStored = 8;
  spec.highBit = 7;
  spec.rows = 1;
  spec.columns = 3;
  spec.samples = {10, 11, 50};  // 50 is beyond the table: clamps to the last entry
  spec.extra = [](DcmDataset& ds) {
    const Uint16 descriptor[3] = {2, 10, 16};
    for (const auto& tag : {DCM_RedPaletteColorLookupTableDescriptor, DCM_GreenPaletteColorLookupTableDescriptor,
                            DCM_BluePaletteColorLookupTableDescriptor}) {
      ds.putAndInsertUint16Array(tag, descriptor, 3);
    }
    const Uint16 red[2] = {65535, 0}, green[2] = {0, 32768}, blue[2] = {1, 2};
    ds.putAndInsertUint16Array(DCM_RedPaletteColorLookupTableData, red, 2);
    ds.putAndInsertUint16Array(DCM_GreenPaletteColorLookupTableData, green, 2);
    ds.putAndInsertUint16Array(DCM_BluePaletteColorLookupTableData, blue, 2);
  };
  const Image image = readOne(spec);
  ASSERT_EQ(image.channels, 3);
  EXPECT_EQ(image.pixels, (std::vector<float>{65535, 0, 1, 0, 32768, 2, 0, 32768, 2}));
  EXPECT_EQ(image.meta.nominalMax, 65535.0);
  EXPECT_TRUE(hasNote(image.meta.notes, "PALETTE COLOR"));
}

TEST_F(DicomReaderTest, SegmentedPaletteIsExpanded) {
  DicomSpec spec;
  spec.photometric = "PALETTE COLOR";
  spec.bitsAllocated = 8;
  spec.bitsStored = 8;
  spec.highBit = 7;
  spec.rows = 1;
  spec.columns = 5;
  spec.samples = {0, 1, 2, 3, 4};
  spec.extra = [](DcmDataset& ds) {
    const Uint16 descriptor[3] = {5, 0, 16};
    // a discrete segment [0], then a linear ramp of 4 entries up to 400
    const Uint16 segments[6] = {0, 1, 0, 1, 4, 400};
    for (const auto& tag : {DCM_RedPaletteColorLookupTableDescriptor, DCM_GreenPaletteColorLookupTableDescriptor,
                            DCM_BluePaletteColorLookupTableDescriptor}) {
      ds.putAndInsertUint16Array(tag, descriptor, 3);
    }
    for (const auto& tag : {DCM_SegmentedRedPaletteColorLookupTableData, DCM_SegmentedGreenPaletteColorLookupTableData,
                            DCM_SegmentedBluePaletteColorLookupTableData}) {
      ds.putAndInsertUint16Array(tag, segments, 6);
    }
  };
  const Image image = readOne(spec);
  // Three equal tables give grey, which is said.
  ASSERT_EQ(image.channels, 1);
  EXPECT_TRUE(hasNote(image.meta.notes, "treated as grey"));
  for (int i = 0; i < 5; ++i) EXPECT_EQ(image.pixels[static_cast<std::size_t>(i)], 100.0f * i) << i;
}

TEST_F(DicomReaderTest, RgbPlanarAndYbrAreConverted) {
  DicomSpec planar;
  planar.photometric = "RGB";
  planar.samplesPerPixel = 3;
  planar.planarConfiguration = 1;
  planar.bitsAllocated = 8;
  planar.bitsStored = 8;
  planar.highBit = 7;
  planar.rows = 1;
  planar.columns = 2;
  planar.samples = {1, 2, 3, 4, 5, 6};  // R plane, G plane, B plane
  const Image rgb = readOne(planar);
  EXPECT_EQ(rgb.pixels, (std::vector<float>{1, 3, 5, 2, 4, 6}));

  DicomSpec ybr = planar;
  ybr.photometric = "YBR_FULL";
  ybr.planarConfiguration = 0;
  ybr.samples = {76, 85, 255, 150, 44, 21};  // pure red and pure green in BT.601 full range
  const Image converted = readOne(ybr);
  EXPECT_NEAR(converted.pixels[0], 254, 1.5);
  EXPECT_NEAR(converted.pixels[1], 0, 1.5);
  EXPECT_NEAR(converted.pixels[2], 0, 1.5);
  EXPECT_NEAR(converted.pixels[3], 0, 1.5);
  EXPECT_NEAR(converted.pixels[4], 255, 1.5);
  EXPECT_TRUE(hasNote(converted.meta.notes, "converted to RGB"));

  DicomSpec subsampled = ybr;
  subsampled.photometric = "YBR_FULL_422";
  subsampled.samples = {128, 128, 128, 128};  // two grey pixels: Y1 Y2 Cb Cr
  const Image grey = readOne(subsampled);
  EXPECT_EQ(grey.channels, 1);  // grey stored as colour is treated as grey
  EXPECT_EQ(grey.pixels, (std::vector<float>{128, 128}));
}

TEST_F(DicomReaderTest, MultiFrameGivesOneImagePerFrame) {
  DicomSpec spec;
  spec.rows = 2;
  spec.columns = 2;
  spec.numberOfFrames = "3";
  spec.samples = ramp(12);
  auto file = path("frames.dcm");
  ASSERT_TRUE(writeDicom(file, spec));
  auto series = readDicomFile(file);
  ASSERT_TRUE(series) << series.error().describe();
  ASSERT_EQ(series->size(), 3u);
  EXPECT_EQ(series->slices[2].pixels, (std::vector<float>{8, 9, 10, 11}));
  EXPECT_EQ(series->slices[2].meta.frameIndex, 2);
  EXPECT_EQ(series->slices[2].meta.frameCount, 3);
}

TEST_F(DicomReaderTest, CompressedRleAndJpegLsDecodeToTheSamePixels) {
  DicomSpec spec;
  spec.rows = 8;
  spec.columns = 8;
  spec.isSigned = true;
  spec.samples = ramp(64, 0xFF00, 37);  // crosses zero (signed) and wraps
  for (auto& s : spec.samples) s &= 0xFFFF;
  const Image plain = readOne(spec);
  for (E_TransferSyntax xfer : {EXS_RLELossless, EXS_JPEGLSLossless, EXS_BigEndianExplicit, EXS_LittleEndianImplicit,
                                EXS_DeflatedLittleEndianExplicit}) {
    const Image decoded = readOne(spec, xfer);
    EXPECT_EQ(decoded.pixels, plain.pixels) << DcmXfer(xfer).getXferName();
  }
}

TEST_F(DicomReaderTest, UnsupportedTransferSyntaxIsNamedExactly) {
  const std::string file = path("j2k.dcm");
  ASSERT_TRUE(test::writeEncapsulatedDicom(file, EXS_JPEG2000LosslessOnly));
  auto series = readDicomFile(file);
  ASSERT_FALSE(series);
  EXPECT_EQ(series.error().code, ErrorCode::UnsupportedTransferSyntax);
  EXPECT_EQ(series.error().message, "unsupported transfer syntax JPEG 2000 (1.2.840.10008.1.2.4.90)");
}

TEST_F(DicomReaderTest, HostileHeaderIsRefusedBeforeAllocating) {
  DicomSpec spec;
  spec.rows = 65535;
  spec.columns = 65535;
  spec.numberOfFrames = "100000";
  spec.samples = ramp(16);
  const std::string file = path("hostile.dcm");
  ASSERT_TRUE(writeDicom(file, spec));
  auto series = readDicomFile(file);
  ASSERT_FALSE(series);
  EXPECT_EQ(series.error().code, ErrorCode::ImageTooLarge);

  // Plausible size, but the pixel data is far shorter than the header says.
  spec.rows = 512;
  spec.columns = 512;
  spec.numberOfFrames = "4";
  ASSERT_TRUE(writeDicom(file, spec));
  auto shortData = readDicomFile(file);
  ASSERT_FALSE(shortData);
  EXPECT_EQ(shortData.error().code, ErrorCode::MalformedData);
  EXPECT_NE(shortData.error().message.find("pixel data holds"), std::string::npos);
}

// Regression: the DICOM fuzzer found that DCMTK allocates an element's
// declared length (here 3 GB) inside a deflated dataset before noticing that
// the stream ends. The reader now refuses it before DCMTK parses the file.
TEST_F(DicomReaderTest, DeflatedElementLongerThanTheStreamIsRefusedBeforeParsing) {
  ASSERT_TRUE(writeFileAtomically(path("hostile.dcm"), test::hostileDeflatedDicom(0xBCBCBCBCU)));
  auto series = readDicomFile(path("hostile.dcm"));
  ASSERT_FALSE(series);
  EXPECT_EQ(series.error().code, ErrorCode::MalformedData);
  EXPECT_NE(series.error().message.find("(0009,1010) declares 3166485692 bytes"), std::string::npos)
      << series.error().message;
  // The same layout with an honest length reads (and is then not an image).
  ASSERT_TRUE(writeFileAtomically(path("honest.dcm"), test::hostileDeflatedDicom(16)));
  auto honest = readDicomFile(path("honest.dcm"));
  ASSERT_FALSE(honest);
  EXPECT_EQ(honest.error().code, ErrorCode::NotAnImage) << honest.error().describe();
}

TEST_F(DicomReaderTest, MalformedHeadersAndNonImagesGiveClearCodes) {
  DicomSpec spec;
  spec.numberOfFrames = "1A";
  spec.samples = ramp(16);
  ASSERT_TRUE(writeDicom(path("frames.dcm"), spec));
  auto a = readDicomFile(path("frames.dcm"));
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code, ErrorCode::MalformedData);
  EXPECT_NE(a.error().message.find("NumberOfFrames"), std::string::npos);

  DcmFileFormat sr;
  sr.getDataset()->putAndInsertString(DCM_SOPClassUID, UID_BasicTextSRStorage);
  sr.getDataset()->putAndInsertString(DCM_SOPInstanceUID, "1.2.3.4");
  sr.getDataset()->putAndInsertString(DCM_Modality, "SR");
  ASSERT_TRUE(sr.saveFile(path("sr.dcm").c_str(), EXS_LittleEndianExplicit).good());
  auto b = readDicomFile(path("sr.dcm"));
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().code, ErrorCode::NotAnImage);
  EXPECT_NE(b.error().message.find("SR"), std::string::npos);

  const std::string whole = test::readBytes(path("frames.dcm"));
  ASSERT_TRUE(writeFileAtomically(path("cut.dcm"), whole.substr(0, whole.size() - 10)));
  auto c = readDicomFile(path("cut.dcm"));
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, ErrorCode::MalformedData);
}

TEST_F(DicomReaderTest, FolderSeriesIsSortedAlongTheSliceNormal) {
  // An oblique series (normal (0, -sin, cos)), files written in shuffled order.
  const double s = std::sin(0.3), c = std::cos(0.3);
  const int order[5] = {3, 0, 4, 1, 2};
  std::filesystem::create_directories(path("series"));
  for (int k = 0; k < 5; ++k) {
    const int slice = order[k];
    DicomSpec spec;
    spec.rows = 2;
    spec.columns = 2;
    spec.samples = std::vector<std::uint32_t>(4, static_cast<std::uint32_t>(slice));
    spec.extra = [&, slice](DcmDataset& ds) {
      const std::string position = "0\\" + std::to_string(-s * 2.5 * slice) + "\\" + std::to_string(c * 2.5 * slice);
      ds.putAndInsertString(DCM_ImagePositionPatient, position.c_str());
      ds.putAndInsertString(DCM_ImageOrientationPatient,
                            ("1\\0\\0\\0\\" + std::to_string(c) + "\\" + std::to_string(s)).c_str());
      ds.putAndInsertString(DCM_InstanceNumber, std::to_string(10 - slice).c_str());  // deliberately reversed
    };
    ASSERT_TRUE(writeDicom(path("series/f" + std::to_string(k) + ".dcm"), spec));
  }
  ASSERT_TRUE(writeFileAtomically(path("series/README.txt"), "not DICOM"));
  auto series = readImageSeries(path("series"));
  ASSERT_TRUE(series) << series.error().describe();
  ASSERT_EQ(series->size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(series->slices[static_cast<std::size_t>(i)].pixels[0], static_cast<float>(i));
  ASSERT_TRUE(series->slices[0].meta.sliceSpacingMm);
  EXPECT_NEAR(*series->slices[0].meta.sliceSpacingMm, 2.5, 1e-4);
  EXPECT_TRUE(hasNote(series->notes, "1 file(s) that are not DICOM skipped"));
}

TEST_F(DicomReaderTest, FolderWithoutPositionsFallsBackToInstanceNumberAndSaysSo) {
  std::filesystem::create_directories(path("series"));
  for (int k = 0; k < 3; ++k) {
    DicomSpec spec;
    spec.rows = 1;
    spec.columns = 2;
    spec.samples = {static_cast<std::uint32_t>(k), 0};
    spec.extra = [k](DcmDataset& ds) { ds.putAndInsertString(DCM_InstanceNumber, std::to_string(3 - k).c_str()); };
    ASSERT_TRUE(writeDicom(path("series/" + std::to_string(k) + ".dcm"), spec));
  }
  auto series = readDicomFolder(path("series"));
  ASSERT_TRUE(series) << series.error().describe();
  ASSERT_EQ(series->size(), 3u);
  EXPECT_EQ(series->slices[0].pixels[0], 2.0f);
  EXPECT_EQ(series->slices[2].pixels[0], 0.0f);
  EXPECT_TRUE(hasNote(series->notes, "sorted by InstanceNumber"));
}
