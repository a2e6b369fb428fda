// SPDX-License-Identifier: GPL-3.0-or-later
// edgefuse-cli metrics: every fusion-quality metric of one fusion A, B → F.

#include <cstdio>
#include <iostream>

#include "CliOutput.h"
#include "Commands.h"
#include "core/image/Color.h"
#include "core/image/Normalize.h"
#include "core/io/ImageReader.h"
#include "core/metrics/MetricCatalogue.h"
#include "core/metrics/MetricReport.h"

namespace edgefuse::cli {
namespace {

/// A file as a [0,1] grey image: colour → BT.601 luma (said in `notes`), then
/// the chosen normalisation (its notes too).
Expected<Image> loadForMetrics(const std::string& path, const std::string& role, Normalization normalization,
                               bool& colour, std::vector<std::string>& notes) {
  auto image = readImage(path);
  if (!image) return tl::unexpected(image.error());
  for (const auto& note : image->meta.notes) notes.push_back(role + ": " + note);
  colour = image->isColour();
  Image grey = colour ? lumaOf(*image) : *image;
  if (colour) notes.push_back(role + " is colour: its Y channel (full-range BT.601 luma) is measured");
  std::vector<std::string> normalizationNotes;
  Image unit = normalizeToUnit(grey, normalization, &normalizationNotes);
  for (const auto& note : normalizationNotes) notes.push_back(role + ": " + note);
  return unit;
}

std::string formatValue(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", v);
  return text;
}

}  // namespace

int runMetrics(int argc, char** argv) {
  ArgParser parser("edgefuse-cli metrics --a A --b B --fused F [--json] [--normalize minmax|range]",
                   "Computes every fusion-quality metric (PSNR, SSIM, MS-SSIM, MI, NMI, FMI, FSIM, CC, SCD, VIF, Qabf, "
                   "Nabf, EN, SD, SF, AG, ...) of the fused image F against the sources A and B. Colour images are "
                   "measured on their Y channel; every input is scaled to [0,1] first. docs/metrics.md gives each "
                   "metric's formula and convention.");
  parser.option("a", "FILE", "Source image A (the anatomical image, e.g. MRI)");
  parser.option("b", "FILE", "Source image B (CT, SPECT, PET, ...)");
  parser.option("fused", "FILE", "Fused image F (same size as A and B)");
  parser.option("normalize", "MODE",
                "Scaling of each input to [0,1]: minmax (per image min-max) | range (divide by the pixel type's "
                "maximum, e.g. 255 or 65535)",
                "minmax");
  parser.flag("full-precision",
              "Also compute FMI, VIF and Qabf on the full-precision images (keys fmi_float, vif_float, qabf_float, "
              "...); by default they are computed on the 8-bit images, as the papers did");
  parser.flag("json",
              "Print the values as JSON: {\"metrics\", \"per_source\": {\"a\", \"b\"}, \"conventions\", "
              "\"notes\", \"inputs\"}");
  if (auto ok = parser.parse(argc, argv, 2); !ok) return reportError(ok.error(), false);
  if (parser.helpRequested()) {
    std::cout << parser.helpText();
    return 0;
  }
  const bool json = parser.has("json");
  for (const char* required : {"a", "b", "fused"}) {
    if (!parser.has(required)) {
      return reportError({ErrorCode::InvalidArgument, std::string("--") + required + " is required", ""}, json);
    }
  }
  auto normalization = parseNormalization(parser.value("normalize"));
  if (!normalization) return reportError(normalization.error(), json);

  std::vector<std::string> notes;
  bool colourA = false, colourB = false, colourF = false;
  auto a = loadForMetrics(parser.value("a"), "A", *normalization, colourA, notes);
  if (!a) return reportError(a.error(), json);
  auto b = loadForMetrics(parser.value("b"), "B", *normalization, colourB, notes);
  if (!b) return reportError(b.error(), json);
  auto f = loadForMetrics(parser.value("fused"), "F", *normalization, colourF, notes);
  if (!f) return reportError(f.error(), json);
  MetricOptions metricOptions;
  metricOptions.fullPrecision = parser.has("full-precision");
  auto report = computeMetrics(*a, *b, *f, metricOptions);
  if (!report) return reportError(report.error(), json);
  for (const auto& note : report->notes) notes.push_back(note);

  if (json) {
    nlohmann::json j;
    j["metrics"] = nlohmann::json::object();
    j["per_source"] = {{"a", nlohmann::json::object()}, {"b", nlohmann::json::object()}};
    j["conventions"] = nlohmann::json::object();
    for (const MetricInfo& info : metricCatalogue()) {
      if (!report->values.count(info.key)) continue;
      j["metrics"][info.key] = report->values.at(info.key);
      if (info.perSource) {
        j["per_source"]["a"][info.key] = report->sourceA.at(info.key);
        j["per_source"]["b"][info.key] = report->sourceB.at(info.key);
      }
      j["conventions"][info.key] = info.convention;
    }
    j["notes"] = notes;
    j["inputs"] = {{"a", parser.value("a")},         {"b", parser.value("b")},
                   {"fused", parser.value("fused")}, {"normalization", normalizationName(*normalization)},
                   {"size", {f->width, f->height}},  {"colour", {{"a", colourA}, {"b", colourB}, {"fused", colourF}}}};
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  for (const auto& note : notes) std::cerr << "note: " << note << "\n";
  std::printf("%-22s %12s %12s %12s  %s\n", "metric", "value", "vs A", "vs B", "better");
  for (const MetricInfo& info : metricCatalogue()) {
    if (!report->values.count(info.key)) continue;
    const std::string label = std::string(info.key) + (info.unit[0] == '\0' ? "" : std::string(" (") + info.unit + ")");
    const std::string va = info.perSource ? formatValue(report->sourceA.at(info.key)) : "",
                      vb = info.perSource ? formatValue(report->sourceB.at(info.key)) : "";
    std::printf("%-22s %12s %12s %12s  %s\n", label.c_str(), formatValue(report->values.at(info.key)).c_str(),
                va.c_str(), vb.c_str(), info.higherIsBetter ? "higher" : "lower");
  }
  return 0;
}

}  // namespace edgefuse::cli
