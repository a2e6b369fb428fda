// SPDX-License-Identifier: GPL-3.0-or-later
// edgefuse-cli register, and the alignment step that fuse runs before fusing:
// parsing and wiring only; the work is done by core/pipeline/PreparePair.

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>

#include "CliOutput.h"
#include "Commands.h"
#include "core/io/DicomWriter.h"
#include "core/io/ImageReader.h"
#include "core/io/PngWriter.h"
#include "core/io/SpatialRegistration.h"
#include "core/io/VolumeIO.h"
#include "core/registration/TransformFile.h"

namespace edgefuse::cli {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool endsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

double msSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

nlohmann::json vec(const Vec3& v) {
  return nlohmann::json::array({v[0], v[1], v[2]});
}

// A progress line on stderr for the registration (not with --json).
PrepareProgress progressPrinter(bool quiet) {
  if (quiet) return {};
  return [](const std::string& stage, double fraction) {
    if (stage == "register") std::cerr << "\raligning: " << static_cast<int>(fraction * 100.0 + 0.5) << "%";
    if (stage == "score") std::cerr << "\n";
  };
}

// Slice k of B's resampled volume as a [0,1] image for PNG and DICOM output:
// grey by B's nominal range, colour by 0..255.
Image unitSlice(const ResampledVolume& b, int k = 0) {
  Image slice = volumeSlice(b.volume, k);
  const double lo = b.volume.meta.nominalMin, hi = b.volume.meta.nominalMax;
  const double scale = hi > lo ? 1.0 / (hi - lo) : 1.0;
  for (float& v : slice.pixels) v = static_cast<float>(std::clamp((v - lo) * scale, 0.0, 1.0));
  return slice;
}

// --transform and --interpolation, shared by fuse and register.
void addRegistrationOptions(ArgParser& parser) {
  parser.option("transform", "rigid|affine", "Transform of the registration", "rigid");
  parser.option("interpolation", "linear|bspline", "Resampling of B into A's grid", "linear");
}

Expected<void> readRegistrationOptions(const ArgParser& parser, AlignOptions& options) {
  const std::string kind = parser.value("transform");
  if (kind == "affine") {
    options.kind = TransformKind::Affine;
  } else if (kind != "rigid") {
    return fail(ErrorCode::InvalidArgument, "--transform must be rigid or affine", kind);
  }
  const std::string interpolation = parser.value("interpolation");
  if (interpolation == "bspline") {
    options.interpolation = Interpolation::BSpline;
  } else if (interpolation != "linear") {
    return fail(ErrorCode::InvalidArgument, "--interpolation must be linear or bspline", interpolation);
  }
  return {};
}

// B resampled into A's grid as a DICOM Secondary Capture series in A's study,
// frame of reference and geometry (one slice: the file `path`; a volume: the
// series folder `path`). Each slice references A's slice and B.
Expected<void> writeResampledDicom(const std::string& path, const Volume& fixed, const Volume& moving,
                                   const PreparedPair& pair, const OutputPolicy& policy) {
  const int slices = pair.b.volume.geometry.size[2];
  const bool perSlice = static_cast<int>(fixed.instances.size()) == slices;
  std::vector<DerivedImage> images;
  for (int k = 0; k < slices; ++k) {
    ImageMeta a = volumeSlice(fixed, k).meta;
    a.identity.sopInstanceUid = perSlice ? fixed.instances[static_cast<std::size_t>(k)].sopInstanceUid : "";
    a.identity.sopClassUid = perSlice ? fixed.instances[static_cast<std::size_t>(k)].sopClassUid : "";
    images.push_back({unitSlice(pair.b, k), {a, moving.meta}});
  }
  DicomExportOptions options;
  options.seriesDescription = "EdgeFuse: B resampled into A's grid (research)";
  options.seriesNumber = 9003;
  options.derivationDescription = std::string("B (") + (moving.meta.modality.empty() ? "?" : moving.meta.modality) +
                                  ") resampled into the grid of A by " + alignMethodName(pair.method) +
                                  "; voxels of A that B does not cover hold B's background; values scaled from B's "
                                  "nominal range to 0..65535";
  auto written = writeDerivedDicomSeries(path, images, options, policy);
  if (!written) return tl::unexpected(written.error());
  return {};
}

}  // namespace

