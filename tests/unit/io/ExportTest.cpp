// SPDX-License-Identifier: GPL-3.0-or-later
// Export of fusion results and conversion, on the built-in phantom (no
// ../shared needed): DICOM through the real validator, PNG without identity.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "IoTestSupport.h"
#include "core/fusion/Engine.h"
#include "core/image/Phantom.h"
#include "core/io/DicomReader.h"
#include "core/io/PngWriter.h"
#include "core/pipeline/Convert.h"
#include "core/pipeline/Export.h"
#include "core/pipeline/VolumeFusion.h"

using namespace edgefuse;

namespace {

class ExportTest : public test::TempDirTest {
 protected:
  static std::unique_ptr<Engine> baselineEngine() {
    EngineConfig config;
    config.requireModel = false;
    config.device = DevicePreference::Cpu;
    config.threads = 1;
    auto engine = Engine::create(config);
    EXPECT_TRUE(engine) << engine.error().describe();
    return engine ? std::move(*engine) : nullptr;
  }
  static FusionOptions average() {
    FusionOptions o;
    o.method = Method::Average;
    return o;
  }
};

}  // namespace

TEST_F(ExportTest, FusedPhantomExportsAsValidDicomAndRoundTrips) {
  EDGEFUSE_REQUIRE_TOOL("/usr/bin/dciodvfy");
  const PhantomPair phantom = makeHeadPhantom(64);
  auto engine = baselineEngine();
  ASSERT_TRUE(engine);
  auto result = engine->fuse(phantom.mri, phantom.ct, average());
  ASSERT_TRUE(result) << result.error().describe();
  auto report = exportFusedDicom({*result}, {phantom.mri.meta}, {phantom.ct.meta}, path("fused.dcm"), false, {});
  ASSERT_TRUE(report) << report.error().describe();
  ASSERT_EQ(report->files.size(), 1u);
  std::string output;
  EXPECT_TRUE(test::dciodvfyErrors(path("fused.dcm"), &output).empty()) << output;
  // The phantom is not DICOM: a new study, and the user is told.
  EXPECT_TRUE(std::any_of(report->notes.begin(), report->notes.end(),
                          [](const std::string& n) { return n.find("new study") != std::string::npos; }));
  auto back = readDicomFile(path("fused.dcm"));
  ASSERT_TRUE(back) << back.error().describe();
  const Image& image = back->slices.front();
  ASSERT_EQ(image.pixels.size(), result->fused.pixels.size());
  for (std::size_t i = 0; i < image.pixels.size(); ++i) {
    const double unit = std::clamp(static_cast<double>(result->fused.pixels[i]), 0.0, 1.0);
    ASSERT_EQ(image.pixels[i], static_cast<float>(std::lround(unit * 65535.0))) << i;
  }
  EXPECT_NE(image.meta.identity.seriesInstanceUid, "");
}

TEST_F(ExportTest, VolumeFusionChecksGeometryAndWritesASeries) {
  EDGEFUSE_REQUIRE_TOOL("/usr/bin/dciodvfy");
  const PhantomPair phantom = makeHeadPhantom(32);
  ImageSeries a, b;
  for (int i = 0; i < 3; ++i) {
    Image mri = phantom.mri, ct = phantom.ct;
    for (Image* im : {&mri, &ct}) {
      im->meta.positionPatientMm = std::array<double, 3>{0.0, 0.0, 4.0 * i};
      im->meta.orientationPatient = std::array<double, 6>{1, 0, 0, 0, 1, 0};
      im->meta.pixelSpacingMm = std::array<double, 2>{1.0, 1.0};
    }
    a.slices.push_back(mri);
    b.slices.push_back(ct);
  }
  auto engine = baselineEngine();
  ASSERT_TRUE(engine);
  auto results = fuseVolumes(*engine, a, b, average());
  ASSERT_TRUE(results) << results.error().describe();
  ASSERT_EQ(results->size(), 3u);
  std::vector<ImageMeta> ma, mb;
  for (int i = 0; i < 3; ++i) {
    ma.push_back(a.slices[static_cast<std::size_t>(i)].meta);
    mb.push_back(b.slices[static_cast<std::size_t>(i)].meta);
  }
  auto report = exportFusedDicom(*results, ma, mb, path("volume"), true, {});
  ASSERT_TRUE(report) << report.error().describe();
  ASSERT_EQ(report->files.size(), 3u);
  for (const auto& f : report->files) {
    std::string output;
    EXPECT_TRUE(test::dciodvfyErrors(f, &output).empty()) << output;
  }
  auto back = readDicomFolder(path("volume"));
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(back->size(), 3u);
  ASSERT_TRUE(back->slices[2].meta.sliceSpacingMm);
  EXPECT_NEAR(*back->slices[2].meta.sliceSpacingMm, 4.0, 1e-9);

  // A volume that is not co-registered is refused, never resampled.
  b.slices[1].meta.positionPatientMm = std::array<double, 3>{0.0, 0.0, 5.0};
  auto moved = fuseVolumes(*engine, a, b, average());
  ASSERT_FALSE(moved);
  EXPECT_EQ(moved.error().code, ErrorCode::SizeMismatch);
  b.slices.pop_back();
  auto fewer = checkVolumePair(a, b);
  ASSERT_FALSE(fewer);
  EXPECT_EQ(fewer.error().code, ErrorCode::SizeMismatch);
}

