// SPDX-License-Identifier: GPL-3.0-or-later
// edgefuse-cli: the headless front end. Parsing and wiring only; the work is
// done by core/. Exit codes are documented in docs/cli.md.

#include <cstring>
#include <iostream>
#include <string>

#include "Commands.h"
#include "core/base/Memory.h"
#include "core/base/TopLevel.h"
#include "core/base/Version.h"
#include "core/fusion/Engine.h"

namespace {

void printUsage() {
  std::cout << "Usage: edgefuse-cli COMMAND [options]\n\n"
               "EdgeFuse "
            << edgefuse::kVersion
            << " - multimodal medical image fusion (research use only).\n\n"
               "Commands:\n"
               "  fuse      fuse two images and write the result\n"
               "  register  register B to A (Mattes MI), resample it into A's grid, score the alignment\n"
               "  eval      fuse every pair of two folders and write a JSON report\n"
               "  demo      write the built-in head phantom pair and fuse it\n"
               "  metrics   compute the fusion-quality metrics of a fused image against its sources\n"
               "  info      describe an image, DICOM file, series folder or DICOMDIR\n"
               "  convert   convert an input to PNG or DICOM (windowing, anonymisation)\n"
               "  classify  classify images with the brain-tumour classifier (probabilities, Grad-CAM)\n"
               "  models    list the shipped models and where they were found\n"
               "  pacs      query, retrieve from and send to a PACS (echo, find, get, move, store)\n"
               "\nRun 'edgefuse-cli COMMAND --help' for the options of a command.\n"
               "  --version  print the version and the licence, and exit\n";
}

int dispatch(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    printUsage();
    return argc < 2 ? 2 : 0;
  }
  const std::string command = argv[1];
  if (command == "--version" || command == "version") {
    std::cout << "edgefuse-cli " << edgefuse::kVersion << " (LibTorch " << edgefuse::libtorchVersion() << ")\n"
              << edgefuse::kLicenseNotice << "\n";
    return 0;
  }
  if (command == "fuse") return edgefuse::cli::runFuse(argc, argv);
  if (command == "register") return edgefuse::cli::runRegister(argc, argv);
  if (command == "eval") return edgefuse::cli::runEval(argc, argv);
  if (command == "demo") return edgefuse::cli::runDemo(argc, argv);
  if (command == "metrics") return edgefuse::cli::runMetrics(argc, argv);
  if (command == "info") return edgefuse::cli::runInfo(argc, argv);
  if (command == "convert") return edgefuse::cli::runConvert(argc, argv);
  if (command == "classify") return edgefuse::cli::runClassify(argc, argv);
  if (command == "models") return edgefuse::cli::runModels(argc, argv);
  if (command == "pacs") return edgefuse::cli::runPacs(argc, argv);
  std::cerr << "edgefuse-cli: error: unknown command '" << command << "' (see edgefuse-cli --help)\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  edgefuse::reuseFreedMemory();  // see core/base/Memory.h
  return edgefuse::runGuarded("edgefuse-cli", [&] { return dispatch(argc, argv); });
}