void addAlignOptions(ArgParser& parser) {
  parser.option("align", "none|auto|geometry|register|FILE",
                "How B is brought onto A: none (default for now: B must already be on A's grid), auto (same frame "
                "of reference: by geometry, else registration), geometry, register, or an ITK transform file "
                "(fixed to moving). Every mode but none applies the alignment gate",
                "none");
  addRegistrationOptions(parser);
  parser.flag("force-unaligned", "Fuse even when the alignment gate refuses the pair (the score is reported)");
}

Expected<AlignOptions> alignOptionsFrom(const ArgParser& parser) {
  AlignOptions options;
  const std::string align = parser.value("align");
  options.mode = parseAlignMode(align);
  if (options.mode == AlignMode::File) options.transformFile = align;
  if (auto ok = readRegistrationOptions(parser, options); !ok) return tl::unexpected(ok.error());
  return options;
}

nlohmann::json alignmentJson(const PreparedPair& pair, bool forced) {
  nlohmann::json j;
  j["method"] = alignMethodName(pair.method);
  nlohmann::json matrix = nlohmann::json::array();
  for (int r = 0; r < 4; ++r) {
    matrix.push_back({pair.fixedToMoving.m[r * 4], pair.fixedToMoving.m[r * 4 + 1], pair.fixedToMoving.m[r * 4 + 2],
                      pair.fixedToMoving.m[r * 4 + 3]});
  }
  j["matrix"] = matrix;
  j["maps"] = "fixed_to_moving";
  j["frame"] = "LPS mm";
  const Vec3 angles = pair.fixedToMoving.eulerAngles();
  j["rotation_deg"] =
      vec({angles[0] * 57.29577951308232, angles[1] * 57.29577951308232, angles[2] * 57.29577951308232});
  if (pair.registration) {
    const auto& r = *pair.registration;
    j["translation_mm"] = vec(r.translationMm);
    j["registration"] = {{"dimension", r.dimension},
                         {"metric", "mattes_mutual_information"},
                         {"metric_value", r.metricValue},
                         {"iterations", r.iterations},
                         {"iterations_per_level", r.iterationsPerLevel},
                         {"start", r.start},
                         {"stop_reason", r.stopReason},
                         {"converged", r.converged},
                         {"ms", r.ms}};
  } else {
    j["translation_mm"] = vec(pair.fixedToMoving.translation());
  }
  j["score"] = {{"score", pair.score.score},
                {"nmi", pair.score.nmi},
                {"edge_agreement", pair.score.edgeAgreement},
                {"coverage", pair.score.coverage}};
  j["gate"] = {{"passed", pair.gate.passed},
               {"threshold", pair.gate.threshold},
               {"reason", pair.gate.reason},
               {"forced", forced && !pair.gate.passed}};
  j["timings_ms"] = {{"align", pair.alignMs}, {"resample", pair.resampleMs}, {"score", pair.scoreMs}};
  j["notes"] = pair.notes;
  return j;
}

