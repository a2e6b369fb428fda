// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <cmath>

#include "IoTestSupport.h"
#include "core/base/AtomicFile.h"
#include "core/io/DicomReader.h"
#include "core/io/DicomWriter.h"

using namespace edgefuse;

namespace {

// `uidSuffix` must be digits (UIDs are numeric).
ImageMeta sourceMeta(const std::string& modality, const std::string& uidSuffix, double z = 0.0) {
  ImageMeta m;
  const std::string modalityCode = modality == "MR" ? "1" : modality == "CT" ? "2" : "3";
  m.format = "dicom";
  m.modality = modality;
  m.sourcePath = "/nonexistent/" + modality + uidSuffix + ".dcm";
  m.pixelSpacingMm = std::array<double, 2>{0.8, 0.9};
  m.sliceThicknessMm = 2.0;
  m.positionPatientMm = std::array<double, 3>{-100.0, -120.0, z};
  m.orientationPatient = std::array<double, 6>{1, 0, 0, 0, 1, 0};
  ImageIdentity& id = m.identity;
  id.patientName = "Doe^Jane";
  id.patientId = "PID-4242";
  id.patientBirthDate = "19700101";
  id.patientSex = "F";
  id.studyInstanceUid = "1.2.826.0.1.3680043.9.7433.77.1";
  id.seriesInstanceUid = "1.2.826.0.1.3680043.9.7433.77.2." + modalityCode;
  id.sopInstanceUid = "1.2.826.0.1.3680043.9.7433.77.3." + modalityCode + "." + uidSuffix;
  id.sopClassUid = modality == "CT" ? UID_CTImageStorage : UID_MRImageStorage;
  id.frameOfReferenceUid = "1.2.826.0.1.3680043.9.7433.77.4";
  id.studyDate = "20240102";
  id.studyTime = "101500";
  id.studyId = "S77";
  id.accessionNumber = "ACC-991";
  id.referringPhysicianName = "Who^Doctor";
  id.bodyPartExamined = "HEAD";
  id.specificCharacterSet = "ISO_IR 100";
  return m;
}

Image unitRamp(int width, int height, int channels) {
  Image image(width, height, channels);
  for (std::size_t i = 0; i < image.pixels.size(); ++i) {
    image.pixels[i] = static_cast<float>(i % 97) / 96.0f;
  }
  image.pixels[0] = -0.5f;  // clamped to 0
  image.pixels[1] = 1.5f;   // clamped to 1
  return image;
}

std::vector<std::uint32_t> expectedStored(const Image& unit, double scale) {
  std::vector<std::uint32_t> out;
  for (float v : unit.pixels) out.push_back(static_cast<std::uint32_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * scale)));
  return out;
}

std::string attribute(DcmDataset& ds, const DcmTagKey& tag) {
  OFString value;
  ds.findAndGetOFStringArray(tag, value);
  return value.c_str();
}

class DicomWriterTest : public test::TempDirTest {
 protected:
  void validate(const std::string& file, const std::vector<std::uint32_t>& stored, bool colour) {
    test::validateExportedDicom(file, stored, colour, m_dir.string());
  }
};

}  // namespace

