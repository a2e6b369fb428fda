#pragma once

namespace edgefuse::cli {

/// Each subcommand parses argv[2..] and returns the process exit code.
int runFuse(int argc, char** argv);
int runEval(int argc, char** argv);
int runDemo(int argc, char** argv);
int runMetrics(int argc, char** argv);

}  // namespace edgefuse::cli
