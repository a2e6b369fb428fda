// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/pipeline/Convert.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <regex>

#include "core/base/Version.h"
#include "core/image/Windowing.h"
#include "core/io/DicomReader.h"
#include "core/io/DicomWriter.h"
#include "core/io/ImageReader.h"
#include "core/io/PngWriter.h"
#include "core/pipeline/Export.h"

namespace edgefuse {
namespace {

namespace fs = std::filesystem;

std::string lowerExtension(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

std::string number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", v);
  return buffer;
}

std::string describeWindow(const WindowPreset& w) {
  return "window " + w.name + " (C " + number(w.center) + ", W " + number(w.width) + ")";
}

}  // namespace

std::string seriesFolderFor(const std::string& path) {
  fs::path p(path);
  return p.replace_extension().string();
}

Expected<ConvertReport> convertImage(const std::string& input, const std::string& output,
                                     const ConvertOptions& options) {
  const std::string ext = lowerExtension(output);
  if (ext != ".png" && ext != ".dcm") {
    return fail(ErrorCode::UnsupportedFormat, "the output must end in .png or .dcm", output);
  }
  if (options.pngBitDepth != 0 && options.pngBitDepth != 8 && options.pngBitDepth != 16) {
    return fail(ErrorCode::InvalidArgument, "PNG bit depth must be 8 or 16");
  }
  Expected<ImageSeries> series = options.seriesInstanceUid.empty()
                                     ? readImageSeries(input)
                                     : readDicom(input, DicomReadOptions{options.seriesInstanceUid});
  if (!series) return tl::unexpected(series.error());
  ConvertReport report;
  report.notes = series->notes;
  for (const auto& n : series->slices.front().meta.notes) report.notes.push_back(n);
  const Image& first = series->slices.front();

  std::optional<WindowPreset> window = options.window;
  if (window && first.channels != 1) {
    return fail(ErrorCode::InvalidArgument, "a window applies to grey images only; this input is colour", input);
  }
  if (!window && first.channels == 1 && !first.meta.windows.empty() && first.meta.format == "dicom") {
    window = first.meta.windows.front();
    report.notes.push_back("no window given: the file's first window is used");
  }
  report.mapping = window ? describeWindow(*window)
                          : "nominal range " + number(first.meta.nominalMin) + ".." + number(first.meta.nominalMax);
  std::vector<Image> units;
  units.reserve(series->size());
  for (const auto& slice : series->slices)
    units.push_back(window ? applyWindow(slice, *window) : toUnitByNominalRange(slice));

  std::vector<ImageMeta> metas;
  for (const auto& s : series->slices) metas.push_back(s.meta);
  OutputPolicy policy = options.policy;
  policy.protectedPaths.push_back(input);
  // A DICOM output must not land beside a DICOM input (it would add a
  // foreign series to a series folder); a PNG may.
  if (ext == ".dcm") {
    for (const auto& p : protectedSourcePaths(metas)) policy.protectedPaths.push_back(p);
  }
  const bool many = series->size() > 1;
  const std::string target = many ? seriesFolderFor(output) : output;
  // File names often carry patient names or record numbers: with anonymize
  // the input is described by its kind only.
  fs::path inputPath(input);
  if (!inputPath.has_filename()) inputPath = inputPath.parent_path();
  const std::string kind = first.meta.modality.empty() ? first.meta.format : first.meta.modality;
  const std::string sourceName = options.anonymize ? kind : inputPath.filename().string();

  if (ext == ".dcm") {
    std::vector<DerivedImage> images;
    for (std::size_t i = 0; i < units.size(); ++i) images.push_back({units[i], {metas[i]}});
    DicomExportOptions dicom;
    dicom.anonymize = options.anonymize;
    dicom.seriesDescription = "EdgeFuse conversion (research)";
    dicom.derivationDescription = std::string("Converted by ") + kApplicationName + " " + kVersion + ": " +
                                  report.mapping + ", scaled to 0..65535 (grey) or 0..255 (RGB).";
    const std::string sourceText = options.anonymize || first.meta.identity.seriesInstanceUid.empty()
                                       ? kind
                                       : first.meta.modality + " series " + first.meta.identity.seriesInstanceUid;
    dicom.imageComments =
        "Converted from " + (options.anonymize ? sourceText : sourceText + " (" + sourceName + ")") + ".";
    auto files = writeDerivedDicomSeries(target, images, dicom, policy);
    if (!files) return tl::unexpected(files.error());
    report.files = std::move(*files);
    return report;
  }

  const int bitDepth =
      options.pngBitDepth != 0 ? options.pngBitDepth : (!window && first.meta.bitsStored <= 8 ? 8 : 16);
  // Provenance without patient data: the source by file name only, or by
  // its kind when anonymising.
  const std::vector<PngTextEntry> text = {
      {"Software", std::string(kApplicationName) + " " + kVersion},
      {"Description", "Converted from " + sourceName + ": " + report.mapping + ". " + kNotForDiagnosis},
      {"Source", sourceName},
      {"Creation Time", utcNowIso8601()},
  };
  if (!many) {
    auto ok = writePng(target, units.front(), bitDepth, text, policy);
    if (!ok) return tl::unexpected(ok.error());
    report.files.push_back(target);
    return report;
  }
  static const std::regex ownFile("[0-9]{4,}\\.png");
  auto ok = writeFolderAtomically(
      target, policy, [](const std::string& name) { return std::regex_match(name, ownFile); },
      [&](const std::string& staging) -> Expected<void> {
        for (std::size_t i = 0; i < units.size(); ++i) {
          char name[32];
          std::snprintf(name, sizeof name, "%04zu.png", i + 1);
          auto written = writePng((fs::path(staging) / name).string(), units[i], bitDepth, text);
          if (!written) return written;
          report.files.push_back((fs::path(target) / name).string());
        }
        return {};
      });
  if (!ok) return tl::unexpected(ok.error());
  return report;
}

}  // namespace edgefuse
