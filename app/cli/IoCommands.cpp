// SPDX-License-Identifier: GPL-3.0-or-later
// edgefuse-cli info / convert, and the volume branch of fuse: parsing and
// wiring only; reading, mapping and writing live in core/io and core/pipeline.

#include <algorithm>
#include <cmath>
#include <iostream>
#include <sstream>

#include "CliOutput.h"
#include "Commands.h"
#include "core/image/Volume.h"
#include "core/image/Windowing.h"
#include "core/io/DicomReader.h"
#include "core/io/ImageReader.h"
#include "core/io/VolumeIO.h"
#include "core/pipeline/Convert.h"
#include "core/pipeline/Export.h"
#include "core/pipeline/VolumeFusion.h"

namespace edgefuse::cli {
namespace {

const char* kindName(InputKind kind) {
  switch (kind) {
    case InputKind::Raster:
      return "raster";
    case InputKind::Dicom:
      return "dicom";
    case InputKind::DicomDir:
      return "dicomdir";
    case InputKind::Folder:
      return "folder";
    case InputKind::Volume:
      return "volume";
    case InputKind::Unknown:
      break;
  }
  return "unknown";
}

template <typename T>
nlohmann::json optionalArray(const T& value) {
  if (!value) return nullptr;
  return nlohmann::json(*value);
}

nlohmann::json infoJson(const std::string& path, InputKind kind, const ImageSeries& series,
                        const std::vector<DicomSeriesSummary>& others) {
  const Image& first = series.slices.front();
  const ImageMeta& m = first.meta;
  const ImageIdentity& id = m.identity;
  float lo = first.pixels.empty() ? 0.0f : first.pixels.front(), hi = lo;
  for (const auto& s : series.slices) {
    const auto [mn, mx] = s.minMax();
    lo = std::min(lo, mn);
    hi = std::max(hi, mx);
  }
  nlohmann::json j;
  j["path"] = path;
  j["kind"] = kindName(kind);
  j["format"] = m.format;
  j["modality"] = m.modality;
  j["width"] = first.width;
  j["height"] = first.height;
  j["channels"] = first.channels;
  j["slice_count"] = series.size();
  j["bits_allocated"] = m.bitsAllocated;
  j["bits_stored"] = m.bitsStored;
  j["signed"] = m.isSigned;
  j["photometric"] = m.photometric;
  j["transfer_syntax"] = {{"uid", m.transferSyntaxUid}, {"name", m.transferSyntaxName}};
  j["lossy_compressed"] = m.lossyCompressed;
  j["pixel_spacing_mm"] = optionalArray(m.pixelSpacingMm);
  j["slice_thickness_mm"] = optionalArray(m.sliceThicknessMm);
  j["slice_spacing_mm"] = optionalArray(m.sliceSpacingMm);
  j["orientation_patient"] = optionalArray(m.orientationPatient);
  j["position_patient_mm"] = optionalArray(m.positionPatientMm);
  j["rescale"] = {{"slope", m.rescaleSlope}, {"intercept", m.rescaleIntercept}, {"units", m.units}};
  j["nominal_range"] = {m.nominalMin, m.nominalMax};
  j["value_range"] = {lo, hi};
  nlohmann::json windows = nlohmann::json::array();
  for (const auto& w : m.windows) windows.push_back({{"name", w.name}, {"center", w.center}, {"width", w.width}});
  j["windows"] = windows;
  j["patient"] = {
      {"name", id.patientName}, {"id", id.patientId}, {"birth_date", id.patientBirthDate}, {"sex", id.patientSex}};
  j["study"] = {{"uid", id.studyInstanceUid},
                {"id", id.studyId},
                {"date", id.studyDate},
                {"description", id.studyDescription},
                {"accession_number", id.accessionNumber}};
  j["series"] = {{"uid", id.seriesInstanceUid}, {"number", id.seriesNumber}, {"description", id.seriesDescription}};
  j["frame_of_reference_uid"] = id.frameOfReferenceUid;
  j["body_part_examined"] = id.bodyPartExamined;
  if (others.size() > 1) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : others) {
      list.push_back({{"uid", s.seriesInstanceUid},
                      {"modality", s.modality},
                      {"description", s.seriesDescription},
                      {"number", s.seriesNumber},
                      {"images", s.imageCount},
                      {"files", s.fileCount}});
    }
    j["series_in_input"] = list;
  }
  std::vector<std::string> notes = series.notes;
  notes.insert(notes.end(), m.notes.begin(), m.notes.end());
  // The volume in patient space, as registration and fusion will see it.
  std::vector<std::string> volumeNotes;
  if (auto g = seriesGeometry(series, &volumeNotes)) {
    j["geometry"] = {{"size", g->size},
                     {"spacing_mm", g->spacing},
                     {"origin_mm", g->origin},
                     {"direction", g->direction},
                     {"known", g->known},
                     {"frame_of_reference_uid", g->frameOfReferenceUid},
                     {"shear_deg", g->shearDegrees()},
                     {"summary", describeGeometry(*g)}};
    for (const auto& note : volumeNotes) {
      if (std::find(notes.begin(), notes.end(), note) == notes.end()) notes.push_back(note);
    }
  } else {
    j["geometry"] = nullptr;
    notes.push_back("no volume geometry: " + g.error().describe());
  }
  j["notes"] = notes;
  return j;
}