Expected<AlignedInputs> alignInputs(ImageSeries a, ImageSeries b, const AlignOptions& options, bool force, bool quiet) {
  AlignedInputs out;
  if (options.mode == AlignMode::None) {
    out.a = std::move(a);
    out.b = std::move(b);
    return out;
  }
  auto volumeA = volumeFromSeries(a);
  if (!volumeA) return tl::unexpected(volumeA.error());
  auto volumeB = volumeFromSeries(b);
  if (!volumeB) return tl::unexpected(volumeB.error());
  auto pair = preparePair(*volumeA, *volumeB, options, progressPrinter(quiet));
  if (!pair) return tl::unexpected(pair.error());
  if (!pair->gate.passed && !force) return tl::unexpected(gateRefusal(*pair));
  if (!pair->gate.passed)
    pair->notes.push_back("fused although the alignment gate refused the pair (--force-unaligned)");
  // A's slices as read, unless building the volume re-gridded them.
  out.a = volumeA->geometry.size[2] == static_cast<int>(a.size()) ? std::move(a) : volumeToSeries(*volumeA);
  if (pair->method == AlignMethod::SameGrid && volumeB->geometry.size[2] == static_cast<int>(b.size())) {
    out.b = std::move(b);
  } else {
    out.b = volumeToSeries(pair->b.volume);
    for (auto& slice : out.b.slices) {
      // A resampled slice is no longer one of B's instances.
      slice.meta.identity.sopInstanceUid.clear();
      slice.meta.identity.frameOfReferenceUid = volumeA->geometry.frameOfReferenceUid;
    }
  }
  out.json = alignmentJson(*pair, force);
  out.notes = pair->notes;
  return out;
}

