#pragma once

namespace edgefuse::train {

/// Each subcommand parses argv[2..] and returns the process exit code.
int runFusion(int argc, char** argv);
int runPack(int argc, char** argv);

}  // namespace edgefuse::train