std::string text(const nlohmann::json& v) {
  if (v.is_null()) return "unknown";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out;
    for (const auto& e : v) out += (out.empty() ? "" : " x ") + text(e);
    return out;
  }
  std::ostringstream s;
  s << v;
  return s.str();
}

void printInfoText(const nlohmann::json& j) {
  auto line = [](const char* key, const std::string& value) {
    if (!value.empty()) std::cout << key << ": " << value << "\n";
  };
  line("path", text(j["path"]));
  line("input", text(j["kind"]) + " (" + text(j["format"]) + ")");
  line("modality", text(j["modality"]));
  if (!j["geometry"].is_null()) line("geometry", text(j["geometry"]["summary"]));
  line("size", text(j["width"]) + " x " + text(j["height"]) + ", " + text(j["channels"]) + " channel(s), " +
                   text(j["slice_count"]) + " slice(s)");
  line("bit depth", text(j["bits_stored"]) + " stored of " + text(j["bits_allocated"]) + " allocated, " +
                        (j["signed"].get<bool>() ? "signed" : "unsigned"));
  line("photometric", text(j["photometric"]));
  if (!j["transfer_syntax"]["uid"].get<std::string>().empty()) {
    line("transfer syntax", text(j["transfer_syntax"]["name"]) + " (" + text(j["transfer_syntax"]["uid"]) + ")" +
                                (j["lossy_compressed"].get<bool>() ? ", lossy" : ""));
  }
  line("pixel spacing (mm)", text(j["pixel_spacing_mm"]));
  line("slice thickness (mm)", text(j["slice_thickness_mm"]));
  if (!j["slice_spacing_mm"].is_null()) line("slice spacing (mm)", text(j["slice_spacing_mm"]));
  line("rescale",
       "slope " + text(j["rescale"]["slope"]) + ", intercept " + text(j["rescale"]["intercept"]) +
           (j["rescale"]["units"].get<std::string>().empty() ? "" : ", units " + text(j["rescale"]["units"])));
  line("nominal range", text(j["nominal_range"][0]) + " .. " + text(j["nominal_range"][1]));
  line("value range", text(j["value_range"][0]) + " .. " + text(j["value_range"][1]));
  std::string windows;
  for (const auto& w : j["windows"]) {
    windows += (windows.empty() ? "" : "; ") + text(w["name"]) + " C " + text(w["center"]) + " W " + text(w["width"]);
  }
  line("windows", windows);
  line("patient", text(j["patient"]["name"]) +
                      (j["patient"]["id"].get<std::string>().empty() ? "" : " (id " + text(j["patient"]["id"]) + ")"));
  line("study", text(j["study"]["uid"]) +
                    (j["study"]["id"].get<std::string>().empty() ? "" : " (id " + text(j["study"]["id"]) + ")") +
                    (j["study"]["date"].get<std::string>().empty() ? "" : ", " + text(j["study"]["date"])));
  line("series", text(j["series"]["uid"]) + (j["series"]["description"].get<std::string>().empty()
                                                 ? ""
                                                 : " '" + text(j["series"]["description"]) + "'"));
  if (j.contains("series_in_input")) {
    std::cout << "series in this input:\n";
    for (const auto& s : j["series_in_input"]) {
      std::cout << "  " << text(s["uid"]) << "  " << text(s["modality"]) << "  '" << text(s["description"]) << "'  "
                << text(s["images"]) << " image(s)\n";
    }
  }
  for (const auto& n : j["notes"]) std::cerr << "note: " << n.get<std::string>() << "\n";
}

