// SPDX-License-Identifier: GPL-3.0-or-later
// edgefuse_make_test_model DIR [SEED]: writes a model folder with seeded
// random EH-DRAN weights (for end-to-end tests and manual GUI checks before
// the shipped model exists). Not installed.

#include <cstdlib>
#include <iostream>
#include <string>

#include "tests/support/RandomModel.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: edgefuse_make_test_model DIR [SEED]\n";
    return 2;
  }
  const std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 42;
  auto written = edgefuse::test::writeRandomEhDranModel(argv[1], seed);
  if (!written) {
    std::cerr << "error: " << written.error().describe() << "\n";
    return 1;
  }
  std::cout << *written << "\n";
  return 0;
}
