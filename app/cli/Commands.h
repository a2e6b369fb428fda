// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/base/AtomicFile.h"
#include "core/base/Error.h"
#include "core/classify/ClassifierTypes.h"
#include "core/fusion/Engine.h"
#include "core/image/Image.h"
#include "core/pipeline/PreparePair.h"

namespace edgefuse::cli {
class ArgParser;
}

namespace edgefuse::cli {

/// Each subcommand parses argv[2..] and returns the process exit code.
int runFuse(int argc, char** argv);
int runEval(int argc, char** argv);
int runDemo(int argc, char** argv);
int runMetrics(int argc, char** argv);
int runInfo(int argc, char** argv);
int runConvert(int argc, char** argv);
int runModels(int argc, char** argv);    // ModelCommands.cpp
int runRegister(int argc, char** argv);  // RegisterCommands.cpp

/// The alignment options of fuse (--align, --transform, --interpolation,
/// --force-unaligned), and their values.
void addAlignOptions(ArgParser& parser);
Expected<AlignOptions> alignOptionsFrom(const ArgParser& parser);

/// A and B ready to fuse slice by slice: B on A's grid.
struct AlignedInputs {
  ImageSeries a;
  ImageSeries b;
  nlohmann::json json;  ///< the "alignment" object (null for --align none)
  std::vector<std::string> notes;
};

/// Brings B onto A's grid as `options` say (preparePair) and applies the
/// gate: AlignmentRefused unless it passes or `force`. With --align none the
/// series are passed through. Progress on stderr unless `quiet`.
Expected<AlignedInputs> alignInputs(ImageSeries a, ImageSeries b, const AlignOptions& options, bool force, bool quiet);

/// The JSON "alignment" object of a prepared pair.
nlohmann::json alignmentJson(const PreparedPair& pair, bool forced);

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
  nlohmann::json alignment;  ///< from alignInputs, added to the JSON output
};

/// The volume branch of `fuse` (IoCommands.cpp): fuses two series slice by
/// slice and writes a series folder. Returns the exit code.
int runFuseVolume(const ImageSeries& a, const ImageSeries& b, const FuseVolumeRequest& request);

int runClassify(int argc, char** argv);  // ClassifyCommands.cpp
int runPacs(int argc, char** argv);      // PacsCommands.cpp

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
