// SPDX-License-Identifier: GPL-3.0-or-later
// Exports made from real sources (the pydicom MR, the Slicer head CT, an
// AANLIB SPECT pair), checked with dciodvfy and DCMTK's tools.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "IoTestSupport.h"
#include "core/fusion/Engine.h"
#include "core/io/DicomReader.h"
#include "core/io/ImageReader.h"
#include "core/io/PngWriter.h"
#include "core/pipeline/Export.h"
#include "core/pipeline/VolumeFusion.h"
#include "support/TestSupport.h"

using namespace edgefuse;

namespace {

class ExportRealDataTest : public test::TempDirTest {
 protected:
  void SetUp() override {
    test::TempDirTest::SetUp();
    EngineConfig config;
    config.requireModel = false;
    config.device = DevicePreference::Cpu;
    config.threads = 1;
    auto engine = Engine::create(config);
    ASSERT_TRUE(engine) << engine.error().describe();
    m_engine = std::move(*engine);
    m_options.method = Method::Average;
  }
  std::vector<std::uint32_t> stored(const Image& unit, double scale) const {
    std::vector<std::uint32_t> out;
    for (float v : unit.pixels)
      out.push_back(static_cast<std::uint32_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * scale)));
    return out;
  }
  std::unique_ptr<Engine> m_engine;
  FusionOptions m_options;
};

}  // namespace

TEST_F(ExportRealDataTest, MrAndCtSliceExportIntoTheMrStudy) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  EDGEFUSE_REQUIRE_TOOL("/usr/bin/dciodvfy");
  EDGEFUSE_REQUIRE_TOOL("/usr/bin/dcm2pnm");
  auto mr = readImage(shared + "/data/dicom/pydicom/test_files/MR_small.dcm");
  auto ct = readImage(shared + "/data/dicom/slicer-ct-head/CTHead40.dcm");
  ASSERT_TRUE(mr && ct);
  auto result = m_engine->fuse(*mr, *ct, m_options);
  ASSERT_TRUE(result) << result.error().describe();
  auto report = exportFusedDicom({*result}, {mr->meta}, {ct->meta}, path("fused.dcm"), false, {});
  ASSERT_TRUE(report) << report.error().describe();
  test::validateExportedDicom(path("fused.dcm"), stored(result->fused, 65535.0), false, m_dir.string());
  // Different patients: allowed (research data), but said.
  EXPECT_TRUE(std::any_of(report->notes.begin(), report->notes.end(),
                          [](const std::string& n) { return n.find("different PatientIDs") != std::string::npos; }));
  auto back = readDicomFile(path("fused.dcm"));
  ASSERT_TRUE(back);
  const ImageIdentity& id = back->slices.front().meta.identity;
  EXPECT_EQ(id.studyInstanceUid, mr->meta.identity.studyInstanceUid);
  EXPECT_EQ(id.patientId, mr->meta.identity.patientId);
  EXPECT_NE(id.seriesInstanceUid, mr->meta.identity.seriesInstanceUid);
  EXPECT_EQ(back->slices.front().meta.modality, "OT");
  const std::string bytes = test::readBytes(path("fused.dcm"));
  EXPECT_NE(bytes.find(mr->meta.identity.sopInstanceUid), std::string::npos);
  EXPECT_NE(bytes.find(ct->meta.identity.sopInstanceUid), std::string::npos);

  // Anonymised: none of the MR's identity is left.
  ASSERT_TRUE(exportFusedDicom({*result}, {mr->meta}, {ct->meta}, path("anon.dcm"), true, {}));
  std::string output;
  EXPECT_TRUE(test::dciodvfyErrors(path("anon.dcm"), &output).empty()) << output;
  const std::string anon = test::readBytes(path("anon.dcm"));
  for (const std::string& secret :
       {mr->meta.identity.patientName, mr->meta.identity.patientId, mr->meta.identity.studyInstanceUid,
        mr->meta.identity.sopInstanceUid, ct->meta.identity.sopInstanceUid, ct->meta.identity.patientName}) {
    ASSERT_FALSE(secret.empty());
    EXPECT_EQ(anon.find(secret), std::string::npos) << secret;
  }

  // PNG text never carries identity either.
  ASSERT_TRUE(exportFusedPng(*result, path("fused.png"), {mr->meta.sourcePath, ct->meta.sourcePath}, {}));
  auto text = readPngText(path("fused.png"));
  ASSERT_TRUE(text);
  for (const auto& entry : *text) {
    for (const std::string& secret : {mr->meta.identity.patientName, mr->meta.identity.patientId,
                                      ct->meta.identity.patientName, ct->meta.identity.patientId}) {
      EXPECT_EQ(entry.text.find(secret), std::string::npos) << entry.keyword << " holds " << secret;
    }
  }
}

