// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

namespace edgefuse::train {

/// Each subcommand parses argv[2..] and returns the process exit code.
int runFusion(int argc, char** argv);
int runPack(int argc, char** argv);
int runClassifier(int argc, char** argv);      // ClassifierTrainCommand.cpp
int runClassifierEval(int argc, char** argv);  // ClassifierTrainCommand.cpp

}  // namespace edgefuse::train
