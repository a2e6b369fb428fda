// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the DICOM reader on arbitrary bytes, through the file
// path the application uses (DCMTK reads large values lazily from the file).
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/io/DicomReader.h"

namespace {

// A private folder for the input file, so that a fuzzed DICOMDIR can only
// reference files in an empty folder.
const std::string& inputPath() {
  static const std::string path = [] {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp != nullptr ? tmp : "/tmp") + "/edgefuse-dicom-fuzz-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    return pattern + "/input.dcm";
  }();
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path = inputPath();
  FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) std::abort();
  if (size > 0 && std::fwrite(data, 1, size, file) != size) std::abort();
  std::fclose(file);
  auto series = edgefuse::readDicomFile(path);
  if (series) {
    // Touch every pixel so that a wrong size shows up under AddressSanitizer.
    volatile float sink = 0.0f;
    for (const auto& slice : series->slices) {
      for (float v : slice.pixels) sink = sink + v;
    }
  }
  return 0;
}