TEST_F(DicomWriterTest, GreyExportIsValidDerivedSecondaryCaptureInTheSourceStudy) {
  EDGEFUSE_REQUIRE_TOOL("/usr/bin/dciodvfy");
  EDGEFUSE_REQUIRE_TOOL("/usr/bin/dcm2pnm");
  const Image unit = unitRamp(17, 11, 1);
  DicomExportOptions options;
  options.derivationDescription = "test derivation";
  options.imageComments = "made by a test";
  const ImageMeta mr = sourceMeta("MR", "1"), ct = sourceMeta("CT", "2");
  auto files = writeDerivedDicomSeries(path("fused.dcm"), {{unit, {mr, ct}}}, options, {});
  ASSERT_TRUE(files) << files.error().describe();
  ASSERT_EQ(files->size(), 1u);
  validate(path("fused.dcm"), expectedStored(unit, 65535.0), false);

  DcmFileFormat file;
  ASSERT_TRUE(file.loadFile(path("fused.dcm").c_str()).good());
  DcmDataset& ds = *file.getDataset();
  EXPECT_EQ(attribute(ds, DCM_SOPClassUID), UID_SecondaryCaptureImageStorage);
  EXPECT_EQ(attribute(ds, DCM_ImageType), "DERIVED\\SECONDARY");
  EXPECT_EQ(attribute(ds, DCM_ConversionType), "WSD");
  EXPECT_EQ(attribute(ds, DCM_BurnedInAnnotation), "NO");
  EXPECT_EQ(attribute(ds, DCM_PhotometricInterpretation), "MONOCHROME2");
  EXPECT_EQ(attribute(ds, DCM_BitsStored), "16");
  EXPECT_EQ(attribute(ds, DCM_StudyInstanceUID), mr.identity.studyInstanceUid);
  EXPECT_NE(attribute(ds, DCM_SeriesInstanceUID), mr.identity.seriesInstanceUid);
  EXPECT_EQ(attribute(ds, DCM_PatientName), "Doe^Jane");
  EXPECT_EQ(attribute(ds, DCM_PatientID), "PID-4242");
  EXPECT_EQ(attribute(ds, DCM_AccessionNumber), "ACC-991");
  EXPECT_EQ(attribute(ds, DCM_SpecificCharacterSet), "ISO_IR 100");
  EXPECT_EQ(attribute(ds, DCM_PixelSpacing), "0.8\\0.9");
  EXPECT_EQ(attribute(ds, DCM_DerivationDescription), "test derivation");
  EXPECT_NE(attribute(ds, DCM_ImageComments).find("not for primary diagnosis"), std::string::npos);
  DcmItem* ref0 = nullptr;
  DcmItem* ref1 = nullptr;
  ASSERT_TRUE(ds.findAndGetSequenceItem(DCM_SourceImageSequence, ref0, 0).good());
  ASSERT_TRUE(ds.findAndGetSequenceItem(DCM_SourceImageSequence, ref1, 1).good());
  OFString uid;
  ref0->findAndGetOFString(DCM_ReferencedSOPInstanceUID, uid);
  EXPECT_EQ(uid.c_str(), mr.identity.sopInstanceUid);
  ref1->findAndGetOFString(DCM_ReferencedSOPInstanceUID, uid);
  EXPECT_EQ(uid.c_str(), ct.identity.sopInstanceUid);
  // DCMTK's UID generator, under its root.
  EXPECT_EQ(attribute(ds, DCM_SOPInstanceUID).rfind(SITE_INSTANCE_UID_ROOT, 0), 0u);
}

TEST_F(DicomWriterTest, RgbExportIsEightBitRgb) {
  EDGEFUSE_REQUIRE_TOOL("/usr/bin/dciodvfy");
  EDGEFUSE_REQUIRE_TOOL("/usr/bin/dcm2pnm");
  const Image unit = unitRamp(9, 7, 3);
  auto files =
      writeDerivedDicomSeries(path("rgb.dcm"), {{unit, {sourceMeta("MR", "1"), sourceMeta("NM", "2")}}}, {}, {});
  ASSERT_TRUE(files) << files.error().describe();
  validate(path("rgb.dcm"), expectedStored(unit, 255.0), true);
}

TEST_F(DicomWriterTest, AnonymisedSeriesCarriesNoIdentityAndStaysConsistent) {
  EDGEFUSE_REQUIRE_TOOL("/usr/bin/dciodvfy");
  std::vector<DerivedImage> images;
  for (int i = 0; i < 3; ++i) {
    const std::string n = std::to_string(i);
    images.push_back({unitRamp(8, 8, 1), {sourceMeta("MR", n, 2.0 * i), sourceMeta("CT", n, 2.0 * i)}});
  }
  DicomExportOptions options;
  options.anonymize = true;
  auto files = writeDerivedDicomSeries(path("anon"), images, options, {});
  ASSERT_TRUE(files) << files.error().describe();
  ASSERT_EQ(files->size(), 3u);
  const ImageMeta original = sourceMeta("MR", "0");
  std::string studyUid, frameUid;
  for (const auto& f : *files) {
    std::string output;
    EXPECT_TRUE(test::dciodvfyErrors(f, &output).empty()) << output;
    const std::string bytes = test::readBytes(f);
    for (const std::string& secret :
         {std::string("Doe^Jane"), std::string("PID-4242"), std::string("19700101"), std::string("ACC-991"),
          std::string("Who^Doctor"), std::string("20240102"), original.identity.studyInstanceUid,
          original.identity.frameOfReferenceUid, original.identity.sopInstanceUid}) {
      EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " leaked into " << f;
    }
    DcmFileFormat file;
    ASSERT_TRUE(file.loadFile(f.c_str()).good());
    DcmDataset& ds = *file.getDataset();
    EXPECT_EQ(attribute(ds, DCM_PatientIdentityRemoved), "YES");
    EXPECT_EQ(attribute(ds, DCM_LongitudinalTemporalInformationModified), "REMOVED");
    DcmItem* code = nullptr;
    ASSERT_TRUE(ds.findAndGetSequenceItem(DCM_DeidentificationMethodCodeSequence, code).good());
    OFString value;
    code->findAndGetOFString(DCM_CodeValue, value);
    EXPECT_EQ(value, "113100");
    if (studyUid.empty()) {
      studyUid = attribute(ds, DCM_StudyInstanceUID);
      frameUid = attribute(ds, DCM_FrameOfReferenceUID);
    }
    // One replacement UID per original, the same in every instance.
    EXPECT_EQ(attribute(ds, DCM_StudyInstanceUID), studyUid);
    EXPECT_EQ(attribute(ds, DCM_FrameOfReferenceUID), frameUid);
  }
  EXPECT_FALSE(studyUid.empty());
}