Expected<std::optional<WindowPreset>> windowFrom(const ArgParser& parser) {
  if (parser.has("window") && parser.has("window-preset")) {
    return fail(ErrorCode::InvalidArgument, "give --window or --window-preset, not both");
  }
  if (parser.has("window-preset")) {
    auto preset = findCtWindowPreset(parser.value("window-preset"));
    if (!preset) {
      return fail(ErrorCode::InvalidArgument,
                  "unknown --window-preset '" + parser.value("window-preset") + "' (brain, subdural or bone)");
    }
    return std::optional<WindowPreset>(*preset);
  }
  if (!parser.has("window")) return std::optional<WindowPreset>();
  const std::string value = parser.value("window");
  const auto comma = value.find(',');
  try {
    if (comma == std::string::npos) throw std::invalid_argument("no comma");
    std::size_t used = 0;
    const double center = std::stod(value.substr(0, comma), &used);
    if (used != comma) throw std::invalid_argument("centre");
    const std::string widthText = value.substr(comma + 1);
    const double width = std::stod(widthText, &used);
    if (used != widthText.size()) throw std::invalid_argument("width");
    if (!std::isfinite(center) || !std::isfinite(width) || width < 1.0) throw std::invalid_argument("range");
    return std::optional<WindowPreset>(WindowPreset{"custom", center, width});
  } catch (const std::exception&) {
    return fail(ErrorCode::InvalidArgument, "--window needs CENTER,WIDTH with WIDTH >= 1, e.g. --window 40,80");
  }
}

}  // namespace

int runInfo(int argc, char** argv) {
  ArgParser parser("edgefuse-cli info FILE_OR_DIR [--json]",
                   "Describes an input: raster file, DICOM file, series folder or DICOMDIR. Prints modality, size, "
                   "bit depth, photometric interpretation, transfer syntax, spacing, rescale, windows, slice count "
                   "and the patient/study/series identifiers (identity is shown: this is a local tool).");
  parser.positional("FILE_OR_DIR", "The input to describe");
  parser.option("series", "UID", "In a folder or DICOMDIR with several series: the one to describe (default: largest)");
  parser.flag("json", "Print the description as JSON on stdout");
  if (auto ok = parser.parse(argc, argv, 2); !ok) return reportError(ok.error(), false);
  if (parser.helpRequested()) {
    std::cout << parser.helpText();
    return 0;
  }
  const bool json = parser.has("json");
  if (parser.positionals().size() != 1) {
    return reportError({ErrorCode::InvalidArgument, "info needs exactly one FILE_OR_DIR", ""}, json);
  }
  const std::string path = parser.positionals().front();
  const InputKind kind = detectInputKind(path);
  Expected<ImageSeries> series =
      parser.has("series") ? readDicom(path, DicomReadOptions{parser.value("series")}) : readImageSeries(path);
  if (!series) return reportError(series.error(), json);
  std::vector<DicomSeriesSummary> others;
  if (kind == InputKind::Folder || kind == InputKind::DicomDir) {
    if (auto listed = listDicomSeries(path)) others = std::move(*listed);
  }
  const nlohmann::json j = infoJson(path, kind, *series, others);
  if (json) {
    std::cout << j.dump(2) << "\n";
  } else {
    printInfoText(j);
  }
  return 0;
}