int runRegister(int argc, char** argv) {
  ArgParser parser(
      "edgefuse-cli register --fixed A --moving B [--transform rigid|affine] [--out RESAMPLED] "
      "[--save-transform T.tfm|REG.dcm] [--json]",
      "Registers B (moving) to A (fixed) with Mattes mutual information (rigid by default; 2-D for two single "
      "slices, 3-D for volumes), resamples B into A's grid, scores the alignment and applies the alignment gate. "
      "Writes nothing when the gate refuses the pair, unless --force-unaligned.");
  parser.option("fixed", "FILE|DIR", "Fixed image A: image, DICOM file, series folder, DICOMDIR, NIfTI, NRRD, MHA");
  parser.option("moving", "FILE|DIR", "Moving image B, same kinds");
  addRegistrationOptions(parser);
  parser.option("out", "FILE",
                "Write B resampled into A's grid: .png (one slice), .nii or .nii.gz, or .dcm (a DICOM file for one "
                "slice, a DICOM series folder of that name for a volume; A's study, frame of reference and geometry)");
  parser.option("save-transform", "FILE",
                "Write the transform (fixed to moving, LPS mm) as an ITK .tfm file, or as a DICOM Spatial "
                "Registration object (.dcm; needs two DICOM series with different frames of reference)");
  parser.flag("force-unaligned", "Write the outputs even when the alignment gate refuses the pair");
  parser.flag("json", "Print the result as JSON");
  if (auto ok = parser.parse(argc, argv, 2); !ok) return reportError(ok.error(), false);
  if (parser.helpRequested()) {
    std::cout << parser.helpText();
    return 0;
  }
  const bool json = parser.has("json");
  for (const char* required : {"fixed", "moving"}) {
    if (!parser.has(required)) {
      return reportError({ErrorCode::InvalidArgument, std::string("--") + required + " is required", ""}, json);
    }
  }
  AlignOptions options;
  options.mode = AlignMode::Register;
  if (auto ok = readRegistrationOptions(parser, options); !ok) return reportError(ok.error(), json);
  const std::string out = parser.value("out");
  const std::string outLower = lower(out);
  const std::string transformPath = parser.value("save-transform");
  OutputPolicy policy;
  policy.protectedPaths = {parser.value("fixed"), parser.value("moving")};
  if (!out.empty()) {
    if (!endsWith(outLower, ".png") && !isNiftiPath(out) && !endsWith(outLower, ".dcm")) {
      return reportError({ErrorCode::UnsupportedFormat, "--out must end in .png, .nii, .nii.gz or .dcm", out}, json);
    }
    if (auto ok = checkOutputPath(out, policy); !ok) return reportError(ok.error(), json);
  }
  if (!transformPath.empty()) {
    const std::string t = lower(transformPath);
    if (!endsWith(t, ".tfm") && !endsWith(t, ".txt") && !endsWith(t, ".dcm")) {
      return reportError(
          {ErrorCode::UnsupportedFormat, "--save-transform must end in .tfm, .txt or .dcm", transformPath}, json);
    }
    if (auto ok = checkOutputPath(transformPath, policy); !ok) return reportError(ok.error(), json);
  }
  const auto readStart = std::chrono::steady_clock::now();
  auto fixed = readVolume(parser.value("fixed"));
  if (!fixed) return reportError(fixed.error(), json);
  auto moving = readVolume(parser.value("moving"));
  if (!moving) return reportError(moving.error(), json);
  const double readMs = msSince(readStart);
  auto pair = preparePair(*fixed, *moving, options, progressPrinter(json));
  if (!pair) return reportError(pair.error(), json);
  const bool force = parser.has("force-unaligned");
  if (!pair->gate.passed && !force) return reportError(gateRefusal(*pair), json);
  // The Spatial Registration object is checked before anything is written.
  SpatialRegistrationExport registration;
  registration.fixed = &*fixed;
  registration.moving = &*moving;
  registration.fixedToMoving = pair->fixedToMoving;
  registration.rigid = options.kind == TransformKind::Rigid;
  const bool sro = endsWith(lower(transformPath), ".dcm");
  if (sro) {
    if (auto ok = checkSpatialRegistration(registration); !ok) {
      return reportError({ok.error().code, ok.error().message, transformPath}, json);
    }
  }
  if (!out.empty()) {
    if (endsWith(outLower, ".png")) {
      if (!pair->b.volume.is2D()) {
        return reportError({ErrorCode::InvalidArgument, "PNG output is for one slice; use .nii.gz for volumes", out},
                           json);
      }
      const Image slice = unitSlice(pair->b);
      if (auto w = writePng(out, slice, slice.channels == 3 ? 8 : 16, {}, policy); !w) {
        return reportError(w.error(), json);
      }
    } else if (endsWith(outLower, ".dcm")) {
      if (auto w = writeResampledDicom(out, *fixed, *moving, *pair, policy); !w) return reportError(w.error(), json);
    } else if (auto w = writeNifti(out, pair->b.volume, policy); !w) {
      return reportError(w.error(), json);
    }
  }
  if (sro) {
    if (auto w = writeSpatialRegistration(transformPath, registration, policy); !w) return reportError(w.error(), json);
  } else if (!transformPath.empty()) {
    if (auto w = writeItkTransform(transformPath, pair->fixedToMoving, policy); !w) return reportError(w.error(), json);
  }
  nlohmann::json j = alignmentJson(*pair, force);
  j["fixed"] = parser.value("fixed");
  j["moving"] = parser.value("moving");
  j["fixed_geometry"] = describeGeometry(fixed->geometry);
  j["moving_geometry"] = describeGeometry(moving->geometry);
  j["timings_ms"]["read"] = readMs;
  if (!out.empty()) j["output"] = out;
  if (!transformPath.empty()) j["transform_file"] = transformPath;
  for (const auto& note : fixed->notes) j["notes"].push_back("A: " + note);
  for (const auto& note : moving->notes) j["notes"].push_back("B: " + note);
  if (json) {
    std::cout << j.dump(2) << "\n";
  } else {
    for (const auto& note : j["notes"]) std::cerr << "note: " << note.get<std::string>() << "\n";
    const auto& rot = j["rotation_deg"];
    const auto& tr = j["translation_mm"];
    std::cerr << "rotation " << rot[0].get<double>() << ", " << rot[1].get<double>() << ", " << rot[2].get<double>()
              << " degrees; translation " << tr[0].get<double>() << ", " << tr[1].get<double>() << ", "
              << tr[2].get<double>() << " mm; " << pair->gate.reason << "\n";
  }
  return 0;
}

}  // namespace edgefuse::cli