TEST_F(ExportTest, PngExportNeverCarriesPatientIdentity) {
  const PhantomPair phantom = makeHeadPhantom(32);
  auto engine = baselineEngine();
  ASSERT_TRUE(engine);
  auto result = engine->fuse(phantom.mri, phantom.ct, average());
  ASSERT_TRUE(result);
  ASSERT_TRUE(exportFusedPng(*result, path("fused.png"), {"/data/Doe_Jane/mr.dcm", "/data/Doe_Jane/ct.dcm"}, {}));
  auto text = readPngText(path("fused.png"));
  ASSERT_TRUE(text);
  for (const auto& entry : *text) {
    EXPECT_EQ(entry.text.find("Doe_Jane"), std::string::npos) << entry.keyword;
  }
  const bool saysNotForDiagnosis = std::any_of(text->begin(), text->end(), [](const PngTextEntry& e) {
    return e.text.find("not for primary diagnosis") != std::string::npos;
  });
  EXPECT_TRUE(saysNotForDiagnosis);
}

// Issue 18, defect 2: file names often carry patient names or record numbers.
TEST_F(ExportTest, AnonymisedPngExportNamesNoSourceFile) {
  const PhantomPair phantom = makeHeadPhantom(32);
  auto engine = baselineEngine();
  ASSERT_TRUE(engine);
  auto result = engine->fuse(phantom.mri, phantom.ct, average());
  ASSERT_TRUE(result);
  const std::vector<std::string> sources = {"/data/DOE_JANE_MRN12345.dcm", "/data/DOE_JANE_MRN12345_CT/"};
  result->notes.push_back("A: slice order taken from DOE_JANE_MRN12345.dcm");
  result->notes.push_back("B: read from /data/DOE_JANE_MRN12345_CT/");
  ASSERT_TRUE(exportFusedPng(*result, path("named.png"), sources, {}));
  ASSERT_TRUE(exportFusedPng(*result, path("anonymous.png"), sources, {}, /*anonymize=*/true));
  auto named = readPngText(path("named.png"));
  auto anonymous = readPngText(path("anonymous.png"));
  ASSERT_TRUE(named && anonymous);
  auto mentions = [](const std::vector<PngTextEntry>& text) {
    return std::count_if(text.begin(), text.end(),
                         [](const PngTextEntry& e) { return e.text.find("MRN12345") != std::string::npos; });
  };
  EXPECT_GT(mentions(*named), 0) << "without anonymize the file names are kept (documented)";
  EXPECT_EQ(mentions(*anonymous), 0);
  const auto source =
      std::find_if(anonymous->begin(), anonymous->end(), [](const PngTextEntry& e) { return e.keyword == "Source"; });
  ASSERT_NE(source, anonymous->end());
  EXPECT_EQ(source->text, "A; B");

  ASSERT_TRUE(exportFusedPngSeries({*result, *result}, sources, path("series"), {}, /*anonymize=*/true));
  auto slice = readPngText(path("series") + "/0002.png");
  ASSERT_TRUE(slice);
  EXPECT_EQ(mentions(*slice), 0);
}

TEST_F(ExportTest, ConvertMapsWithWindowsAndWritesPngOrDicom) {
  EDGEFUSE_REQUIRE_TOOL("/usr/bin/dciodvfy");
  const PhantomPair phantom = makeHeadPhantom(32);
  // The CT phantom as a 16-bit PNG of HU + 1024 (as `demo` writes it).
  Image stored = phantom.ct;
  for (float& v : stored.pixels) v = std::clamp((v + 1024.0f) / 65535.0f, 0.0f, 1.0f);
  ASSERT_TRUE(writePng(path("ct.png"), stored, 16));

  ConvertOptions options;
  auto toDicom = convertImage(path("ct.png"), path("ct.dcm"), options);
  ASSERT_TRUE(toDicom) << toDicom.error().describe();
  EXPECT_EQ(toDicom->mapping, "nominal range 0..65535");
  std::string output;
  EXPECT_TRUE(test::dciodvfyErrors(path("ct.dcm"), &output).empty()) << output;

  options.window = WindowPreset{"bone-ish", 1024.0 + 600.0, 2800.0};
  auto windowed = convertImage(path("ct.png"), path("ct-window.png"), options);
  ASSERT_TRUE(windowed) << windowed.error().describe();
  auto text = readPngText(path("ct-window.png"));
  ASSERT_TRUE(text);
  EXPECT_TRUE(std::any_of(text->begin(), text->end(),
                          [](const PngTextEntry& e) { return e.text.find("window bone-ish") != std::string::npos; }));

  auto badOut = convertImage(path("ct.png"), path("ct.jpg"), {});
  ASSERT_FALSE(badOut);
  EXPECT_EQ(badOut.error().code, ErrorCode::UnsupportedFormat);
  auto overSource = convertImage(path("ct.png"), path("ct.png"), {});
  ASSERT_FALSE(overSource);
  EXPECT_EQ(overSource.error().code, ErrorCode::WouldOverwriteSource);
}