int runConvert(int argc, char** argv) {
  ArgParser parser("edgefuse-cli convert IN OUT [--window C,W | --window-preset brain|bone|subdural] [--anonymize]",
                   "Converts any readable input (PNG, JPEG, TIFF, BMP, DICOM file, series folder, DICOMDIR) to PNG "
                   "(OUT ends in .png) or to a DICOM Secondary Capture derived from it (OUT ends in .dcm). Values are "
                   "mapped to the output by the window, else the file's first window, else the pixel type's nominal "
                   "range. A multi-slice input goes into a folder named like OUT without its extension.");
  parser.positional("IN", "Input file or folder");
  parser.positional("OUT", "Output file (.png or .dcm)");
  parser.option("window", "C,W", "VOI window centre and width in the input's units (e.g. HU), e.g. 40,80");
  parser.option("window-preset", "NAME", "A standard CT window: brain (40,80), subdural (75,215), bone (600,2800)");
  parser.option("bit-depth", "8|16", "PNG bit depth for grey output (default: 8 for 8-bit inputs, else 16)");
  parser.option("series", "UID", "In a folder or DICOMDIR with several series: the one to convert (default: largest)");
  parser.flag("anonymize",
              "Remove patient identity: DICOM output by the PS3.15 basic profile; neither DICOM nor PNG output "
              "names the input file (file names often carry patient names)");
  parser.flag("no-overwrite", "Fail instead of replacing an existing output");
  parser.flag("json", "Print a JSON description of what was written (and errors with their code)");
  if (auto ok = parser.parse(argc, argv, 2); !ok) return reportError(ok.error(), false);
  if (parser.helpRequested()) {
    std::cout << parser.helpText();
    return 0;
  }
  const bool json = parser.has("json");
  if (parser.positionals().size() != 2) {
    return reportError({ErrorCode::InvalidArgument, "convert needs IN and OUT", ""}, json);
  }
  ConvertOptions options;
  auto window = windowFrom(parser);
  if (!window) return reportError(window.error(), json);
  options.window = *window;
  options.anonymize = parser.has("anonymize");
  options.seriesInstanceUid = parser.value("series");
  options.policy.overwrite = !parser.has("no-overwrite");
  if (parser.has("bit-depth")) {
    const std::string depth = parser.value("bit-depth");
    if (depth != "8" && depth != "16") {
      return reportError({ErrorCode::InvalidArgument, "--bit-depth must be 8 or 16", ""}, json);
    }
    options.pngBitDepth = std::stoi(depth);
  }
  const std::string& in = parser.positionals()[0];
  const std::string& out = parser.positionals()[1];
  auto report = convertImage(in, out, options);
  if (!report) return reportError(report.error(), json);
  if (json) {
    nlohmann::json j;
    j["input"] = in;
    j["files"] = report->files;
    j["mapping"] = report->mapping;
    j["anonymized"] = options.anonymize;
    j["notes"] = report->notes;
    std::cout << j.dump(2) << "\n";
  } else {
    for (const auto& note : report->notes) std::cerr << "note: " << note << "\n";
    std::cerr << "wrote " << (report->files.size() == 1 ? report->files.front() : seriesFolderFor(out)) << " ("
              << report->files.size() << " file(s), " << report->mapping << ")\n";
  }
  return 0;
}