TEST_F(DicomWriterTest, SeriesFolderKeepsGeometryAndReadsBackInOrder) {
  std::vector<DerivedImage> images;
  for (int i = 0; i < 4; ++i) {
    Image unit(6, 5, 1, static_cast<float>(i) / 4.0f);
    images.push_back({unit, {sourceMeta("MR", std::to_string(i), 3.0 * i)}});
  }
  auto files = writeDerivedDicomSeries(path("series"), images, {}, {});
  ASSERT_TRUE(files) << files.error().describe();
  ASSERT_EQ(files->size(), 4u);
  EXPECT_EQ(std::filesystem::path(files->front()).filename(), "IM0001.dcm");
  auto back = readDicomFolder(path("series"));
  ASSERT_TRUE(back) << back.error().describe();
  ASSERT_EQ(back->size(), 4u);
  for (int i = 0; i < 4; ++i) {
    const Image& s = back->slices[static_cast<std::size_t>(i)];
    EXPECT_EQ(s.pixels[0], static_cast<float>(std::lround(i / 4.0 * 65535.0)));
    EXPECT_EQ(s.meta.identity.instanceNumber, i + 1);
    EXPECT_EQ((*s.meta.positionPatientMm)[2], 3.0 * i);
    EXPECT_EQ(s.meta.identity.seriesInstanceUid, back->slices[0].meta.identity.seriesInstanceUid);
  }
  EXPECT_NEAR(*back->slices[0].meta.sliceSpacingMm, 3.0, 1e-9);
}

TEST_F(DicomWriterTest, NeverWritesIntoSourcesOrForeignFolders) {
  std::filesystem::create_directories(path("source"));
  ASSERT_TRUE(writeFileAtomically(path("source/ct.dcm"), "x"));
  OutputPolicy policy;
  policy.protectedPaths = {path("source")};
  const DerivedImage one{unitRamp(4, 4, 1), {sourceMeta("MR", "1")}};
  auto into = writeDerivedDicomSeries(path("source/fused.dcm"), {one}, {}, policy);
  ASSERT_FALSE(into);
  EXPECT_EQ(into.error().code, ErrorCode::WouldOverwriteSource);
  auto over = writeDerivedDicomSeries(path("source"), {one, one}, {}, policy);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, ErrorCode::WouldOverwriteSource);
  auto parent = writeDerivedDicomSeries(m_dir.string(), {one, one}, {}, policy);
  ASSERT_FALSE(parent);
  EXPECT_EQ(parent.error().code, ErrorCode::WouldOverwriteSource);

  // An earlier export is replaced; a folder with other files is not.
  ASSERT_TRUE(writeDerivedDicomSeries(path("out"), {one, one}, {}, {}));
  auto again = writeDerivedDicomSeries(path("out"), {one, one, one}, {}, {});
  ASSERT_TRUE(again) << again.error().describe();
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(path("out")), {}), 3);
  ASSERT_TRUE(writeFileAtomically(path("out/notes.txt"), "mine"));
  auto foreign = writeDerivedDicomSeries(path("out"), {one, one}, {}, {});
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, ErrorCode::OutputExists);
  EXPECT_TRUE(std::filesystem::exists(path("out/notes.txt")));
  OutputPolicy keep;
  keep.overwrite = false;
  ASSERT_TRUE(writeDerivedDicomSeries(path("single.dcm"), {one}, {}, {}));
  auto exists = writeDerivedDicomSeries(path("single.dcm"), {one}, {}, keep);
  ASSERT_FALSE(exists);
  EXPECT_EQ(exists.error().code, ErrorCode::OutputExists);
  // Nothing temporary is left behind.
  for (const auto& entry : std::filesystem::directory_iterator(m_dir)) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
  }
}
