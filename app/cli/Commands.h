#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/base/AtomicFile.h"
#include "core/base/Error.h"
#include "core/classify/ClassifierTypes.h"
#include "core/fusion/Engine.h"
#include "core/image/Image.h"

namespace edgefuse::cli {

/// Each subcommand parses argv[2..] and returns the process exit code.
int runFuse(int argc, char** argv);
int runEval(int argc, char** argv);
int runDemo(int argc, char** argv);
int runMetrics(int argc, char** argv);
int runInfo(int argc, char** argv);
int runConvert(int argc, char** argv);
int runModels(int argc, char** argv);  // ModelCommands.cpp

/// What `fuse` passes on when its inputs are volumes.
struct FuseVolumeRequest {
  std::string pathA;
  std::string pathB;
  std::string out;  ///< .dcm: DICOM series folder; .png: PNG folder (named like `out` without extension)
  EngineConfig config;
  FusionOptions options;
  OutputPolicy policy;
  bool anonymize = false;
  bool json = false;
};

/// The volume branch of `fuse` (IoCommands.cpp): fuses two series slice by
/// slice and writes a series folder. Returns the exit code.
int runFuseVolume(const ImageSeries& a, const ImageSeries& b, const FuseVolumeRequest& request);

int runClassify(int argc, char** argv);  // ClassifyCommands.cpp

/// The JSON object of one classification: label, probability, probabilities
/// per class, labels (the model's order), model, kind, out_of_distribution, note,
/// no_structure, neighbour_correlation, notes, ms.
nlohmann::json classificationJson(const Classification& classification);

/// For `fuse --classify`: loads the classifier `modelSpec` and classifies A
/// (as an MRI), B (as CT/SPECT/PET, or MRI when its DICOM modality is MR) and
/// the fused image; returns {"model", "a", "b", "fused"}.
Expected<nlohmann::json> classifyFusion(const std::string& modelSpec, const Image& a, const Image& b,
                                        const Image& fused);

}  // namespace edgefuse::cli