namespace {

// The fused slices as one grey NIfTI volume on A's grid (values 0..1).
int writeFusedNifti(const ImageSeries& a, const std::vector<FusionResult>& results, const FuseVolumeRequest& request) {
  const bool json = request.json;
  auto geometry = seriesGeometry(a);
  if (!geometry) return reportError(geometry.error(), json);
  Volume fused;
  fused.geometry = *geometry;
  fused.meta = a.slices.front().meta;
  fused.meta.units.clear();
  if (static_cast<int>(results.size()) != geometry->size[2]) {
    return reportError({ErrorCode::Internal, "fused slice count differs from A's grid", request.out}, json);
  }
  for (const auto& r : results) {
    if (r.fused.channels != 1) {
      return reportError(
          {ErrorCode::UnsupportedFormat,
           "the fused volume is in colour; NIfTI output is for grey volumes (write .dcm instead)", request.out},
          json);
    }
    fused.voxels.insert(fused.voxels.end(), r.fused.pixels.begin(), r.fused.pixels.end());
  }
  if (auto w = writeNifti(request.out, fused, request.policy); !w) return reportError(w.error(), json);
  const FusionResult& first = results.front();
  if (json) {
    nlohmann::json j = resultJson(first);
    j["output"] = request.out;
    if (!request.alignment.is_null()) j["alignment"] = request.alignment;
    j["slices"] = results.size();
    j["geometry"] = describeGeometry(fused.geometry);
    std::cout << j.dump(2) << "\n";
  } else {
    for (const auto& note : first.notes) std::cerr << "note: " << note << "\n";
    std::cerr << "wrote " << request.out << " (" << results.size() << " slices on A's grid, "
              << describeGeometry(fused.geometry) << ")\n";
  }
  return 0;
}

}  // namespace

int runFuseVolume(const ImageSeries& a, const ImageSeries& b, const FuseVolumeRequest& request) {
  const bool json = request.json;
  auto engine = Engine::create(request.config);
  if (!engine) return reportError(engine.error(), json);
  auto results = fuseVolumes(**engine, a, b, request.options, [&](const std::string& stage, double fraction) {
    if (!json && stage == "decode") std::cerr << "\rfusing: " << static_cast<int>(fraction * 100.0 + 0.5) << "%";
  });
  if (!json) std::cerr << "\n";
  if (!results) return reportError(results.error(), json);
  if (isNiftiPath(request.out)) return writeFusedNifti(a, *results, request);
  const std::string folder = seriesFolderFor(request.out);
  std::vector<ImageMeta> metasA, metasB;
  for (const auto& s : a.slices) metasA.push_back(s.meta);
  for (const auto& s : b.slices) metasB.push_back(s.meta);
  const bool dicom = request.out.size() >= 4 && (request.out.substr(request.out.size() - 4) == ".dcm" ||
                                                 request.out.substr(request.out.size() - 4) == ".DCM");
  auto report =
      dicom ? exportFusedDicom(*results, metasA, metasB, folder, request.anonymize, request.policy)
            : exportFusedPngSeries(*results, {request.pathA, request.pathB}, folder, request.policy, request.anonymize);
  if (!report) return reportError(report.error(), json);
  const FusionResult& first = results->front();
  if (json) {
    nlohmann::json j = resultJson(first);
    j["output"] = folder;
    if (!request.alignment.is_null()) j["alignment"] = request.alignment;
    j["slices"] = results->size();
    j["files"] = report->files;
    for (const auto& note : report->notes) j["notes"].push_back(note);
    std::cout << j.dump(2) << "\n";
  } else {
    for (const auto& note : first.notes) std::cerr << "note: " << note << "\n";
    for (const auto& note : report->notes) std::cerr << "note: " << note << "\n";
    std::cerr << "wrote " << folder << " (" << results->size() << " slices, " << first.device << ", "
              << static_cast<long>(first.totalMs + 0.5) << " ms per slice)\n";
  }
  return 0;
}

}  // namespace edgefuse::cli
