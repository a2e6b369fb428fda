#pragma once

#include <string>

#include "core/base/AtomicFile.h"
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

}  // namespace edgefuse::cli
