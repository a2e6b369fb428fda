// SPDX-License-Identifier: GPL-3.0-or-later
// edgefuse-train: trains EdgeFuse's models. Parsing and wiring only.

#include <cstring>
#include <iostream>
#include <string>

#include "TrainCommands.h"
#include "core/base/Memory.h"
#include "core/base/TopLevel.h"
#include "core/base/Version.h"

namespace {

struct Subcommand {
  const char* name;
  const char* summary;
  int (*run)(int, char**);
};

const Subcommand kSubcommands[] = {
    {"fusion", "train the EH-DRAN fusion autoencoder on the AANLIB pairs", edgefuse::train::runFusion},
    {"pack", "pack the AANLIB folder into one tensor file (for machines without OpenCV)", edgefuse::train::runPack},
#ifdef EDGEFUSE_WITH_CLASSIFIER
    {"classifier", "train the brain-tumour classifier on labelled image folders", edgefuse::train::runClassifier},
    {"classifier-eval", "measure a classifier model on a labelled image folder (e.g. a held-out test set)",
     edgefuse::train::runClassifierEval},
#endif
};

void printUsage() {
  std::cout << "Usage: edgefuse-train SUBCOMMAND [options]\n\nEdgeFuse " << edgefuse::kVersion
            << " model training.\n\nSubcommands:\n";
  for (const auto& s : kSubcommands) std::cout << "  " << s.name << "\t" << s.summary << "\n";
  std::cout << "\nRun 'edgefuse-train SUBCOMMAND --help' for its options.\n";
}

int dispatch(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    printUsage();
    return argc < 2 ? 2 : 0;
  }
  if (std::strcmp(argv[1], "--version") == 0) {
    std::cout << "edgefuse-train " << edgefuse::kVersion << "\n" << edgefuse::kLicenseNotice << "\n";
    return 0;
  }
  for (const auto& s : kSubcommands) {
    if (argv[1] == std::string(s.name)) return s.run(argc, argv);
  }
  std::cerr << "edgefuse-train: error: unknown subcommand '" << argv[1] << "' (see --help)\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  edgefuse::reuseFreedMemory();  // see core/base/Memory.h
  return edgefuse::runGuarded("edgefuse-train", [&] { return dispatch(argc, argv); });
}