TEST_F(ExportRealDataTest, HeadCtVolumeExportsAsAConsistentSeries) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  EDGEFUSE_REQUIRE_TOOL("/usr/bin/dciodvfy");
  const std::string folder = shared + "/data/dicom/slicer-ct-head";
  auto ct = readImageSeries(folder);
  ASSERT_TRUE(ct) << ct.error().describe();
  auto results = fuseVolumes(*m_engine, *ct, *ct, m_options);
  ASSERT_TRUE(results) << results.error().describe();
  ASSERT_EQ(results->size(), 93u);
  std::vector<ImageMeta> metas;
  for (const auto& s : ct->slices) metas.push_back(s.meta);
  // Never into the source folder.
  auto inside = exportFusedDicom(*results, metas, metas, folder + "/fused", false, {});
  ASSERT_FALSE(inside);
  EXPECT_EQ(inside.error().code, ErrorCode::WouldOverwriteSource);

  auto report = exportFusedDicom(*results, metas, metas, path("fused"), false, {});
  ASSERT_TRUE(report) << report.error().describe();
  ASSERT_EQ(report->files.size(), 93u);
  for (const auto& f : report->files) {
    std::string output;
    ASSERT_TRUE(test::dciodvfyErrors(f, &output).empty()) << f << "\n" << output;
  }
  test::validateExportedDicom(report->files[46], stored((*results)[46].fused, 65535.0), false, m_dir.string());
  auto back = readImageSeries(path("fused"));
  ASSERT_TRUE(back) << back.error().describe();
  ASSERT_EQ(back->size(), 93u);
  for (std::size_t i = 0; i < 93; ++i) {
    const ImageMeta& m = back->slices[i].meta;
    EXPECT_EQ(*m.positionPatientMm, *metas[i].positionPatientMm) << i;
    EXPECT_EQ(m.identity.instanceNumber, static_cast<int>(i) + 1);
    EXPECT_EQ(m.identity.studyInstanceUid, metas[i].identity.studyInstanceUid);
    // The head CT has no FrameOfReferenceUID: the export gets one new frame for all slices.
    EXPECT_FALSE(m.identity.frameOfReferenceUid.empty());
    EXPECT_EQ(m.identity.frameOfReferenceUid, back->slices[0].meta.identity.frameOfReferenceUid);
  }
  EXPECT_TRUE(std::none_of(back->notes.begin(), back->notes.end(),
                           [](const std::string& n) { return n.find("InstanceNumber") != std::string::npos; }));
}

TEST_F(ExportRealDataTest, ColourSpectFusionExportsAsRgb) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  EDGEFUSE_REQUIRE_TOOL("/usr/bin/dciodvfy");
  EDGEFUSE_REQUIRE_TOOL("/usr/bin/dcm2pnm");
  auto mri = readImage(shared + "/data/aanlib/SPECT-MRI/MRI/3010.png");
  auto spect = readImage(shared + "/data/aanlib/SPECT-MRI/SPECT/3010.png");
  ASSERT_TRUE(mri && spect);
  ASSERT_EQ(spect->channels, 3);
  auto result = m_engine->fuse(*mri, *spect, m_options);
  ASSERT_TRUE(result) << result.error().describe();
  ASSERT_TRUE(result->colour);
  auto report = exportFusedDicom({*result}, {mri->meta}, {spect->meta}, path("spect.dcm"), false, {});
  ASSERT_TRUE(report) << report.error().describe();
  test::validateExportedDicom(path("spect.dcm"), stored(result->fused, 255.0), true, m_dir.string());
}
