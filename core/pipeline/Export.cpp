#include "core/pipeline/Export.h"

#include <filesystem>

#include "core/base/Version.h"
#include "core/fusion/Engine.h"
#include "core/io/PngWriter.h"

namespace edgefuse {

Provenance provenanceOf(const FusionResult& result, const std::vector<std::string>& sources) {
  Provenance p;
  p.software = std::string(kApplicationName) + " " + kVersion;
  p.modelName = result.modelName;
  p.modelVersion = result.modelVersion;
  p.weightsSha256 = result.modelSha256;
  p.method = result.method;
  p.strategy = result.strategy;
  p.bnMode = result.bnMode;
  p.normalization = result.normalization;
  p.device = result.device;
  p.torchVersion = libtorchVersion();
  p.sources = sources;
  p.createdUtc = utcNowIso8601();
  p.notes = result.notes;
  return p;
}

Expected<void> exportFusedPng(const FusionResult& result, const std::string& path,
                              const std::vector<std::string>& sourcePaths, const OutputPolicy& policy) {
  // PNG text never carries patient identity: sources by file name only.
  std::vector<std::string> names;
  for (const auto& s : sourcePaths) names.push_back(std::filesystem::path(s).filename().string());
  OutputPolicy guarded = policy;
  guarded.protectedPaths.insert(guarded.protectedPaths.end(), sourcePaths.begin(), sourcePaths.end());
  return writePng(path, result.fused, result.colour ? 8 : 16, provenanceOf(result, names).pngText(), guarded);
}

}  // namespace edgefuse
